/**
 * Data File → Upload and Replace File through the node, against the simulator: in-memory and
 * binary-store files, the bytes on the simulator's disk, folders and the personal space, name
 * clashes, tus above the direct-upload limit (resumed after a fault), a 429 retried with a
 * fresh stream, and bad input that sends nothing.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { rl, runNode, storedBinary } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator, simApi } from '../helpers/sim';
import type { RequestLogEntry } from '../simulator';

const FILES = '/api/v1/data-files';
const TUS = /^\/api\/v1\/temp-contents\/files\/[^/]+$/;

/** Set by a test: called with each log entry (to inject a fault at the right moment). */
let onLog: ((entry: RequestLogEntry) => void) | undefined;
const sim = useSimulator({ onLog: (entry) => onLog?.(entry) });

const dir = mkdtempSync(join(tmpdir(), 'qlik-upload-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
	onLog = undefined;
	sim().clearFaults();
	sim().dataFiles.setQuotas({ maxFileSize: 500 * 1024 * 1024 });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const api = (method: string, path: string, body?: unknown) => simApi(sim(), method, path, body);

async function newSpace(): Promise<string> {
	const space = await api('POST', '/api/v1/spaces', { name: `Up ${randomUUID()}`, type: 'shared' });
	return String(space.id);
}

function memoryItem(content: Buffer | string, fileName = 'sales.csv'): INodeExecutionData[] {
	const data = Buffer.from(content);
	return [
		{
			json: {},
			binary: { data: { data: data.toString('base64'), fileName, mimeType: 'text/csv' } },
		},
	];
}

/** A file in the test's binary store (it has an id; the node must stream it). */
function storedItem(data: Buffer, fileName = 'big.csv'): INodeExecutionData[] {
	const path = join(dir, `${randomUUID()}-${fileName}`);
	writeFileSync(path, data);
	return [{ json: {}, binary: { data: storedBinary(path, fileName) } }];
}

function csv(rows: number): Buffer {
	const lines = ['id,name,amount'];
	for (let i = 0; i < rows; i++) lines.push(`${i},item ${i},${(i * 7) % 1000}`);
	return Buffer.from(`${lines.join('\n')}\n`);
}

const upload = (parameters: IDataObject, items: INodeExecutionData[]) =>
	runNode({
		parameters: { resource: 'dataFile', operation: 'create', ...parameters },
		credential: apiKeyCredential(sim()),
		items,
	});

const toSpace = (spaceId: string, extra: IDataObject = {}) => ({
	destination: 'space',
	spaceId: rl(spaceId),
	...extra,
});

describe('Data File → Upload', () => {
	it('uploads a small CSV held in memory to a space; the catalog then has its data set', async () => {
		const spaceId = await newSpace();
		const content = csv(3);
		sim().clearLog();
		const result = await upload(toSpace(spaceId), memoryItem(content));
		expect(result.error).toBeUndefined();
		const file = result.items[0].json;
		expect(file).toMatchObject({ name: 'sales.csv', size: content.length, spaceId });
		expect(sim().dataFiles.stored(String(file.id))?.sha256).toBe(sha256(content));
		expect(requests(sim(), 'GET', `${FILES}/quotas`)).toHaveLength(1);
		const post = requests(sim(), 'POST', FILES);
		expect(post).toHaveLength(1);
		expect(post[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);

		// The data set appears a moment later, found the documented way.
		let found: IDataObject[] = [];
		for (let i = 0; i < 50 && !found.length; i++) {
			await new Promise((r) => setTimeout(r, 50));
			const items = await api(
				'GET',
				`/api/v1/items?resourceType=dataset&name=sales.csv&spaceId=${spaceId}`,
			);
			found = items.data as IDataObject[];
		}
		expect(found).toHaveLength(1);
		expect(found[0].resourceAttributes).toMatchObject({
			dataStoreName: 'DataFilesStore',
			dataStoreType: 'qix-datafiles',
			qri: `qdf:qix-datafiles:${sim().state.tenantId}:sid@${spaceId}:sales.csv`,
		});
		const dataSet = await api('GET', `/api/v1/data-sets/${String(found[0].resourceId)}`);
		expect(dataSet).toMatchObject({ name: 'sales.csv', rowCount: 3 });
		expect(
			((dataSet.schema as IDataObject).dataFields as IDataObject[]).map((f) => f.name),
		).toEqual(['id', 'name', 'amount']);
	});

	it('streams a file from the binary store: same bytes on disk, no whole-file read', async () => {
		const spaceId = await newSpace();
		const content = csv(60000); // ~1.3 MB
		sim().clearLog();
		const result = await upload(toSpace(spaceId), storedItem(content, 'stored.csv'));
		expect(result.error).toBeUndefined();
		const file = result.items[0].json;
		expect(file).toMatchObject({ name: 'stored.csv', size: content.length });
		expect(sim().dataFiles.stored(String(file.id))?.sha256).toBe(sha256(content));
		expect(result.recorder.logs.filter((l) => l.includes('getBinaryDataBuffer'))).toEqual([]);
		// The Content-Length was known up front (not chunked transfer encoding).
		const [post] = requests(sim(), 'POST', FILES);
		expect(Number(post.headers['content-length'])).toBeGreaterThan(content.length);
		expect(post.headers['transfer-encoding']).toBeUndefined();
	});

	it('puts the file in a folder, or in the personal space', async () => {
		const spaceId = await newSpace();
		const inFolder = await upload(
			toSpace(spaceId, { fileName: 'q1.csv', folderPath: '/reports/2026/' }),
			memoryItem('a,b\n1,2\n'),
		);
		expect(inFolder.items[0].json).toMatchObject({
			name: 'reports/2026/q1.csv',
			baseName: 'q1.csv',
			folderPath: 'reports/2026',
			spaceId,
		});
		const personal = await upload(
			{ destination: 'personal', fileName: `mine-${randomUUID()}.csv` },
			memoryItem('a\n1\n'),
		);
		expect(personal.error).toBeUndefined();
		expect(personal.items[0].json.spaceId).toBeUndefined();
		const post = requests(sim(), 'POST', FILES).pop()!;
		expect(post.status).toBe(201);
	});

	it('a name that exists fails with a message naming the option; Replace puts new content', async () => {
		const spaceId = await newSpace();
		const first = await upload(toSpace(spaceId), memoryItem('v\n1\n', 'same.csv'));
		const id = String(first.items[0].json.id);

		const clash = await upload(toSpace(spaceId), memoryItem('v\n2\n', 'same.csv'));
		expect(clash.error?.message).toContain('"same.csv" already exists');
		expect(clash.error?.description).toContain('If a File With This Name Exists');
		expect(clash.error?.httpCode).toBe('409');

		sim().clearLog();
		const next = Buffer.from('v\n3\n4\n');
		const replaced = await upload(
			toSpace(spaceId, { ifExists: 'replace' }),
			memoryItem(next, 'same.csv'),
		);
		expect(replaced.error).toBeUndefined();
		expect(replaced.items[0].json).toMatchObject({ id, size: next.length });
		expect(requests(sim(), 'PUT', `${FILES}/${id}`)).toHaveLength(1);
		expect(requests(sim(), 'POST', FILES)).toHaveLength(0);
		expect(sim().dataFiles.stored(id)?.sha256).toBe(sha256(next));
	});

	it('above the direct-upload limit goes through tus and resumes from the server offset after a dropped chunk', async () => {
		const spaceId = await newSpace();
		sim().dataFiles.setQuotas({ maxFileSize: 1024 * 1024 });
		const content = randomBytes(5 * 1024 * 1024 + 12345);
		let patches = 0;
		onLog = (entry) => {
			if (entry.method === 'PATCH' && ++patches === 1)
				sim().addFault({ method: 'PATCH', path: TUS, kind: 'drop', times: 1 });
		};
		sim().clearLog();
		const result = await upload(
			toSpace(spaceId, { fileName: 'large.bin', additionalFields: { chunkSizeMiB: 1 } }),
			storedItem(content, 'large.bin'),
		);
		expect(result.error).toBeUndefined();
		const file = result.items[0].json;
		expect(file).toMatchObject({ name: 'large.bin', size: content.length });
		expect(sim().dataFiles.stored(String(file.id))?.sha256).toBe(sha256(content));

		const tus = sim().log.filter(
			(e) => TUS.test(e.path) || e.path === '/api/v1/temp-contents/files',
		);
		const summary = tus.map((e) => `${e.method} ${e.status} ${e.headers['upload-offset'] ?? ''}`);
		const mib = 1024 * 1024;
		expect(summary.slice(0, 5)).toEqual([
			'POST 201 ',
			'PATCH 204 0',
			`PATCH 0 ${mib}`, // dropped
			'HEAD 200 ',
			`PATCH 204 ${mib}`, // resumed where the server is, not from 0
		]);
		const sent = tus
			.filter((e) => e.method === 'PATCH')
			.reduce((n, e) => n + Number(e.headers['content-length'] ?? 0), 0);
		expect(sent).toBeLessThan(2 * content.length);
		// The import names the temp content, and sends no file part.
		const [post] = requests(sim(), 'POST', FILES);
		expect(Number(post.headers['content-length'])).toBeLessThan(1024);
		expect(result.recorder.logs.filter((l) => l.includes('getBinaryDataBuffer'))).toEqual([]);
	});

	it('a 503 on a chunk is resumed too', async () => {
		const spaceId = await newSpace();
		sim().dataFiles.setQuotas({ maxFileSize: 1000 });
		const content = randomBytes(3 * 1024 * 1024);
		let patches = 0;
		onLog = (entry) => {
			if (entry.method === 'PATCH' && ++patches === 1)
				sim().addFault({ method: 'PATCH', path: TUS, kind: 'status', status: 503, times: 1 });
		};
		sim().clearLog();
		const result = await upload(
			toSpace(spaceId, { fileName: 'x.bin', additionalFields: { chunkSizeMiB: 1 } }),
			memoryItem(content, 'x.bin'),
		);
		expect(result.error).toBeUndefined();
		expect(sim().dataFiles.stored(String(result.items[0].json.id))?.sha256).toBe(sha256(content));
		expect(requests(sim(), 'HEAD', TUS)).toHaveLength(1);
		expect(requests(sim(), 'PATCH', TUS).map((e) => e.status)).toEqual([204, 503, 204, 204]);
	});

	it('a 429 on the multipart POST is retried with a fresh stream of the file', async () => {
		const spaceId = await newSpace();
		const content = csv(20000);
		sim().addFault({
			method: 'POST',
			path: FILES,
			kind: 'status',
			status: 429,
			retryAfter: '0',
			times: 1,
		});
		sim().clearLog();
		const result = await upload(toSpace(spaceId), storedItem(content, 'retry.csv'));
		expect(result.error).toBeUndefined();
		expect(requests(sim(), 'POST', FILES).map((e) => e.status)).toEqual([429, 201]);
		expect(sim().dataFiles.stored(String(result.items[0].json.id))?.sha256).toBe(sha256(content));
	});

	it('bad input fails before any request, naming the parameter', async () => {
		const spaceId = await newSpace();
		const cases: Array<[IDataObject, INodeExecutionData[], RegExp]> = [
			[
				toSpace(spaceId, { binaryPropertyName: 'file' }),
				memoryItem('a'),
				/"Input Binary Field".*"file"/,
			],
			[{ destination: 'space', spaceId: rl('') }, memoryItem('a'), /"Space" parameter is empty/],
			[
				{ destination: 'connection', connectionId: ' ' },
				memoryItem('a'),
				/"Connection ID" parameter is empty/,
			],
			[
				toSpace(spaceId, { fileName: 'what?.csv' }),
				memoryItem('a'),
				/"File Name" parameter contains "\?"/,
			],
			[
				toSpace(spaceId, { folderPath: 'a:b' }),
				memoryItem('a'),
				/"Folder Path" parameter contains ":"/,
			],
			[
				toSpace(spaceId, { additionalFields: { chunkSizeMiB: 0 } }),
				memoryItem('a'),
				/"Chunk Size \(MiB\)"/,
			],
		];
		for (const [parameters, items, message] of cases) {
			sim().clearLog();
			const result = await upload(parameters, items);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(sim().log).toHaveLength(0);
		}
	});
});

describe('Data File → Replace File', () => {
	it('puts new content into a file by ID, streamed', async () => {
		const spaceId = await newSpace();
		const first = await upload(toSpace(spaceId), memoryItem('a\n1\n', 'r.csv'));
		const id = String(first.items[0].json.id);
		const next = csv(1000);
		const result = await runNode({
			parameters: {
				resource: 'dataFile',
				operation: 'update',
				dataFileId: rl(id),
				additionalFields: { name: 'renamed.csv' },
			},
			credential: apiKeyCredential(sim()),
			items: storedItem(next, 'r.csv'),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id, name: 'renamed.csv', size: next.length });
		expect(sim().dataFiles.stored(id)?.sha256).toBe(sha256(next));
	});
});

describe('Data File → other operations on an uploaded file', () => {
	it('get, get many, change owner, change space, delete', async () => {
		const spaceId = await newSpace();
		const target = await newSpace();
		const up = await upload(toSpace(spaceId), memoryItem('a\n1\n', 'ops.csv'));
		const id = String(up.items[0].json.id);
		const run = (operation: string, parameters: IDataObject = {}) =>
			runNode({
				parameters: { resource: 'dataFile', operation, dataFileId: rl(id), ...parameters },
				credential: apiKeyCredential(sim()),
			});
		expect((await run('get')).items[0].json).toMatchObject({ id, name: 'ops.csv', spaceId });
		const member = sim().credentials.users.member.id;
		expect((await run('changeOwner', { ownerId: member })).error).toBeUndefined();
		expect(
			(await run('changeSpace', { additionalFields: { spaceId: target } })).error,
		).toBeUndefined();
		expect((await run('get')).items[0].json).toMatchObject({ ownerId: member, spaceId: target });
		const listed = await runNode({
			parameters: {
				resource: 'dataFile',
				operation: 'getAll',
				returnAll: true,
				filters: { includeAllSpaces: true, name: 'ops.csv' },
			},
			credential: apiKeyCredential(sim()),
		});
		expect(listed.items.map((i) => i.json.id)).toContain(id);
		const bad = await run('changeOwner', { ownerId: 'nobody' });
		expect(bad.error?.httpCode).toBe('400');
		expect((await run('delete')).items[0].json).toEqual({ deleted: true });
		expect(sim().dataFiles.stored(id)).toBeUndefined();
		expect((await run('get')).error?.httpCode).toBe('404');
	});
});
