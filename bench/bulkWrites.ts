/**
 * Bulk writes at the rate limit: 2,000 tier-2 writes (Space → Create) against the simulator's
 * tier-2 limit scaled to 1,200 per minute (a sliding window of a minute, as Qlik counts), through the Qlik Cloud node in a real n8n with pacing on
 * and off, and through `@qlik/api` in a plain sequential loop (which does not retry a 429) and
 * in a loop that waits out each 429 for its Retry-After. One table, side by side.
 *
 *   npm run bench:bulk-writes            (builds first)
 *   npx ts-node --transpile-only bench/bulkWrites.ts [--writes 2000] [--limit 1200] [--window 60]
 *     [--only on,off,api,api-wait]
 */
import type { BenchRun, QlikApiError } from './lib';
import {
	chain,
	itemNodes,
	printTable,
	qlikApi,
	qlikNode,
	runWorkflow,
	seconds,
	sleep,
	startBench,
} from './lib';
import { busiestWindow } from './windows';

function arg(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const WRITES = arg('writes', 2000);
const LIMIT = arg('limit', 1200);
const WINDOW_S = arg('window', 60);
const PER_MINUTE = (LIMIT * 60) / WINDOW_S;
const PATH = '/api/v1/spaces';
/** `--only on,off,api,api-wait`: some of the four ways (all by default). */
const ONLY = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1].split(',')
	: undefined;

interface Result {
	label: string;
	failed: number;
	answers429: number;
	created: number;
	requests: number;
	wallMs: number;
	/** The most writes created within any one window: what the limit counts. */
	busiest: number;
}

async function main() {
	const bench = await startBench({
		rateLimits: { '2': { limit: LIMIT, windowMs: WINDOW_S * 1000 } },
	});
	const { sim, n8n } = bench;
	const results: Result[] = [];

	/** Runs one way of writing with a fresh rate-limit window and a clear log; counts what came. */
	async function measure(
		label: string,
		prefix: string,
		write: () => Promise<{ failed: number; wallMs: number }>,
	) {
		sim.setRateLimits({ '2': { limit: LIMIT, windowMs: WINDOW_S * 1000 } }); // empties the windows
		sim.clearLog();
		const { failed, wallMs } = await write();
		const calls = sim.log.filter((e) => e.method === 'POST' && e.path === PATH);
		const names = [...sim.state.spaces.values()]
			.map((s) => String((s as { name?: unknown }).name))
			.filter((name) => name.startsWith(`${prefix} `));
		if (new Set(names).size !== names.length) throw new Error(`${label}: duplicate spaces`);
		results.push({
			label,
			failed,
			answers429: calls.filter((e) => e.status === 429).length,
			created: names.length,
			requests: calls.length,
			wallMs,
			busiest: busiestWindow(
				calls.filter((e) => e.status === 201).map((e) => e.time),
				WINDOW_S * 1000,
			),
		});
		console.error(`${label}: done in ${seconds(wallMs)} s`);
	}

	async function throughNode(
		pacing: boolean,
		prefix: string,
	): Promise<{ failed: number; wallMs: number }> {
		const workflow = chain(`bench: ${WRITES} space creates, pacing ${pacing ? 'on' : 'off'}`, [
			...itemNodes(WRITES),
			qlikNode(
				'Create',
				{
					resource: 'space',
					operation: 'create',
					name: `=${prefix} {{ $json.i }}`,
					type: 'shared',
					// The simulator's scaled limit, given to the pacer as the documented override.
					options: pacing ? { pacing: true, maxRequestsPerMinute: PER_MINUTE } : { pacing: false },
				},
				{ onError: 'continueRegularOutput' },
			),
		]);
		const run: BenchRun = await runWorkflow(n8n, workflow);
		const out = run.nodes.Create ?? [];
		if (!run.ok || out.length !== WRITES)
			throw new Error(`n8n run failed: ${JSON.stringify(run.errors)} (${out.length} items)`);
		return {
			failed: out.filter((item) => item.json.error !== undefined).length,
			wallMs: run.executionTime.Create,
		};
	}

	async function throughQlikApi(
		waitOn429: boolean,
		prefix: string,
	): Promise<{ failed: number; wallMs: number }> {
		const api = await qlikApi(sim);
		let failed = 0;
		const started = Date.now();
		for (let i = 0; i < WRITES; i++) {
			for (let attempt = 0; ; attempt++) {
				try {
					await api.spaces.createSpace({ name: `${prefix} ${i}`, type: 'shared' });
					break;
				} catch (error) {
					const { status, headers } = error as QlikApiError;
					// The library rejects a 429 like any other error (InvokeFetchError with status and headers).
					if (waitOn429 && status === 429 && attempt < 5) {
						await sleep(Number(headers?.get('retry-after') ?? 1) * 1000);
						continue;
					}
					failed++;
					break;
				}
			}
		}
		return { failed, wallMs: Date.now() - started };
	}

	const ways: Array<[string, string, () => Promise<{ failed: number; wallMs: number }>]> = [
		['node, pacing on', 'on', async () => await throughNode(true, 'bench-on')],
		['node, pacing off', 'off', async () => await throughNode(false, 'bench-off')],
		['@qlik/api loop', 'api', async () => await throughQlikApi(false, 'bench-api')],
		[
			'@qlik/api loop + Retry-After',
			'api-wait',
			async () => await throughQlikApi(true, 'bench-api-wait'),
		],
	];
	try {
		for (const [label, key, write] of ways)
			if (!ONLY || ONLY.includes(key)) await measure(label, `bench-${key}`, write);
	} finally {
		await bench.close();
	}

	console.log(
		`${WRITES} space creates (tier 2) against a limit of ${LIMIT} per ${WINDOW_S} s (${PER_MINUTE} per minute)`,
	);
	const rate = (r: Result) => (r.created * 60000) / r.wallMs;
	const share = (r: Result) => `${((100 * r.busiest) / LIMIT).toFixed(0)} %`;
	printTable(
		['', ...results.map((r) => r.label)],
		[
			['items failed', ...results.map((r) => r.failed)],
			['spaces created', ...results.map((r) => r.created)],
			['requests sent', ...results.map((r) => r.requests)],
			['answers 429', ...results.map((r) => r.answers429)],
			['wall time (s)', ...results.map((r) => seconds(r.wallMs))],
			// A run that dropped writes did not sustain a rate: it stopped at the first window.
			[
				'writes per minute, whole run',
				...results.map((r) => (r.failed ? '-' : rate(r).toFixed(0))),
			],
			[`most writes in one ${WINDOW_S} s window`, ...results.map((r) => r.busiest)],
			['share of the limit (that window)', ...results.map(share)],
		],
	);
	const paced = results.find((r) => r.label === 'node, pacing on');
	if (paced)
		console.log(
			`bulk-writes: share of limit ${share(paced)}, failed ${paced.failed}, 429 ${paced.answers429}`,
		);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
