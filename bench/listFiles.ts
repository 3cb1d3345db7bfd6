/**
 * Get Many over 10,000 data files with Return All: the Qlik Cloud node in a real n8n (default
 * options, so pacing on, and pacing off) against `@qlik/api` following its `next()` pages, on one
 * simulator with Qlik's own tier-1 limit (1,000 per minute). One table, side by side.
 *
 *   npm run bench:list                   (builds first)
 *   npx ts-node --transpile-only bench/listFiles.ts [--files 10000] [--rounds 3]
 */
import { randomUUID } from 'node:crypto';

import { chain, printTable, qlikApi, qlikNode, runWorkflow, seconds, startBench } from './lib';

const at = process.argv.indexOf('--files');
const FILES = at >= 0 && Number(process.argv[at + 1]) > 0 ? Number(process.argv[at + 1]) : 10000;
const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Math.max(1, Number(process.argv[roundsAt + 1])) : 3;
const PATH = '/api/v1/data-files';

interface Result {
	label: string;
	requests: number;
	pageSize: string;
	items: number;
	distinct: number;
	wallMs: number;
}

async function main() {
	const bench = await startBench();
	const { sim, n8n } = bench;
	const owner = sim.credentials.users.admin.id; // the API key's user: its personal files
	const now = new Date().toISOString();
	for (let i = 0; i < FILES; i++) {
		const id = randomUUID();
		sim.seed(`${PATH}/${id}`, {
			name: `bench/file-${String(i).padStart(5, '0')}.csv`,
			size: 1024 + i,
			ownerId: owner,
			createdDate: now,
			modifiedDate: now,
			contentUpdatedDate: now,
		});
	}
	const results: Result[] = [];

	async function measure(label: string, list: () => Promise<{ ids: string[]; wallMs: number }>) {
		sim.setRateLimits(undefined); // Qlik's own tiers, windows emptied
		sim.clearLog();
		const { ids, wallMs } = await list();
		const calls = sim.log.filter((e) => e.method === 'GET' && e.path === PATH);
		if (calls.some((e) => e.status !== 200)) throw new Error(`${label}: a page failed`);
		results.push({
			label,
			requests: calls.length,
			pageSize: [...new Set(calls.map((e) => String(e.query.limit ?? 'default')))].join(', '),
			items: ids.length,
			distinct: new Set(ids).size,
			wallMs,
		});
		console.error(`${label}: done in ${seconds(wallMs)} s`);
	}

	async function throughNode(options: Record<string, unknown>) {
		const run = await runWorkflow(
			n8n,
			chain('bench: data files, Get Many, Return All', [
				qlikNode('Get Many', {
					resource: 'dataFile',
					operation: 'getAll',
					returnAll: true,
					options,
				}),
			]),
		);
		if (!run.ok) throw new Error(`n8n run failed: ${JSON.stringify(run.errors)}`);
		return {
			ids: (run.nodes['Get Many'] ?? []).map((item) => String(item.json.id)),
			wallMs: run.executionTime['Get Many'],
		};
	}

	async function throughQlikApi() {
		const api = await qlikApi(sim);
		const started = Date.now();
		const ids: string[] = [];
		let page = await api.dataFiles.getDataFiles({ limit: 1000 }, { noCache: true });
		for (;;) {
			ids.push(...page.data.data.map((f) => f.id));
			if (!page.next) break;
			page = await page.next();
		}
		return { ids, wallMs: Date.now() - started };
	}

	const ways: Array<[string, () => Promise<{ ids: string[]; wallMs: number }>]> = [
		['node (default options)', async () => await throughNode({})],
		['node, pacing off', async () => await throughNode({ pacing: false })],
		['@qlik/api next()', throughQlikApi],
	];
	try {
		// Interleaved rounds: the shared machine's load falls on all three alike.
		for (let round = 0; round < ROUNDS; round++)
			for (const [label, list] of ways) await measure(label, list);
	} finally {
		await bench.close();
	}

	const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
	const byWay = ways.map(([label]) => {
		const runs = results.filter((r) => r.label === label);
		return {
			...runs[0],
			wallMs: median(runs.map((r) => r.wallMs)),
			all: runs.map((r) => r.wallMs),
		};
	});
	console.log(
		`Get Many over ${FILES} data files, Return All (tier 1: 1,000 per minute); wall time: median of ${ROUNDS} interleaved rounds`,
	);
	printTable(
		['', ...byWay.map((r) => r.label)],
		[
			['requests made', ...byWay.map((r) => r.requests)],
			['page size asked', ...byWay.map((r) => r.pageSize)],
			['items returned', ...byWay.map((r) => r.items)],
			['distinct ids', ...byWay.map((r) => r.distinct)],
			['wall time (s)', ...byWay.map((r) => seconds(r.wallMs))],
			['each round (s)', ...byWay.map((r) => r.all.map(seconds).join(' '))],
		],
	);
	const [node, , api] = byWay;
	console.log(
		`list: node/@qlik/api wall ${(node.wallMs / api.wallMs).toFixed(2)}, requests ${node.requests}`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
