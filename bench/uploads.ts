/**
 * Uploads through the Qlik Cloud node in a real n8n, side by side with curl: a 16 MiB file (one
 * streamed multipart POST) and a 1 GiB file (above the simulator's 500 MiB direct-upload limit:
 * tus chunks to temp-contents, then an import). n8n runs as a server (`n8n start`, SQLite,
 * filesystem binary data mode, n8n's default); a webhook starts the workflow Webhook → Read/Write
 * Files from Disk → Qlik Cloud (Data File → Upload). Each size gets a freshly started n8n, so its
 * idle and peak memory are its own. Memory is the n8n process tree's summed VmRSS, sampled every
 * 100 ms, and the n8n process's VmHWM; times are the nodes' own execution times as n8n recorded
 * them, and each upload request's duration as the simulator saw it.
 *
 *   npm run bench:uploads                 (builds first)
 *   npx ts-node --transpile-only bench/uploads.ts [--sizes 16,1024]   (MiB)
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { RequestLogEntry } from '../test/simulator';
import { ensureN8n, type N8nInstance } from '../scripts/n8n';
import { printTable, qlikNode, sleep, startBench } from './lib';
import { commandLine, processTree, TreeSampler, type MemorySample } from './procs';

const MiB = 1024 * 1024;
const sizesArg = process.argv.indexOf('--sizes');
const SIZES_MIB =
	sizesArg >= 0
		? process.argv[sizesArg + 1]
				.split(',')
				.map(Number)
				.filter((n) => n > 0)
		: [16, 1024];

/** A CSV file of `bytes` bytes (header, then numbered rows), written in 1 MiB blocks. */
function makeCsv(file: string, bytes: number): void {
	const header = 'id,region,amount,comment\n';
	const rows: string[] = [];
	let length = 0;
	for (let i = 0; length < MiB; i++) {
		const row = `${i},region-${i % 17},${(i * 7.31).toFixed(2)},row of the benchmark file\n`;
		rows.push(row);
		length += row.length;
	}
	const block = Buffer.from(rows.join('')).subarray(0, MiB);
	const fd = openSync(file, 'w');
	try {
		writeSync(fd, header);
		let written = header.length;
		while (written < bytes) {
			const part = block.subarray(0, Math.min(block.length, bytes - written));
			writeSync(fd, part);
			written += part.length;
		}
	} finally {
		closeSync(fd);
	}
}

const label = (mib: number) => (mib >= 1024 ? `${mib / 1024} GiB` : `${mib} MiB`);
const mibs = (n: number) => n.toFixed(0);

interface N8nResult {
	idleTreeMiB: number;
	memory: MemorySample;
	readMs: number;
	uploadMs: number;
	/** Time on the wire of the upload's requests (POST data-files, temp-contents, PATCHes). */
	transferMs: number;
	requests: string;
	webhookMs: number;
}

interface CurlResult {
	memory: MemorySample;
	ms: number;
	requests: string;
}

/** The `n8n start` process of this instance: a descendant of this process running in its folder. */
function serverPid(n8n: N8nInstance, bin: string): number {
	for (const pid of processTree(process.pid)) {
		const argv = commandLine(pid);
		if (argv[1] === bin && argv[2] === 'start') {
			try {
				const cwd = execFileSync('readlink', [`/proc/${pid}/cwd`], { encoding: 'utf8' }).trim();
				if (cwd === n8n.userFolder) return pid;
			} catch {
				// gone
			}
		}
	}
	throw new Error('n8n start process not found');
}

function uploadWorkflow(id: string, hook: string, file: string, name: string) {
	const nodes = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'GET', path: hook, responseMode: 'lastNode', options: {} },
		},
		{
			name: 'Read file',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1.1,
			parameters: { operation: 'read', fileSelector: file, options: {} },
		},
		qlikNode('Upload', {
			resource: 'dataFile',
			operation: 'create',
			binaryPropertyName: 'data',
			fileName: name,
			destination: 'personal',
		}),
	];
	const connections: Record<string, unknown> = {};
	nodes.forEach((node, index) => {
		Object.assign(node, { id: randomUUID(), position: [index * 220, 0] });
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name: `bench: upload ${name}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** The last execution's per-node execution times, from n8n's REST API (run data is `flatted`). */
async function lastExecutionTimes(n8n: N8nInstance, dir: string): Promise<Record<string, number>> {
	const cookie = await n8n.login();
	const get = async (p: string) =>
		(await (await fetch(`${n8n.url}${p}`, { headers: { cookie } })).json()) as {
			data: Record<string, unknown>;
		};
	const list = (await get('/rest/executions?limit=1')).data as { results: Array<{ id: string }> };
	const execution = (await get(`/rest/executions/${list.results[0].id}`)).data;
	const flatted = require(path.join(dir, 'node_modules/flatted')) as { parse(s: string): unknown };
	const data = flatted.parse(String(execution.data)) as {
		resultData: { runData: Record<string, Array<{ executionTime: number }>> };
	};
	const times: Record<string, number> = {};
	for (const [name, runs] of Object.entries(data.resultData.runData))
		times[name] = runs[runs.length - 1].executionTime;
	return times;
}

/** Time on the wire of logged requests: from each request's start to its log entry (its end). */
function requestsSummary(entries: Array<RequestLogEntry & { endedAt: number }>): {
	ms: number;
	text: string;
} {
	const uploads = entries.filter(
		(e) => e.path.startsWith('/api/v1/temp-contents') || e.path === '/api/v1/data-files',
	);
	const counts = new Map<string, number>();
	for (const e of entries) {
		const key = `${e.method} ${e.path.replace(/[0-9a-f]{24}$/, '{id}')} ${e.status}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return {
		ms: uploads.reduce((sum, e) => sum + (e.endedAt - e.time), 0),
		text: [...counts].map(([key, n]) => `${n}× ${key}`).join(', '),
	};
}

async function main() {
	const ended: Array<RequestLogEntry & { endedAt: number }> = [];
	const bench = await startBench({
		rateLimits: false,
		onLog: (entry) => ended.push({ ...entry, endedAt: Date.now() }),
	});
	const { sim, n8n } = bench;
	// To compare a change: the package (package.json and dist/) from another folder.
	if (process.env.BENCH_PACKAGE_DIR) n8n.installPackage(process.env.BENCH_PACKAGE_DIR);
	const install = ensureN8n();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'qlik-bench-uploads-'));
	// Read/Write Files from Disk may only read under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
	n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = dir;
	n8n.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	const auth = `Authorization: Bearer ${sim.credentials.apiKey}`;
	const results: Array<{ mib: number; node: N8nResult; curl: CurlResult }> = [];

	try {
		for (const mib of SIZES_MIB) {
			const file = path.join(dir, `bench-${mib}.csv`);
			makeCsv(file, mib * MiB);
			const hook = `bench-upload-${mib}`;
			const id = `benchUpload${mib}`;
			await n8n.importWorkflow(uploadWorkflow(id, hook, file, `node-${mib}.csv`));
			await n8n.publish(id);

			// n8n: a fresh server, idle, then one execution through the webhook.
			await n8n.start();
			const pid = serverPid(n8n, install.bin);
			await sleep(5000);
			const idle = new TreeSampler(pid);
			const idleSums: number[] = [];
			for (let i = 0; i < 10; i++) {
				idleSums.push(idle.sample());
				await sleep(200);
			}
			ended.length = 0;
			const sampler = new TreeSampler(pid).start();
			const started = Date.now();
			let response = await fetch(`${n8n.url}/webhook/${hook}`);
			for (let i = 0; i < 60 && response.status === 404; i++) {
				await sleep(500);
				response = await fetch(`${n8n.url}/webhook/${hook}`);
			}
			const webhookMs = Date.now() - started;
			const answer = (await response.json()) as Record<string, unknown>;
			const memory = sampler.stop();
			if (response.status !== 200 || Number(answer.size) !== mib * MiB)
				throw new Error(`n8n upload of ${label(mib)} failed: ${JSON.stringify(answer)}`);
			const times = await lastExecutionTimes(n8n, install.dir);
			await n8n.stop();
			const nodeRequests = requestsSummary(ended);
			results.push({
				mib,
				node: {
					idleTreeMiB: idleSums.sort((a, b) => a - b)[5],
					memory,
					readMs: times['Read file'],
					uploadMs: times.Upload,
					transferMs: nodeRequests.ms,
					requests: nodeRequests.text,
					webhookMs,
				},
				curl: await curlUpload(sim.url, auth, file, mib, ended),
			});
			rmSync(file, { force: true });
			console.error(`${label(mib)}: done`);
			for (const [proc, rss] of memory.byProcess)
				console.error(`  n8n tree peak: ${mibs(rss).padStart(6)} MiB  ${proc}`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await bench.close();
	}

	console.log(
		`Data File → Upload in n8n 2.40.7 (Webhook → Read/Write Files from Disk → Qlik Cloud, filesystem binary data) and curl, same simulator (direct-upload limit 500 MiB)`,
	);
	const header = [''];
	for (const r of results) header.push(`n8n ${label(r.mib)}`, `curl ${label(r.mib)}`);
	const both = (n: (r: (typeof results)[0]) => string, c: (r: (typeof results)[0]) => string) =>
		results.flatMap((r) => [n(r), c(r)]);
	const rate = (mib: number, ms: number) => (ms > 0 ? (mib / (ms / 1000)).toFixed(0) : '-');
	printTable(header, [
		[
			'RSS idle, n8n tree (MiB)',
			...both(
				(r) => mibs(r.node.idleTreeMiB),
				() => '-',
			),
		],
		[
			'peak RSS, process tree (MiB)',
			...both(
				(r) => mibs(r.node.memory.peakTreeMiB),
				(r) => mibs(r.curl.memory.peakTreeMiB),
			),
		],
		[
			'peak above idle (MiB)',
			...both(
				(r) => mibs(r.node.memory.peakTreeMiB - r.node.idleTreeMiB),
				() => '-',
			),
		],
		[
			'VmHWM of the main process (MiB)',
			...both(
				(r) => mibs(r.node.memory.rootHwmMiB),
				(r) => mibs(r.curl.memory.rootHwmMiB),
			),
		],
		[
			'Read file node (s)',
			...both(
				(r) => (r.node.readMs / 1000).toFixed(1),
				() => '-',
			),
		],
		[
			'upload step (s)',
			...both(
				(r) => (r.node.uploadMs / 1000).toFixed(1),
				(r) => (r.curl.ms / 1000).toFixed(1),
			),
		],
		[
			'upload throughput (MiB/s)',
			...both(
				(r) => rate(r.mib, r.node.uploadMs),
				(r) => rate(r.mib, r.curl.ms),
			),
		],
		[
			'on the wire (s, simulator)',
			...both(
				(r) => (r.node.transferMs / 1000).toFixed(1),
				(r) => (r.curl.ms / 1000).toFixed(1),
			),
		],
		[
			'webhook call, whole run (s)',
			...both(
				(r) => (r.node.webhookMs / 1000).toFixed(1),
				() => '-',
			),
		],
	]);
	for (const r of results) {
		console.log(`${label(r.mib)} requests, node: ${r.node.requests}`);
		console.log(`${label(r.mib)} requests, curl: ${r.curl.requests}`);
	}
}

/** Runs curl with a sampler on its process; returns its stdout. */
async function curl(args: string[]): Promise<{ stdout: string; memory: MemorySample; ms: number }> {
	const started = Date.now();
	const child = spawn('curl', ['-sS', '--fail-with-body', '-H', 'Expect:', ...args]);
	const sampler = new TreeSampler(child.pid!, 50).start();
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
	const memory = sampler.stop();
	if (code !== 0) throw new Error(`curl failed (${code}): ${stderr} ${stdout}`);
	return { stdout, memory, ms: Date.now() - started };
}

/**
 * curl sends the same file: as multipart `File` + `Json` up to the direct-upload limit, else as a
 * simple temp-contents upload (the body streamed from disk) and an import by `tempContentFileId`.
 */
async function curlUpload(
	url: string,
	auth: string,
	file: string,
	mib: number,
	ended: Array<RequestLogEntry & { endedAt: number }>,
): Promise<CurlResult> {
	ended.length = 0;
	const name = `curl-${mib}.csv`;
	if (mib <= 500) {
		const run = await curl([
			'-H',
			auth,
			'-F',
			`File=@${file};type=text/csv`,
			'-F',
			`Json=${JSON.stringify({ name })};type=application/json`,
			`${url}/api/v1/data-files`,
		]);
		const size = Number((JSON.parse(run.stdout) as { size?: number }).size);
		if (size !== mib * MiB) throw new Error(`curl upload stored ${size} bytes`);
		return { memory: run.memory, ms: run.ms, requests: requestsSummary(ended).text };
	}
	const temp = await curl([
		'-H',
		auth,
		'-H',
		'Content-Type: application/octet-stream',
		'-X',
		'POST',
		'-T',
		file,
		'-o',
		'/dev/null',
		'-w',
		'%header{location}',
		`${url}/api/v1/temp-contents?filename=${name}`,
	]);
	const tempContentFileId = temp.stdout.trim().split('/').pop();
	const created = await curl([
		'-H',
		auth,
		'-F',
		`Json=${JSON.stringify({ name, tempContentFileId })};type=application/json`,
		`${url}/api/v1/data-files`,
	]);
	const size = Number((JSON.parse(created.stdout) as { size?: number }).size);
	if (size !== mib * MiB) throw new Error(`curl upload stored ${size} bytes`);
	return {
		memory: {
			...temp.memory,
			peakTreeMiB: Math.max(temp.memory.peakTreeMiB, created.memory.peakTreeMiB),
			rootHwmMiB: Math.max(temp.memory.rootHwmMiB, created.memory.rootHwmMiB),
		},
		ms: temp.ms + created.ms,
		requests: requestsSummary(ended).text,
	};
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
