/**
 * Downloads into n8n's binary store, side by side with curl: a 1 GiB temporary content (Temp
 * Content → Download) and an app export (App → Export, then Temp Content → Download of the
 * Location it gives), through the Qlik Cloud node in a real n8n 2.40.7 (`n8n start`, a webhook
 * starts each workflow), in n8n's filesystem binary data mode and in its database mode; curl
 * GETs the same temp content into a file. Memory is the n8n process tree's summed VmRSS
 * (sampled every 100 ms) against its idle level just before each run, after a warm-up run of a
 * 1 MiB download (the node's first run loads the package). The simulator answers an
 * app export with the Location of a temp content made beforehand (its export is the 1 GiB file).
 *
 *   npm run bench:downloads               (builds first)
 *   npx ts-node --transpile-only bench/downloads.ts [--mib 1024] [--rounds 3] [--db-mib 256]
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Route } from '../test/simulator';
import { printTable, qlikNode, startBench } from './lib';
import {
	callSampled,
	curl,
	curlTempContent,
	MiB,
	serverPid,
	sizeLabel,
	webhookWorkflow,
	type WebhookRun,
} from './server';

function arg(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const SIZE_MIB = arg('mib', 1024);
const ROUNDS = arg('rounds', 3);
/**
 * n8n's database mode keeps a binary whole in memory and in one row, up to
 * N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (512 MiB by default, 1024 at most): a smaller file.
 */
const DB_MIB = arg('db-mib', 256);
const APP_ID = 'a1b2c3d4-0000-4000-8000-00000000beef';
/**
 * A small download first in each n8n: its first run of the node loads the package (461
 * operations' tables), which is not what a download costs.
 */
const WARM_MIB = 1;

/** A file of `mib` MiB (CSV-like rows), written in 1 MiB blocks. */
function makeFile(file: string, mib: number): void {
	const row = Buffer.from('42,region-7,123.45,row of the download benchmark\n');
	const block = Buffer.alloc(MiB);
	for (let i = 0; i < MiB; i += row.length) row.copy(block, i);
	const fd = openSync(file, 'w');
	try {
		for (let i = 0; i < mib; i++) writeSync(fd, block);
	} finally {
		closeSync(fd);
	}
}

interface Row {
	label: string;
	mib: number;
	/** The download node's own time, or curl's (ms). */
	ms: number;
	peakAboveIdleMiB?: number;
	curlPeakMiB?: number;
}

async function main() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'qlik-bench-downloads-'));
	const temp: Record<number, string> = {};
	// App → Export: 201 with the Location of the app's export in temp contents, as Qlik answers.
	const exportRoute: Route = {
		method: 'POST',
		path: '/api/v1/apps/{appId}/export',
		tier: '2',
		handler: (ctx) => ({
			status: 201,
			headers: { Location: `${ctx.baseUrl}/api/v1/temp-contents/${temp[SIZE_MIB]}` },
		}),
	};
	const bench = await startBench({ rateLimits: false }, [exportRoute]);
	const { sim, n8n } = bench;
	const auth = `Authorization: Bearer ${sim.credentials.apiKey}`;
	const rows: Row[] = [];

	try {
		for (const mib of [...new Set([WARM_MIB, SIZE_MIB, DB_MIB])]) {
			const file = path.join(dir, `export-${mib}.qvf`);
			makeFile(file, mib);
			temp[mib] = (await curlTempContent(sim.url, auth, file, `export-${mib}.qvf`)).id;
			rmSync(file, { force: true });
		}

		const download = (mib: number) =>
			qlikNode('Download', {
				resource: 'tempContent',
				operation: 'download',
				tempContentId: temp[mib],
			});
		const workflows = [
			webhookWorkflow('benchDownload', 'bench: temp content download', 'bench-download', [
				download(SIZE_MIB),
			]),
			webhookWorkflow('benchDownloadDb', 'bench: temp content download (db)', 'bench-download-db', [
				download(DB_MIB),
			]),
			webhookWorkflow('benchWarm', 'bench: warm-up download', 'bench-warm', [download(WARM_MIB)]),
			webhookWorkflow('benchExport', 'bench: app export', 'bench-export', [
				qlikNode('Export', {
					resource: 'app',
					operation: 'export',
					appId: { __rl: true, mode: 'id', value: APP_ID },
				}),
				qlikNode('Download', {
					resource: 'tempContent',
					operation: 'download',
					tempContentId: '={{ $json.tempContentId }}',
				}),
			]),
		];
		for (const workflow of workflows) {
			await n8n.importWorkflow(workflow);
			await n8n.publish(workflow.id);
		}

		const curlGet = async (mib: number) => {
			const out = path.join(dir, `curl-${mib}.bin`);
			const run = await curl([
				'-H',
				auth,
				'-o',
				out,
				`${sim.url}/api/v1/temp-contents/${temp[mib]}`,
			]);
			if (statSync(out).size !== mib * MiB) throw new Error('curl download incomplete');
			rmSync(out, { force: true });
			return run;
		};
		const check = (label: string, run: WebhookRun, mib: number) => {
			if (run.status !== 200 || Number(run.answer.fileSize) !== mib * MiB)
				throw new Error(`${label} failed: ${run.status} ${JSON.stringify(run.answer)}`);
			console.error(`${label}: ${(run.times.Download / 1000).toFixed(1)} s`);
		};

		for (const mode of ['filesystem', 'database'] as const) {
			n8n.env.N8N_DEFAULT_BINARY_DATA_MODE = mode;
			n8n.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE = '1024';
			await n8n.start();
			try {
				const pid = serverPid(n8n);
				check(`${mode} warm-up`, await callSampled(n8n, pid, 'bench-warm'), WARM_MIB);
				const mib = mode === 'filesystem' ? SIZE_MIB : DB_MIB;
				const rounds = mode === 'filesystem' ? ROUNDS : 1;
				// Interleaved: curl, then the node, round after round (the machine's load moves).
				for (let round = 0; round < rounds; round++) {
					const viaCurl = await curlGet(mib);
					rows.push({
						label: `curl ${sizeLabel(mib)}`,
						mib,
						ms: viaCurl.ms,
						curlPeakMiB: viaCurl.memory.peakTreeMiB,
					});
					const hook = mode === 'filesystem' ? 'bench-download' : 'bench-download-db';
					const run = await callSampled(n8n, pid, hook);
					check(`${mode} ${sizeLabel(mib)} round ${round + 1}`, run, mib);
					rows.push({
						label: `node ${mode} ${sizeLabel(mib)}`,
						mib,
						ms: run.times.Download,
						peakAboveIdleMiB: run.memory.peakTreeMiB - run.idleTreeMiB,
					});
				}
				if (mode === 'filesystem') {
					const run = await callSampled(n8n, pid, 'bench-export');
					check(`${mode} app export`, run, SIZE_MIB);
					rows.push({
						label: `node ${mode} app export ${sizeLabel(SIZE_MIB)}`,
						mib: SIZE_MIB,
						ms: run.times.Export + run.times.Download,
						peakAboveIdleMiB: run.memory.peakTreeMiB - run.idleTreeMiB,
					});
				}
			} finally {
				await n8n.stop();
			}
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await bench.close();
	}

	console.log(
		`Downloads into n8n 2.40.7's binary store (Qlik Cloud node, webhook-started) and curl to a file, same simulator; ${ROUNDS} rounds interleaved at ${sizeLabel(SIZE_MIB)}`,
	);
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
	const labels = [...new Set(rows.map((r) => r.label))];
	const table = labels.map((label) => {
		const of = rows.filter((r) => r.label === label);
		const ms = median(of.map((r) => r.ms));
		const peak = of.map((r) => r.peakAboveIdleMiB ?? r.curlPeakMiB ?? 0);
		return {
			label,
			ms,
			row: [
				label,
				of.map((r) => (r.ms / 1000).toFixed(1)).join(' '),
				(ms / 1000).toFixed(1),
				(of[0].mib / (ms / 1000)).toFixed(0),
				peak.map((p) => p.toFixed(0)).join(' '),
			],
		};
	});
	printTable(
		['', 'time per round (s)', 'median (s)', 'MiB/s', 'peak: n8n above idle, curl RSS (MiB)'],
		table.map((t) => t.row),
	);
	const nodeRuns = rows.filter((r) => r.label === `node filesystem ${sizeLabel(SIZE_MIB)}`);
	const curlRuns = rows.filter((r) => r.label === `curl ${sizeLabel(SIZE_MIB)}`);
	const ratio = median(curlRuns.map((r) => r.ms)) / median(nodeRuns.map((r) => r.ms));
	const peak = Math.max(...nodeRuns.map((r) => r.peakAboveIdleMiB ?? 0));
	console.log(
		`downloads: ${sizeLabel(SIZE_MIB)} node/curl throughput ${ratio.toFixed(2)}, peak above idle ${peak.toFixed(0)} MiB`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
