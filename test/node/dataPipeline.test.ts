/**
 * Data files' composite operations through the node: Get Data Set (waits for the catalog), Get
 * Space Connection, and the batch Delete Many / Change Space (Many) with one request per batch
 * and each input item's own result from the 207 answer.
 *
 * Until the simulator serves data files itself, the generic store holds uploaded files and the
 * two batch actions are served by the stand-in routes below (the real routes win once they exist:
 * routes registered by the simulator come first).
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator, simApi } from '../helpers/sim';
import type { Route, RouteContext } from '../simulator/types';

const FILES = '/api/v1/data-files';

function genericFiles(ctx: RouteContext) {
	return ctx.core.state.generic.items.get(FILES) ?? new Map<string, IDataObject>();
}

/** Qlik's batch semantics over the generic store: 204 per file done, 404 for an unknown ID. */
const standIns: Route[] = [
	{
		method: 'POST',
		path: `${FILES}/actions/delete`,
		tier: '2',
		handler: (ctx) => {
			const list = ((ctx.body as IDataObject).delete ?? []) as IDataObject[];
			const data = list.map(({ id }) =>
				genericFiles(ctx).delete(String(id))
					? { id, code: 'HTTP-204', status: 204 }
					: {
							id,
							code: 'HTTP-404',
							status: 404,
							title: 'Not found',
							detail: `No data file ${String(id)}.`,
						},
			);
			return { status: 207, body: { data } };
		},
	},
	{
		method: 'POST',
		path: `${FILES}/actions/change-space`,
		tier: '2',
		handler: (ctx) => {
			const list = ((ctx.body as IDataObject)['change-space'] ?? []) as IDataObject[];
			const data = list.map(({ id, spaceId }) => {
				const file = genericFiles(ctx).get(String(id));
				if (!file)
					return {
						id,
						code: 'HTTP-404',
						status: 404,
						title: 'Not found',
						detail: `No data file ${String(id)}.`,
					};
				file.spaceId = spaceId ?? undefined;
				return { id, code: 'HTTP-204', status: 204 };
			});
			return { status: 207, body: { data } };
		},
	},
];

const sim = useSimulator({}, standIns);

const api = (method: string, path: string, body?: unknown) => simApi(sim(), method, path, body);

async function newSpace(): Promise<string> {
	return String(
		(await api('POST', '/api/v1/spaces', { name: `Pipeline ${randomUUID()}`, type: 'shared' })).id,
	);
}

/** The DataFiles connection of a space (seeded while the simulator has none of its own). */
async function connectionOf(spaceId: string): Promise<string> {
	const list = (await api('GET', `${FILES}/connections?spaceId=${spaceId}`)).data as IDataObject[];
	const found = list?.find((c) => c.spaceId === spaceId);
	if (found) return String(found.id);
	const id = randomUUID();
	sim().seed(`${FILES}/connections/${id}`, {
		name: 'DataFiles',
		type: 'qix-datafiles.exe',
		spaceId,
		connectStatement: `CUSTOM CONNECT TO "provider=qix-datafiles.exe;path=${spaceId}:datafiles;"`,
	});
	return id;
}

/** Uploads a file over HTTP (multipart File + Json); returns its ID. */
async function upload(name: string, connectionId?: string, catalogDelayMs = 300): Promise<string> {
	const form = new FormData();
	form.set('File', new Blob(['id,amount\n1,10\n2,20\n'], { type: 'text/csv' }), name);
	form.set(
		'Json',
		new Blob([JSON.stringify({ name, ...(connectionId ? { connectionId } : {}) })], {
			type: 'application/json',
		}),
		'',
	);
	const answer = await fetch(`${sim().url}${FILES}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sim().credentials.apiKey}` },
		body: form,
	});
	if (answer.status !== 201) throw new Error(`upload: ${answer.status} ${await answer.text()}`);
	const file = (await answer.json()) as IDataObject;
	const id = String(file.id);
	// Stand-in for the catalog while data files live in the generic store.
	const stored = sim().state.generic.items.get(FILES)?.get(id);
	if (stored && connectionId) {
		const connection = sim().state.generic.items.get(`${FILES}/connections`)?.get(connectionId);
		const spaceId = connection?.spaceId as string | undefined;
		stored.spaceId = spaceId;
		setTimeout(() => {
			const dataSetId = randomUUID().replace(/-/g, '').slice(0, 24);
			sim().seed(`/api/v1/data-sets/${dataSetId}`, {
				name,
				technicalName: name,
				qri: `qdf:qix-datafiles:t:sid@${spaceId}:${name}`,
			});
			sim().seed(`/api/v1/items/${randomUUID()}`, {
				resourceType: 'dataset',
				name,
				spaceId,
				resourceId: dataSetId,
				resourceAttributes: { dataStoreName: 'DataFilesStore', dataStoreType: 'qix-datafiles' },
			});
		}, catalogDelayMs);
	}
	return id;
}

const run = (parameters: IDataObject, items?: INodeExecutionData[], continueOnFail = false) =>
	runNode({ parameters, credential: apiKeyCredential(sim()), items, continueOnFail });

describe('Data File → Get Data Set', () => {
	it('by file ID: waits for the catalog, then outputs the data set', async () => {
		const spaceId = await newSpace();
		const fileId = await upload('sales.csv', await connectionOf(spaceId));
		sim().clearLog();
		const result = await run({
			resource: 'dataFile',
			operation: 'getDataSet',
			fileId: rl(fileId),
			waitTimeout: 30,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ name: 'sales.csv' });
		const searches = requests(sim(), 'GET', '/api/v1/items');
		expect(searches.length).toBeGreaterThanOrEqual(1);
		expect(searches[0].query).toMatchObject({
			resourceType: 'dataset',
			name: 'sales.csv',
			spaceId,
		});
		expect(requests(sim(), 'GET', /^\/api\/v1\/data-sets\//)).toHaveLength(1);
	});

	it('by name and space', async () => {
		const spaceId = await newSpace();
		await upload('by-name.csv', await connectionOf(spaceId), 0);
		const result = await run({
			resource: 'dataFile',
			operation: 'getDataSet',
			locateBy: 'name',
			fileName: 'by-name.csv',
			spaceId: rl(spaceId),
			waitTimeout: 30,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ name: 'by-name.csv' });
	});

	it('fails with a clear message when the catalog has nothing within the timeout', async () => {
		const spaceId = await newSpace();
		sim().clearLog();
		const result = await run({
			resource: 'dataFile',
			operation: 'getDataSet',
			locateBy: 'name',
			fileName: 'never.csv',
			spaceId: rl(spaceId),
			waitTimeout: 1,
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			`No data set for data file "never.csv" in space ${spaceId} after 1 s`,
		);
		expect(result.error?.description).toMatch(/Raise "Timeout \(Seconds\)"/);
		expect(requests(sim(), 'GET', '/api/v1/items').length).toBeGreaterThanOrEqual(2);
	});

	it('bad input fails before any request', async () => {
		sim().clearLog();
		const result = await run({
			resource: 'dataFile',
			operation: 'getDataSet',
			locateBy: 'name',
			fileName: '  ',
		});
		expect(result.error?.message).toBe('The "File Name" parameter is empty');
		expect(sim().log).toHaveLength(0);
	});
});

describe('Data File → Get Space Connection', () => {
	it("outputs the space's DataFiles connection", async () => {
		const spaceId = await newSpace();
		const connectionId = await connectionOf(spaceId);
		sim().clearLog();
		const result = await run({
			resource: 'dataFile',
			operation: 'getSpaceConnection',
			spaceId: rl(spaceId),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: connectionId, spaceId });
		expect(requests(sim(), 'GET', `${FILES}/connections`)[0].query).toEqual({ spaceId });
	});

	it('says so when the space has none', async () => {
		const result = await run({
			resource: 'dataFile',
			operation: 'getSpaceConnection',
			spaceId: rl('000000000000000000000000'),
		});
		expect(result.error?.message).toBe(
			'Qlik Cloud has no DataFiles connection for space 000000000000000000000000',
		);
	});
});

describe('Data File → Delete Many and Change Space (Many) in batches', () => {
	const asItems = (ids: string[]) => ids.map((id) => ({ json: { id } }));

	it('one request per batch; each item its own result, paired to it', async () => {
		const ids = await Promise.all(
			[1, 2, 3, 4, 5].map((n) => upload(`batch-${n}-${randomUUID()}.csv`)),
		);
		sim().clearLog();
		const result = await run(
			{ resource: 'dataFile', operation: 'deleteMany', batchSize: 2 },
			asItems(ids),
		);
		expect(result.error).toBeUndefined();
		const posts = requests(sim(), 'POST', `${FILES}/actions/delete`);
		expect(posts.map((p) => ((p.body as IDataObject).delete as IDataObject[]).length)).toEqual([
			2, 2, 1,
		]);
		expect(result.items.map((item) => item.json)).toEqual(ids.map((id) => ({ id, deleted: true })));
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		for (const id of ids) expect(sim().state.generic.items.get(FILES)?.has(id)).toBe(false);
	});

	it('a 207 mix: the failed entry fails its item (an error item with continue-on-fail)', async () => {
		const good = await upload(`mix-${randomUUID()}.csv`);
		const missing = randomUUID();
		const other = await upload(`mix-${randomUUID()}.csv`);
		const result = await run(
			{ resource: 'dataFile', operation: 'deleteMany' },
			asItems([good, missing, other]),
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ id: good, deleted: true });
		expect(result.items[1].json).toMatchObject({
			id: missing,
			error: expect.stringMatching(/404/),
		});
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json).toEqual({ id: other, deleted: true });

		const failing = await run(
			{ resource: 'dataFile', operation: 'deleteMany' },
			asItems([missing]),
		);
		expect(failing.error).toBeInstanceOf(NodeApiError);
		expect(failing.error?.message).toMatch(new RegExp(`Data file "${missing}".*404`));
	});

	it('a failed batch request fails all of its items, and the other batches go on', async () => {
		const ids = await Promise.all([1, 2, 3].map((n) => upload(`fault-${n}-${randomUUID()}.csv`)));
		sim().addFault({
			method: 'POST',
			path: `${FILES}/actions/delete`,
			kind: 'status',
			status: 500,
			times: 1,
		});
		const result = await run(
			{ resource: 'dataFile', operation: 'deleteMany', batchSize: 2 },
			asItems(ids),
			true,
		);
		sim().clearFaults();
		expect(result.items.map((i) => Boolean(i.json.error))).toEqual([true, true, false]);
		expect(result.items[2].json).toEqual({ id: ids[2], deleted: true });
	});

	it('moves files to a space, or to the personal space', async () => {
		const spaceId = await newSpace();
		const ids = await Promise.all([1, 2, 3].map((n) => upload(`move-${n}-${randomUUID()}.csv`)));
		sim().clearLog();
		const result = await run(
			{ resource: 'dataFile', operation: 'changeSpaceMany', spaceId: rl(spaceId), batchSize: 3 },
			asItems(ids),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(
			ids.map((id) => ({ id, spaceId, moved: true })),
		);
		const [post] = requests(sim(), 'POST', `${FILES}/actions/change-space`);
		expect(post.body).toEqual({ 'change-space': ids.map((id) => ({ id, spaceId })) });

		const back = await run(
			{ resource: 'dataFile', operation: 'changeSpaceMany', spaceScope: 'personal' },
			asItems(ids.slice(0, 1)),
		);
		expect(back.items[0].json).toEqual({ id: ids[0], spaceId: null, moved: true });
	});

	it('bad input (an item without an ID) fails before any request', async () => {
		sim().clearLog();
		const result = await run({ resource: 'dataFile', operation: 'deleteMany' }, [
			{ json: { id: randomUUID() } },
			{ json: {} },
		]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The "Data File ID" parameter is empty');
		expect(sim().log).toHaveLength(0);
		const bad = await run(
			{ resource: 'dataFile', operation: 'changeSpaceMany', spaceId: rl('no/such') },
			[{ json: { id: randomUUID() } }],
		);
		expect(bad.error?.message).toMatch(/The "Target Space" parameter is not a valid ID/);
		expect(sim().log).toHaveLength(0);
	});
});
