/**
 * The simulator's data files and temp contents over plain HTTP: quotas, 413 and 409, list
 * filters and pages, batch 207s, connections, tus statuses, and the catalog entries.
 */
import { existsSync } from 'node:fs';

import { startSimulator, type Simulator } from './simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({
		quiet: true,
		rateLimits: false,
		dataFiles: { maxFileSize: 1000 },
		catalogDelayMs: 20,
	});
});
afterAll(async () => sim.close());

async function call(method: string, path: string, init: RequestInit = {}) {
	const answer = await fetch(`${sim.url}${path}`, {
		method,
		...init,
		headers: {
			Authorization: `Bearer ${sim.credentials.apiKey}`,
			...((init.headers as Record<string, string>) ?? {}),
		},
	});
	const text = await answer.text();
	let body: Record<string, unknown> = {};
	try {
		body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
	} catch {
		body = { text };
	}
	return { status: answer.status, headers: answer.headers, body };
}

const json = (value: unknown) => ({
	body: JSON.stringify(value),
	headers: { 'Content-Type': 'application/json' },
});

function form(name: string, content: string, extra: Record<string, unknown> = {}) {
	const data = new FormData();
	data.set('File', new Blob([content]), name);
	data.set('Json', new Blob([JSON.stringify({ name, ...extra })], { type: 'application/json' }));
	return { body: data };
}

async function space(name: string): Promise<{ spaceId: string; connectionId: string }> {
	const created = await call('POST', '/api/v1/spaces', json({ name, type: 'shared' }));
	const spaceId = String(created.body.id);
	const list = await call('GET', `/api/v1/data-files/connections?spaceId=${spaceId}`);
	const [connection] = list.body.data as Array<Record<string, unknown>>;
	expect(connection).toMatchObject({ qName: 'DataFiles', qType: 'qix-datafiles.exe', spaceId });
	return { spaceId, connectionId: String(connection.id) };
}

it('quotas come from the options and can be changed', async () => {
	expect((await call('GET', '/api/v1/data-files/quotas')).body).toMatchObject({
		maxFileSize: 1000,
		maxLargeFileSize: 6 * 1024 ** 3,
	});
	sim.dataFiles.setQuotas({ maxFileSize: 2000 });
	expect((await call('GET', '/api/v1/data-files/quotas')).body.maxFileSize).toBe(2000);
	sim.dataFiles.setQuotas({ maxFileSize: 1000 });
});

it('uploads to disk; 413 above the limit, 409 on a duplicate name; the catalog follows', async () => {
	const { spaceId, connectionId } = await space('Files A');
	const ok = await call(
		'POST',
		'/api/v1/data-files',
		form('a.csv', 'x,y\n1,2\n', { connectionId }),
	);
	expect(ok.status).toBe(201);
	const id = String(ok.body.id);
	expect(ok.body).toMatchObject({ name: 'a.csv', size: 8, spaceId });
	const stored = sim.dataFiles.stored(id)!;
	expect(existsSync(stored.path)).toBe(true);

	const big = await call(
		'POST',
		'/api/v1/data-files',
		form('b.csv', 'z'.repeat(1001), { connectionId }),
	);
	expect(big.status).toBe(413);
	const dup = await call('POST', '/api/v1/data-files', form('a.csv', 'q', { connectionId }));
	expect(dup.status).toBe(409);
	const bad = await call('POST', '/api/v1/data-files', form('c?.csv', 'q', { connectionId }));
	expect(bad.status).toBe(400);

	await new Promise((r) => setTimeout(r, 100));
	const items = await call(
		'GET',
		`/api/v1/items?resourceType=dataset&name=a.csv&spaceId=${spaceId}`,
	);
	const [item] = items.body.data as Array<Record<string, unknown>>;
	expect(item).toMatchObject({ resourceType: 'dataset', name: 'a.csv', spaceId });
	const dataSet = await call('GET', `/api/v1/data-sets/${String(item.resourceId)}`);
	expect(dataSet.body).toMatchObject({ name: 'a.csv', technicalName: 'a.csv', rowCount: 1 });

	expect((await call('DELETE', `/api/v1/data-files/${id}`)).status).toBe(204);
	expect(existsSync(stored.path)).toBe(false);
	const after = await call(
		'GET',
		`/api/v1/items?resourceType=dataset&name=a.csv&spaceId=${spaceId}`,
	);
	expect(after.body.data).toEqual([]);
	expect((await call('GET', `/api/v1/data-sets/${String(item.resourceId)}`)).status).toBe(404);
});

it('lists with filters and cursor pages; batch actions answer 207 per item', async () => {
	const { spaceId, connectionId } = await space('Files B');
	const other = await space('Files C');
	const ids: string[] = [];
	for (const name of ['f1.csv', 'f2.csv', 'dir/f3.csv']) {
		const r = await call('POST', '/api/v1/data-files', form(name, 'a', { connectionId }));
		ids.push(String(r.body.id));
	}
	const page1 = await call('GET', `/api/v1/data-files?connectionId=${connectionId}&limit=2`);
	expect(page1.body.data).toHaveLength(2);
	const next = (page1.body.links as { next: { href: string } }).next.href;
	const page2 = await call('GET', new URL(next).pathname + new URL(next).search);
	expect(page2.body.data).toHaveLength(1);
	const inDir = await call('GET', `/api/v1/data-files?connectionId=${connectionId}&folderPath=dir`);
	expect((inDir.body.data as Array<{ name: string }>).map((f) => f.name)).toEqual(['dir/f3.csv']);

	const moved = await call(
		'POST',
		'/api/v1/data-files/actions/change-space',
		json({ 'change-space': [{ id: ids[0], spaceId: other.spaceId }, { id: 'nope' }] }),
	);
	expect(moved.status).toBe(207);
	expect(moved.body.data).toEqual([
		{ id: ids[0], code: 'HTTP-204', status: 204 },
		expect.objectContaining({ id: 'nope', status: 404, code: 'HTTP-404' }),
	]);
	expect((await call('GET', `/api/v1/data-files/${ids[0]}`)).body.spaceId).toBe(other.spaceId);

	const deleted = await call(
		'POST',
		'/api/v1/data-files/actions/delete',
		json({ delete: [{ id: ids[1] }, { id: 'gone' }] }),
	);
	expect(deleted.body.data).toEqual([
		{ id: ids[1], code: 'HTTP-204', status: 204 },
		expect.objectContaining({ id: 'gone', status: 404 }),
	]);
	// a space that still holds files cannot be deleted
	expect((await call('DELETE', `/api/v1/spaces/${spaceId}`)).status).toBe(412);
});

it('the personal connection, and a connection by ID', async () => {
	const personal = await call('GET', '/api/v1/data-files/connections?personal=true');
	const [mine] = personal.body.data as Array<Record<string, unknown>>;
	expect(mine).toMatchObject({ qName: 'DataFiles', qType: 'qix-datafiles.exe' });
	expect(mine.spaceId).toBeUndefined();
	const one = await call('GET', `/api/v1/data-files/connections/${String(mine.id)}`);
	expect(one.body.id).toBe(mine.id);
});

it('tus: 412 other version, 409 offset mismatch, 413 too large, HEAD offset, import by tempContentFileId', async () => {
	const tus = { 'Tus-Resumable': '1.0.0' };
	expect(
		(
			await call('POST', '/api/v1/temp-contents/files', {
				headers: { 'Tus-Resumable': '0.2', 'Upload-Length': '3' },
			})
		).status,
	).toBe(412);
	expect(
		(
			await call('POST', '/api/v1/temp-contents/files', {
				headers: { ...tus, 'Upload-Length': String(7 * 1024 ** 3) },
			})
		).status,
	).toBe(413);
	const created = await call('POST', '/api/v1/temp-contents/files', {
		headers: {
			...tus,
			'Upload-Length': '6',
			'Upload-Metadata': `filename ${Buffer.from('t.csv').toString('base64')}`,
		},
	});
	expect(created.status).toBe(201);
	const path = new URL(String(created.headers.get('location'))).pathname;
	const patch = (offset: number, body: string) =>
		call('PATCH', path, {
			body,
			headers: {
				...tus,
				'Upload-Offset': String(offset),
				'Content-Type': 'application/offset+octet-stream',
			},
		});
	expect((await patch(0, 'a,')).status).toBe(204);
	expect((await patch(0, 'a,')).status).toBe(409);
	const head = await call('HEAD', path, { headers: tus });
	expect(head.headers.get('upload-offset')).toBe('2');
	expect((await patch(2, 'b\n1\n')).status).toBe(204);

	const id = path.split('/').pop()!;
	const details = await call('GET', `/api/v1/temp-contents/${id}/details`);
	expect(details.body).toMatchObject({ ID: id, Name: 't.csv', Size: '6' });
	const data = new FormData();
	data.set(
		'Json',
		new Blob([JSON.stringify({ name: 'imported.csv', tempContentFileId: id })], {
			type: 'application/json',
		}),
	);
	const imported = await call('POST', '/api/v1/data-files', { body: data });
	expect(imported.status).toBe(201);
	expect(imported.body).toMatchObject({ name: 'imported.csv', size: 6 });
	// taken over: the temp content is gone
	expect((await call('GET', `/api/v1/temp-contents/${id}`)).status).toBe(404);
});
