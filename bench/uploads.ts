/**
 * Uploads through the Qlik Cloud node in a real n8n, side by side with curl and with a plain
 * Node.js HTTP client: a 256 MiB file (one streamed multipart POST) and a 1 GiB file (above the
 * simulator's 500 MiB direct-upload limit: tus chunks of 16 MiB or `--chunk-mib` to temp-contents,
 * then an import). n8n runs as a server (`n8n start`, SQLite, filesystem binary data mode, n8n's
 * default); a webhook starts the workflow Webhook → Read/Write Files from Disk → Qlik Cloud
 * (Data File → Upload). Each size gets one n8n; rounds are interleaved (curl, plain Node, the
 * node) so that the load of the shared machine falls on all three alike; medians are reported.
 * Memory is the n8n process tree's summed VmRSS, sampled every 100 ms, against its idle level
 * just before each run, after one warm-up run of a 1 MiB file (the first run in an n8n loads the
 * package); times are the nodes' own execution times as n8n recorded them.
 *
 *   npm run bench:uploads                 (builds first)
 *   npx ts-node --transpile-only bench/uploads.ts [--sizes 256,1024] [--rounds 3] [--chunk-mib 16]
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { RequestLogEntry } from '../test/simulator';
import { printTable, qlikNode, startBench } from './lib';
import {
	callSampled,
	curl,
	curlTempContent,
	MiB,
	serverPid,
	settleDisk,
	sizeLabel,
	webhookWorkflow,
} from './server';

const at = (name: string) => process.argv.indexOf(`--${name}`);
const SIZES_MIB =
	at('sizes') >= 0
		? process.argv[at('sizes') + 1]
				.split(',')
				.map(Number)
				.filter((n) => n > 0)
		: [256, 1024];
const ROUNDS = at('rounds') >= 0 ? Math.max(1, Number(process.argv[at('rounds') + 1])) : 3;
/** tus chunk size of the node and the plain client (MiB); the node's default is 16. */
const CHUNK_MIB =
	at('chunk-mib') >= 0 ? Math.max(1, Number(process.argv[at('chunk-mib') + 1])) : 16;
/** The simulator's direct-upload limit (its default `maxFileSize`): above it the node uses tus. */
const DIRECT_LIMIT_MIB = 500;
const CHUNK = CHUNK_MIB * MiB;

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

/**
 * The same upload with Node's own `http` in a child process (no n8n, no axios): tus in chunks of
 * the same size, each streamed from the file, as the node does; or one multipart POST. Tells what
 * the protocol and the simulator cost apart from n8n.
 */
const PLAIN_NODE = `
const http = require('node:http'), fs = require('node:fs');
const [url, key, file, size, chunk, tus, name] = process.argv.slice(1);
const auth = { Authorization: 'Bearer ' + key };
function send(method, target, headers, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(target, { method, headers: { ...auth, ...headers } }, (res) => {
			let text = ''; res.on('data', (d) => (text += d)); res.on('end', () => resolve({ res, text }));
		});
		req.on('error', reject);
		if (body && body.pipe) body.pipe(req); else req.end(body);
	});
}
(async () => {
	const total = Number(size);
	let json = { name };
	if (tus === '1') {
		const made = await send('POST', url + '/api/v1/temp-contents/files', { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(total) });
		const location = made.res.headers.location;
		for (let offset = 0; offset < total; ) {
			const length = Math.min(Number(chunk), total - offset);
			const stream = fs.createReadStream(file, { start: offset, end: offset + length - 1, highWaterMark: 1 << 20 });
			const done = await send('PATCH', location, { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(length) }, stream);
			if (done.res.statusCode !== 204) throw new Error('PATCH ' + done.res.statusCode);
			offset += length;
		}
		json = { name, tempContentFileId: location.split('/').pop() };
	}
	const boundary = 'plainNodeBench';
	const head = '--' + boundary + '\\r\\nContent-Disposition: form-data; name="Json"\\r\\nContent-Type: application/json\\r\\n\\r\\n' + JSON.stringify(json) + '\\r\\n' +
		(tus === '1' ? '' : '--' + boundary + '\\r\\nContent-Disposition: form-data; name="File"; filename="' + name + '"\\r\\nContent-Type: text/csv\\r\\n\\r\\n');
	const tail = (tus === '1' ? '' : '\\r\\n') + '--' + boundary + '--\\r\\n';
	const length = Buffer.byteLength(head) + (tus === '1' ? 0 : total) + Buffer.byteLength(tail);
	const { PassThrough } = require('node:stream');
	const body = new PassThrough();
	body.write(head);
	if (tus === '1') body.end(tail);
	else { const f = fs.createReadStream(file, { highWaterMark: 1 << 20 }); f.pipe(body, { end: false }); f.on('end', () => body.end(tail)); }
	const done = await send('POST', url + '/api/v1/data-files', { 'Content-Type': 'multipart/form-data; boundary=' + boundary, 'Content-Length': String(length) }, body);
	if (done.res.statusCode !== 201) throw new Error('POST ' + done.res.statusCode + ' ' + done.text);
	process.stdout.write(String(JSON.parse(done.text).size));
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function plainNode(args: string[]): Promise<number> {
	settleDisk();
	const started = Date.now();
	const child = spawn(process.execPath, ['-e', PLAIN_NODE, ...args]);
	let out = '';
	let err = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr.on('data', (d: Buffer) => (err += d.toString()));
	const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
	if (code !== 0) throw new Error(`plain Node upload failed: ${err}`);
	return Date.now() - started;
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

interface Round {
	nodeMs: number;
	readMs: number;
	wireMs: number;
	peakAboveIdleMiB: number;
	idleMiB: number;
	hwmMiB: number;
	curlMs: number;
	curlRssMiB: number;
	plainMs: number;
}

async function main() {
	const ended: Array<RequestLogEntry & { endedAt: number }> = [];
	const bench = await startBench({
		rateLimits: false,
		onLog: (entry) => ended.push({ ...entry, endedAt: Date.now() }),
	});
	const { sim, n8n } = bench;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'qlik-bench-uploads-'));
	// Read/Write Files from Disk may only read under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
	n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = dir;
	n8n.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	const auth = `Authorization: Bearer ${sim.credentials.apiKey}`;
	const results: Array<{ mib: number; rounds: Round[]; requests: string }> = [];

	try {
		for (const mib of SIZES_MIB) {
			const file = path.join(dir, `bench-${mib}.csv`);
			makeCsv(file, mib * MiB);
			const hook = `bench-upload-${mib}`;
			const workflow = webhookWorkflow(`benchUpload${mib}`, `bench: upload ${mib}`, hook, [
				{
					name: 'Read file',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1.1,
					// `?file=` names another file: the warm-up run's small one.
					parameters: {
						operation: 'read',
						fileSelector: `={{ $json.query.file || ${JSON.stringify(file)} }}`,
						options: {},
					},
				},
				qlikNode('Upload', {
					resource: 'dataFile',
					operation: 'create',
					binaryPropertyName: 'data',
					fileName: `=node-${mib}-{{ $execution.id }}.csv`,
					destination: 'personal',
					additionalFields: CHUNK_MIB === 16 ? {} : { chunkSizeMiB: CHUNK_MIB },
				}),
			]);
			await n8n.importWorkflow(workflow);
			await n8n.publish(workflow.id);
			await n8n.start();
			const rounds: Round[] = [];
			let requests = '';
			try {
				const pid = serverPid(n8n);
				// A first run loads the package into n8n: done once with a 1 MiB file, so that no
				// measured round carries it.
				const warm = path.join(dir, 'warm-up.csv');
				makeCsv(warm, MiB);
				const warmUp = await callSampled(n8n, pid, `${hook}?file=${encodeURIComponent(warm)}`);
				if (warmUp.status !== 200)
					throw new Error(`warm-up failed: ${JSON.stringify(warmUp.answer)}`);
				for (let round = 0; round < ROUNDS; round++) {
					const viaCurl = await curlUpload(sim.url, auth, file, mib, `curl-${mib}-${round}.csv`);
					const plainMs = await plainNode([
						sim.url,
						sim.credentials.apiKey,
						file,
						String(mib * MiB),
						String(CHUNK),
						mib > DIRECT_LIMIT_MIB ? '1' : '0',
						`plain-${mib}-${round}.csv`,
					]);
					ended.length = 0;
					const run = await callSampled(n8n, pid, hook);
					if (run.status !== 200 || Number(run.answer.size) !== mib * MiB)
						throw new Error(
							`n8n upload of ${sizeLabel(mib)} failed: ${JSON.stringify(run.answer)}`,
						);
					const wire = requestsSummary(ended);
					requests = wire.text;
					rounds.push({
						nodeMs: run.times.Upload,
						readMs: run.times['Read file'],
						wireMs: wire.ms,
						peakAboveIdleMiB: run.memory.peakTreeMiB - run.idleTreeMiB,
						idleMiB: run.idleTreeMiB,
						hwmMiB: run.memory.rootHwmMiB,
						curlMs: viaCurl.ms,
						curlRssMiB: viaCurl.memory.peakTreeMiB,
						plainMs,
					});
					console.error(
						`${sizeLabel(mib)} round ${round + 1}: node ${run.times.Upload} ms, curl ${viaCurl.ms} ms, plain Node ${plainMs} ms, peak +${(run.memory.peakTreeMiB - run.idleTreeMiB).toFixed(0)} MiB`,
					);
				}
			} finally {
				await n8n.stop();
			}
			rmSync(file, { force: true });
			results.push({ mib, rounds, requests });
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await bench.close();
	}

	const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
	const seconds = (ms: number) => (ms / 1000).toFixed(1);
	console.log(
		`Data File → Upload in n8n 2.40.7 (Webhook → Read/Write Files from Disk → Qlik Cloud, filesystem binary data), a plain Node.js client and curl, same simulator (direct-upload limit ${DIRECT_LIMIT_MIB} MiB); median of ${ROUNDS} interleaved rounds (each round's figure in brackets)`,
	);
	const header = [''];
	for (const r of results) header.push(`${sizeLabel(r.mib)}`);
	const row = (name: string, pick: (round: Round) => number, show: (v: number) => string) => [
		name,
		...results.map(
			(r) =>
				`${show(median(r.rounds.map(pick)))} (${r.rounds.map((x) => show(pick(x))).join(' ')})`,
		),
	];
	const mibs = (v: number) => v.toFixed(0);
	printTable(header, [
		row('node: upload step (s)', (x) => x.nodeMs, seconds),
		row('plain Node http (s)', (x) => x.plainMs, seconds),
		row('curl (s)', (x) => x.curlMs, seconds),
		[
			'node throughput (MiB/s)',
			...results.map((r) => mibs(r.mib / (median(r.rounds.map((x) => x.nodeMs)) / 1000))),
		],
		[
			'curl throughput (MiB/s)',
			...results.map((r) => mibs(r.mib / (median(r.rounds.map((x) => x.curlMs)) / 1000))),
		],
		[
			'node/curl throughput',
			...results.map((r) =>
				(median(r.rounds.map((x) => x.curlMs)) / median(r.rounds.map((x) => x.nodeMs))).toFixed(2),
			),
		],
		row('node: on the wire (s, simulator)', (x) => x.wireMs, seconds),
		row('Read file node (s)', (x) => x.readMs, seconds),
		row('RSS idle, n8n tree (MiB)', (x) => x.idleMiB, mibs),
		row('peak above idle, n8n tree (MiB)', (x) => x.peakAboveIdleMiB, mibs),
		row('VmHWM of n8n main (MiB)', (x) => x.hwmMiB, mibs),
		row('curl peak RSS (MiB)', (x) => x.curlRssMiB, mibs),
	]);
	for (const r of results) console.log(`${sizeLabel(r.mib)} requests, node: ${r.requests}`);
	const gib = results.find((r) => r.mib === 1024) ?? results[results.length - 1];
	const ratio = median(gib.rounds.map((x) => x.curlMs)) / median(gib.rounds.map((x) => x.nodeMs));
	const peak = Math.max(...gib.rounds.map((x) => x.peakAboveIdleMiB));
	console.log(
		`uploads: ${sizeLabel(gib.mib)} node/curl throughput ${ratio.toFixed(2)}, peak above idle ${peak.toFixed(0)} MiB`,
	);
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
	name: string,
): Promise<{ ms: number; memory: { peakTreeMiB: number } }> {
	const stored = (stdout: string) => {
		const size = Number((JSON.parse(stdout) as { size?: number }).size);
		if (size !== mib * MiB) throw new Error(`curl upload stored ${size} bytes`);
	};
	if (mib <= DIRECT_LIMIT_MIB) {
		const run = await curl([
			'-H',
			auth,
			'-F',
			`File=@${file};type=text/csv`,
			'-F',
			`Json=${JSON.stringify({ name })};type=application/json`,
			`${url}/api/v1/data-files`,
		]);
		stored(run.stdout);
		return run;
	}
	const temp = await curlTempContent(url, auth, file, name);
	const tempContentFileId = temp.id;
	const created = await curl([
		'-H',
		auth,
		'-F',
		`Json=${JSON.stringify({ name, tempContentFileId })};type=application/json`,
		`${url}/api/v1/data-files`,
	]);
	stored(created.stdout);
	return {
		ms: temp.ms + created.ms,
		memory: { peakTreeMiB: Math.max(temp.memory.peakTreeMiB, created.memory.peakTreeMiB) },
	};
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
