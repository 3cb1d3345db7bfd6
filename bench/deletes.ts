/**
 * Deleting 1,000 data files through the Qlik Cloud node in a real n8n: Data File → Delete
 * (Many), one request per batch (Batch Size 100, the default), against the per-item Data File →
 * Delete, one request per file. The files are seeded over the simulator's HTTP API (multipart
 * uploads) before each run. Both runs face the simulator's default tier limits made ten times
 * larger (tier 1: 10,000 and tier 2: 1,000 requests per minute), and the node's pacing is told
 * that limit (Max Requests per Minute 1,000).
 *
 *   npm run bench:deletes                (builds first)
 *   npx ts-node --transpile-only bench/deletes.ts [--files 1000] [--batch 100]
 */
import type { Simulator } from '../test/simulator';
import type { BenchRun } from './lib';
import { chain, printTable, qlikNode, runWorkflow, seconds, startBench } from './lib';

function arg(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const FILES = arg('files', 1000);
const BATCH = arg('batch', 100);
/** The default tiers ten times larger, over Qlik's window of a minute (which the pacer keeps to). */
const SCALE = 10;
const LIMITS = {
	'1': { limit: 1000 * SCALE, windowMs: 60_000 },
	'2': { limit: 100 * SCALE, windowMs: 60_000 },
};
const TIER2_PER_MINUTE = 100 * SCALE;

/** Uploads `count` small CSV files into the personal space (limits off while seeding). */
async function seed(sim: Simulator, prefix: string, count: number): Promise<string[]> {
	sim.setRateLimits(false);
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const name = `${prefix}-${i}.csv`;
		const form = new FormData();
		form.set('File', new Blob([`id,amount\n${i},10\n`], { type: 'text/csv' }), name);
		form.set('Json', new Blob([JSON.stringify({ name })], { type: 'application/json' }), '');
		const answer = await fetch(`${sim.url}/api/v1/data-files`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim.credentials.apiKey}` },
			body: form,
		});
		if (answer.status !== 201) throw new Error(`seeding ${name}: ${answer.status}`);
		ids.push(String(((await answer.json()) as { id: string }).id));
	}
	sim.setRateLimits(LIMITS); // also empties the windows
	return ids;
}

interface Result {
	label: string;
	requests: number;
	answers429: number;
	failed: number;
	left: number;
	nodeMs: number;
	processMs: number;
}

async function main() {
	const bench = await startBench({ rateLimits: LIMITS });
	const { sim, n8n } = bench;
	const results: Result[] = [];

	async function run(label: string, operation: 'deleteMany' | 'delete') {
		const ids = await seed(sim, `bench-${operation}`, FILES);
		sim.clearLog();
		const parameters =
			operation === 'deleteMany'
				? { dataFileId: '={{ $json.id }}', batchSize: BATCH }
				: { dataFileId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };
		const workflow = chain(`bench: delete ${FILES} files, ${operation}`, [
			{
				name: 'IDs',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ id: ids }), options: {} },
			},
			{
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'id', include: 'noOtherFields', options: {} },
			},
			qlikNode(
				'Delete',
				{
					resource: 'dataFile',
					operation,
					...parameters,
					options: { maxRequestsPerMinute: TIER2_PER_MINUTE },
				},
				{ onError: 'continueRegularOutput' },
			),
		]);
		const done: BenchRun = await runWorkflow(n8n, workflow);
		const out = done.nodes.Delete ?? [];
		if (!done.ok || out.length !== FILES)
			throw new Error(
				`${label}: n8n run failed: ${JSON.stringify(done.errors)} (${out.length} items)`,
			);
		const calls = sim.log.filter((e) => e.path.startsWith('/api/v1/data-files'));
		results.push({
			label,
			requests: calls.length,
			answers429: calls.filter((e) => e.status === 429).length,
			failed: out.filter((item) => item.json.error !== undefined).length,
			left: ids.filter((id) => sim.dataFiles.stored(id) !== undefined).length,
			nodeMs: done.executionTime.Delete,
			processMs: done.processMs,
		});
		console.error(`${label}: done in ${seconds(done.executionTime.Delete)} s`);
	}

	try {
		await run(`Delete (Many), batch ${BATCH}`, 'deleteMany');
		await run('Delete, one per item', 'delete');
	} finally {
		await bench.close();
	}

	console.log(
		`Deleting ${FILES} data files in n8n 2.40.7; tier 1 ${LIMITS['1'].limit} and tier 2 ${LIMITS['2'].limit} requests per minute (Qlik's limits ${SCALE}× larger), Max Requests per Minute ${TIER2_PER_MINUTE}`,
	);
	printTable(
		['', ...results.map((r) => r.label)],
		[
			['requests made', ...results.map((r) => r.requests)],
			['answers 429', ...results.map((r) => r.answers429)],
			['items failed', ...results.map((r) => r.failed)],
			['files left', ...results.map((r) => r.left)],
			['wall time, Delete node (s)', ...results.map((r) => seconds(r.nodeMs))],
			['wall time, n8n execute (s)', ...results.map((r) => seconds(r.processMs))],
		],
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
