/**
 * Several executions writing at tier 2 as the same user at once: four webhook-started runs of
 * one workflow (Space → Create for each of its items) in one `n8n start`, against the
 * simulator's tier-2 limit scaled to 400 per minute, counted per user as Qlik counts it. Each
 * execution paces on its own (one pacer per node run), so two settings are measured: Max
 * Requests per Minute at the whole limit (each run believes it has the budget to itself), and
 * at a quarter of it (the budget divided among the four).
 *
 *   npm run bench:concurrent-writes      (builds first)
 *   npx ts-node --transpile-only bench/concurrentWrites.ts [--runs 4] [--writes 200] [--limit 400]
 */
import { printTable, qlikNode, seconds, sleep, startBench } from './lib';
import { serverPid, webhookWorkflow } from './server';
import { busiestWindow } from './windows';

function arg(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const RUNS = arg('runs', 4);
const WRITES = arg('writes', 200);
const LIMIT = arg('limit', 400);
const PATH = '/api/v1/spaces';

interface Result {
	label: string;
	failed: number;
	answers429: number;
	created: number;
	wallMs: number;
	/** The most writes created within any one minute: what the limit counts. */
	busiest: number;
}

async function main() {
	const rules = { '2': { limit: LIMIT, windowMs: 60_000 } };
	const bench = await startBench({ rateLimits: rules });
	const { sim, n8n } = bench;
	const settings: Array<[string, number]> = [
		[`Max Requests per Minute ${LIMIT} (the limit)`, LIMIT],
		[`Max Requests per Minute ${LIMIT / RUNS} (limit ÷ ${RUNS})`, LIMIT / RUNS],
	];
	for (const [index, [, perMinute]] of settings.entries()) {
		const workflow = webhookWorkflow(
			`benchShared${index}`,
			`bench: shared tier ${index}`,
			`bench-shared-${index}`,
			[
				setNode('Numbers', 'i', `={{ Array.from({ length: ${WRITES} }, (_, i) => i) }}`, 'array'),
				{
					name: 'Items',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					parameters: { fieldToSplitOut: 'i', include: 'noOtherFields', options: {} },
				},
				qlikNode(
					'Create',
					{
						resource: 'space',
						operation: 'create',
						name: "={{ $('Webhook').first().json.query.run }} {{ $json.i }}",
						type: 'shared',
						options: { maxRequestsPerMinute: perMinute },
					},
					{ onError: 'continueRegularOutput' },
				),
				{
					...setNode(
						'Count',
						'failed',
						"={{ $('Create').all().filter((item) => item.json.error !== undefined).length }}",
						'number',
					),
					executeOnce: true,
				},
			],
		);
		await n8n.importWorkflow(workflow);
		await n8n.publish(workflow.id);
	}

	const results: Result[] = [];
	await n8n.start();
	try {
		serverPid(n8n);
		for (const [index, [label]] of settings.entries()) {
			sim.setRateLimits(rules); // empties the windows
			sim.clearLog();
			const started = Date.now();
			const answers = await Promise.all(
				Array.from({ length: RUNS }, async (_, run) => {
					const url = `${n8n.url}/webhook/bench-shared-${index}?run=s${index}r${run}`;
					let response = await fetch(url);
					// n8n answers 404 until it has registered the published workflow's webhook.
					for (let i = 0; i < 60 && response.status === 404; i++) {
						await sleep(500);
						response = await fetch(url);
					}
					if (!response.ok) throw new Error(`run ${run}: n8n answered ${response.status}`);
					return (await response.json()) as { failed?: number };
				}),
			);
			const wallMs = Date.now() - started;
			const calls = sim.log.filter((e) => e.method === 'POST' && e.path === PATH);
			results.push({
				label,
				failed: answers.reduce((n, a) => n + Number(a.failed ?? WRITES), 0),
				answers429: calls.filter((e) => e.status === 429).length,
				created: calls.filter((e) => e.status === 201).length,
				wallMs,
				busiest: busiestWindow(
					calls.filter((e) => e.status === 201).map((e) => e.time),
					60_000,
				),
			});
			console.error(`${label}: done in ${seconds(wallMs)} s`);
		}
	} finally {
		await n8n.stop();
		await bench.close();
	}

	console.log(
		`${RUNS} executions at once, ${WRITES} space creates each (tier 2, one user), against ${LIMIT} per minute`,
	);
	const rate = (r: Result) => (r.created * 60000) / r.wallMs;
	printTable(
		['', ...results.map((r) => r.label)],
		[
			['items failed', ...results.map((r) => r.failed)],
			['spaces created', ...results.map((r) => r.created)],
			['answers 429', ...results.map((r) => r.answers429)],
			['wall time (s)', ...results.map((r) => seconds(r.wallMs))],
			['writes per minute, whole run', ...results.map((r) => rate(r).toFixed(0))],
			['most writes in one minute', ...results.map((r) => r.busiest)],
			[
				'share of the limit (that minute)',
				...results.map((r) => `${((100 * r.busiest) / LIMIT).toFixed(0)} %`),
			],
		],
	);
}

/** A Set node that sets one field from an expression. */
function setNode(name: string, field: string, value: string, type: string) {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: [
					{ id: `c0000000-0000-4000-8000-00000000000${field.length}`, name: field, value, type },
				],
			},
			options: {},
		},
	};
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
