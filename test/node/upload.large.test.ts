/**
 * A 1 GiB data file through the node with the tenant's default quotas (500 MiB direct limit, so
 * tus in 16 MiB chunks): the bytes on the simulator's disk hash the same, and the test process
 * (node and simulator together) grows by far less than the file while it runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

import { rl, runNode, storedBinary } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';

const GIB = 1024 * 1024 * 1024;
const BLOCK = 1024 * 1024;
/** How much the resident set may grow while 1 GiB goes through. */
const RSS_BOUND = 300 * 1024 * 1024;

const sim = useSimulator();
const dir = mkdtempSync(join(tmpdir(), 'qlik-upload-1gib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `size` bytes of random blocks by streaming; returns the sha256. */
async function writeLargeFile(path: string, size: number): Promise<string> {
	const hash = createHash('sha256');
	const out = createWriteStream(path);
	for (let written = 0; written < size; written += BLOCK) {
		const block = randomBytes(Math.min(BLOCK, size - written));
		hash.update(block);
		if (!out.write(block)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return hash.digest('hex');
}

/** Samples the resident set size until stopped; returns the peak. */
function rssSampler() {
	let peak = process.memoryUsage.rss();
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 10);
	return {
		stop: () => {
			clearInterval(timer);
			return Math.max(peak, process.memoryUsage.rss());
		},
	};
}

it('uploads 1 GiB from the binary store with tus, in about one chunk of memory', async () => {
	const path = join(dir, 'large.csv');
	const expected = await writeLargeFile(path, GIB);
	const spaceRes = await fetch(`${sim().url}/api/v1/spaces`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${sim().credentials.apiKey}`,
			'Content-Type': 'application/json',
		},
		body: JSON.stringify({ name: 'Large files', type: 'shared' }),
	});
	const spaceId = String(((await spaceRes.json()) as { id: string }).id);

	global.gc?.();
	const baseline = process.memoryUsage.rss();
	const sampler = rssSampler();
	const result = await runNode({
		parameters: {
			resource: 'dataFile',
			operation: 'create',
			destination: 'space',
			spaceId: rl(spaceId),
		},
		credential: apiKeyCredential(sim()),
		items: [{ json: {}, binary: { data: storedBinary(path, 'large.csv') } }],
	});
	const peak = sampler.stop();

	expect(result.error).toBeUndefined();
	const file = result.items[0].json;
	expect(file).toMatchObject({ name: 'large.csv', size: GIB, spaceId });
	expect(sim().dataFiles.stored(String(file.id))?.sha256).toBe(expected);
	// tus: 64 chunks of 16 MiB, no direct upload of the file
	expect(requests(sim(), 'PATCH', /^\/api\/v1\/temp-contents\/files\//)).toHaveLength(64);
	expect(result.recorder.logs.filter((l) => l.includes('getBinaryDataBuffer'))).toEqual([]);
	const grew = peak - baseline;
	console.log(
		`1 GiB upload: RSS baseline ${(baseline / BLOCK).toFixed(0)} MiB, peak ${(peak / BLOCK).toFixed(0)} MiB, grew ${(grew / BLOCK).toFixed(0)} MiB`,
	);
	expect(grew).toBeLessThan(RSS_BOUND);
}, 600_000);
