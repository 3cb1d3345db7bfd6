/**
 * Temporary Content through the node: Upload streams from the binary store, Download writes a
 * binary field (streamed into prepareBinaryData), the tus operations need no version typed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, storedBinary } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';
import type { Route } from '../simulator';

/** The temporary file the next App → Export points to (the simulator has no app files). */
let exported = '';
const appExport: Route = {
	method: 'POST',
	path: '/api/v1/apps/{appId}/export',
	tier: '2',
	handler: (ctx) => ({
		status: 201,
		headers: { Location: `${ctx.baseUrl}/api/v1/temp-contents/${exported}` },
	}),
};
const sim = useSimulator({}, [appExport]);
const dir = mkdtempSync(join(tmpdir(), 'qlik-temp-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (parameters: IDataObject, items?: INodeExecutionData[]) =>
	runNode({
		parameters: { resource: 'tempContent', ...parameters },
		credential: apiKeyCredential(sim()),
		items,
	});

function stored(data: Buffer, name: string): INodeExecutionData[] {
	const path = join(dir, `${randomUUID()}-${name}`);
	writeFileSync(path, data);
	return [{ json: {}, binary: { data: storedBinary(path, name, 'application/octet-stream') } }];
}

const idOf = (location: unknown) => String(location).split('/').pop()!;

describe('Temporary Content', () => {
	it('uploads from the binary store (streamed) and downloads into a binary field', async () => {
		const content = randomBytes(700_000);
		sim().clearLog();
		const up = await run(
			{ operation: 'upload', additionalFields: { filename: 'blob.bin' } },
			stored(content, 'blob.bin'),
		);
		expect(up.error).toBeUndefined();
		expect(String(up.items[0].json.location)).toMatch(/\/api\/v1\/temp-contents\/[0-9a-f]+$/);
		const [post] = requests(sim(), 'POST', '/api/v1/temp-contents');
		expect(Number(post.headers['content-length'])).toBe(content.length);
		expect(up.recorder.logs.filter((l) => l.includes('getBinaryDataBuffer'))).toEqual([]);

		// The ID is given apart from the Location, for the next node's Download.
		expect(up.items[0].json.tempContentId).toBe(idOf(up.items[0].json.location));
		const down = await run(
			{
				operation: 'download',
				tempContentId: '={{ $json.tempContentId }}',
			},
			up.items,
		);
		expect(down.error).toBeUndefined();
		const binary = down.items[0].binary!.data;
		expect(Buffer.from(binary.data, 'base64').equals(content)).toBe(true);
		expect(binary.fileName).toBe('blob.bin');
		expect(down.items[0].json).toMatchObject({ fileName: 'blob.bin', fileSize: content.length });
	});

	it('App → Export gives the temporary file its Download takes, as tempContentId', async () => {
		const content = randomBytes(4096);
		const up = await run({ operation: 'upload' }, stored(content, 'sales.qvf'));
		exported = idOf(up.items[0].json.location);
		const app = await runNode({
			parameters: {
				resource: 'app',
				operation: 'export',
				appId: 'a1b2c3d4-0000-4000-8000-000000000001',
			},
			credential: apiKeyCredential(sim()),
		});
		expect(app.error).toBeUndefined();
		expect(app.items[0].json).toMatchObject({ success: true, tempContentId: exported });
		const down = await run(
			{ operation: 'download', tempContentId: '={{ $json.tempContentId }}' },
			app.items,
		);
		expect(down.error).toBeUndefined();
		expect(Buffer.from(down.items[0].binary!.data.data, 'base64').equals(content)).toBe(true);
	});

	it('puts a download in the chosen binary field and keeps the input item', async () => {
		const content = Buffer.from('kept,input\n1,2\n');
		const up = await run(
			{ operation: 'upload', additionalFields: { filename: 'k.csv' } },
			stored(content, 'k.csv'),
		);
		const input = stored(Buffer.from('other'), 'other.txt');
		input[0].json = { orderId: 7, fileName: 'from input' };
		const down = await run(
			{
				operation: 'download',
				tempContentId: idOf(up.items[0].json.location),
				binaryPropertyName: 'export',
			},
			input,
		);
		expect(down.error).toBeUndefined();
		const [item] = down.items;
		expect(Object.keys(item.binary!).sort()).toEqual(['data', 'export']);
		expect(Buffer.from(item.binary!.export.data, 'base64').equals(content)).toBe(true);
		expect(item.binary!.data.fileName).toBe('other.txt');
		expect(item.json).toMatchObject({ orderId: 7, fileName: 'k.csv', fileSize: content.length });
	});

	it('an empty output field is refused before any request', async () => {
		sim().clearLog();
		const down = await run({ operation: 'download', tempContentId: 'x1', binaryPropertyName: ' ' });
		expect(down.error?.message).toContain('"Put Output File in Field"');
		expect(requests(sim(), 'GET', '/api/v1/temp-contents/x1')).toEqual([]);
	});

	it('downloads a byte range', async () => {
		const content = Buffer.from('0123456789abcdef');
		const up = await run({ operation: 'upload' }, stored(content, 'r.txt'));
		const down = await run({
			operation: 'download',
			tempContentId: idOf(up.items[0].json.location),
			additionalFields: { range: 'bytes=2-5' },
		});
		expect(Buffer.from(down.items[0].binary!.data.data, 'base64').toString()).toBe('2345');
	});

	it('an unknown ID is a 404 with Qlik’s words, also for a streamed download', async () => {
		const down = await run({ operation: 'download', tempContentId: 'nothere' });
		expect(down.error?.httpCode).toBe('404');
		expect(down.error?.message).toContain('No temporary content nothere exists');
	});

	it('tus operations default the Tus-Resumable version', async () => {
		const chunk = Buffer.from('hello tus');
		const created = await run({ operation: 'createResumableUpload', uploadLength: chunk.length });
		expect(created.error).toBeUndefined();
		const location = String(created.items[0].json.location);
		expect(location).toMatch(/\/api\/v1\/temp-contents\/files\//);
		// A resumable upload's location is not a temporary file yet: no tempContentId.
		expect(created.items[0].json.tempContentId).toBeUndefined();
		const patched = await run({ operation: 'uploadChunk', id: idOf(location), uploadOffset: 0 }, [
			{
				json: {},
				binary: {
					data: { data: chunk.toString('base64'), mimeType: 'application/octet-stream' },
				},
			},
		]);
		expect(patched.error).toBeUndefined();
		const [patch] = requests(sim(), 'PATCH', /\/temp-contents\/files\//);
		expect(patch.headers['tus-resumable']).toBe('1.0.0');
		expect(patch.headers['content-type']).toBe('application/offset+octet-stream');
		const details = await run({ operation: 'getDetails', tempContentId: idOf(location) });
		expect(details.items[0].json).toMatchObject({ Size: String(chunk.length) });
	});
});
