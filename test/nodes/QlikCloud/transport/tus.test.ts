/**
 * The tus client (nodes/QlikCloud/transport/tus.ts) through Data File → Upload against a
 * scripted tenant: an Upload-Offset is accepted only within what was sent (after a PATCH: more
 * than before and at most before + chunk; after a HEAD: at most the bytes sent); anything else
 * fails the item and imports nothing. Also: an upload to a space uses that space's connection
 * only, and the chunk size is bounded.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { FakeAnswer, FakeRequest } from '../../../helpers/fakeTenant';
import { useFakeTenant } from '../../../helpers/fakeTenant';
import { rl, runNode } from '../../../helpers/n8n';

const tenant = useFakeTenant();

const MIB = 1024 * 1024;
const TUS = '/api/v1/temp-contents/files';
const FILE = randomBytes(3 * MIB);

/** A tenant with a tiny direct-upload limit, so every file goes through tus. */
function tusTenant(
	onPatch: (offset: number, length: number, count: number) => FakeAnswer,
	onHead?: () => FakeAnswer,
) {
	let patches = 0;
	return (request: FakeRequest): FakeAnswer | undefined => {
		const key = `${request.method} ${request.path}`;
		if (key === 'GET /api/v1/data-files/quotas') return { json: { maxFileSize: 10 } };
		if (key === 'GET /api/v1/data-files') return { json: { data: [] } };
		if (key === 'GET /api/v1/data-files/connections') {
			return { json: { data: [{ id: 'other-connection', spaceId: 'another-space' }] } };
		}
		if (key === `POST ${TUS}`) {
			return {
				status: 201,
				headers: { Location: `${tenant().url}${TUS}/tc1`, 'Tus-Resumable': '1.0.0' },
			};
		}
		if (key === `PATCH ${TUS}/tc1`) {
			patches++;
			return onPatch(Number(request.headers['upload-offset']), request.body.length, patches);
		}
		if (key === `HEAD ${TUS}/tc1`) return onHead?.();
		if (key === 'POST /api/v1/data-files')
			return { status: 201, json: { id: 'f1', name: 'x.bin' } };
		return undefined;
	};
}

const offset = (value: string): FakeAnswer => ({
	status: 204,
	headers: { 'Upload-Offset': value, 'Tus-Resumable': '1.0.0' },
});

async function upload(extra: IDataObject = {}) {
	return await runNode({
		parameters: {
			resource: 'dataFile',
			operation: 'create',
			destination: 'personal',
			fileName: 'x.bin',
			additionalFields: { chunkSizeMiB: 1 },
			options: { maxRetries: 1, maxRetryWaitSeconds: 1 },
			...extra,
		},
		credential: tenant().credential,
		items: [
			{
				json: {},
				binary: {
					data: {
						data: FILE.toString('base64'),
						fileName: 'x.bin',
						mimeType: 'application/octet-stream',
					},
				},
			},
		],
	});
}

const patches = () => tenant().log.filter((r) => r.method === 'PATCH');
const imports = () =>
	tenant().log.filter((r) => r.method === 'POST' && r.path === '/api/v1/data-files');

describe('tus offsets', () => {
	it('a well-behaved server: every chunk once, then the import', async () => {
		tenant().handle = tusTenant((at, length) => offset(String(at + length)));
		const result = await upload();
		expect(result.error).toBeUndefined();
		expect(patches()).toHaveLength(3);
		expect(imports()).toHaveLength(1);
	});

	it.each([
		[
			'an unchanged offset (the same chunk would be sent forever)',
			(at: number) => offset(String(at)),
		],
		['an empty Upload-Offset (would restart at 0)', () => offset('')],
		['no Upload-Offset at all', () => ({ status: 204 })],
		[
			'an offset beyond the chunk sent (an incomplete file imported)',
			() => offset(String(FILE.length)),
		],
		['an offset that is not a number', () => offset('12abc')],
	])('after a PATCH, %s fails the item and imports nothing', async (_label, answer) => {
		tenant().handle = tusTenant((at) => answer(at));
		const result = await upload();
		expect(result.error?.message).toMatch(/upload offset .* after a PATCH/);
		expect(result.error?.description).toMatch(/not imported/);
		expect(patches()).toHaveLength(1);
		expect(imports()).toHaveLength(0);
	});

	it('after a HEAD, an offset beyond the bytes sent fails the item and imports nothing', async () => {
		tenant().handle = tusTenant(
			(_at, _length, count) =>
				count === 1 ? { status: 503, json: { errors: [{ title: 'busy' }] } } : offset('0'),
			() => offset(String(FILE.length)),
		);
		const result = await upload();
		expect(result.error?.message).toMatch(
			/upload offset of "3145728" after a HEAD, outside 0–1048576/,
		);
		expect(imports()).toHaveLength(0);
	});

	it('after a HEAD, an offset within what was sent resumes from it', async () => {
		tenant().handle = tusTenant(
			(at, length, count) =>
				count === 2
					? { status: 503, json: { errors: [{ title: 'busy' }] } }
					: offset(String(at + length)),
			() => offset(String(MIB + 10)),
		);
		const result = await upload();
		expect(result.error).toBeUndefined();
		// A whole chunk streamed from the server's offset, then the rest of the file.
		expect(patches().map((p) => Number(p.headers['upload-offset']))).toEqual([
			0,
			MIB,
			MIB + 10,
			2 * MIB + 10,
		]);
		expect(imports()).toHaveLength(1);
	});
});

describe('upload destination and chunk size', () => {
	it("an upload to a space never uses another space's connection", async () => {
		tenant().handle = tusTenant((at, length) => offset(String(at + length)));
		const result = await upload({ destination: 'space', spaceId: rl('my-space') });
		expect(result.error?.message).toMatch(/no data files connection for space "my-space"/);
		expect(imports()).toHaveLength(0);
		expect(tenant().log.filter((r) => r.method !== 'GET')).toHaveLength(0);
	});

	it('a chunk size above the bound is refused before any request', async () => {
		tenant().handle = tusTenant((at, length) => offset(String(at + length)));
		const result = await upload({ additionalFields: { chunkSizeMiB: 1024 } });
		expect(result.error?.message).toMatch(
			/"Chunk Size \(MiB\)" parameter must be a number between 1 and 100/,
		);
		expect(tenant().log).toHaveLength(0);
	});
});
