/**
 * A workflow run in a real `n8n start` through its webhook, with the memory of n8n's process
 * tree sampled (idle before, peak during) and each node's own execution time from n8n's REST
 * API; and curl under the same sampler. Shared by the upload and download benchmarks.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { ensureN8n, type N8nInstance } from '../scripts/n8n';
import { sleep } from './lib';
import { commandLine, processTree, TreeSampler, type MemorySample } from './procs';

/** The `n8n start` process of this instance: a descendant of this process running in its folder. */
export function serverPid(n8n: N8nInstance): number {
	const bin = ensureN8n().bin;
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

/** The last execution's per-node execution times, from n8n's REST API (run data is `flatted`). */
export async function lastExecutionTimes(n8n: N8nInstance): Promise<Record<string, number>> {
	const cookie = await n8n.login();
	const get = async (p: string) =>
		(await (await fetch(`${n8n.url}${p}`, { headers: { cookie } })).json()) as {
			data: Record<string, unknown>;
		};
	const list = (await get('/rest/executions?limit=1')).data as { results: Array<{ id: string }> };
	const execution = (await get(`/rest/executions/${list.results[0].id}`)).data;
	const flatted = require(path.join(ensureN8n().dir, 'node_modules/flatted')) as {
		parse(s: string): unknown;
	};
	const data = flatted.parse(String(execution.data)) as {
		resultData: { runData: Record<string, Array<{ executionTime: number }>> };
	};
	const times: Record<string, number> = {};
	for (const [name, runs] of Object.entries(data.resultData.runData))
		times[name] = runs[runs.length - 1].executionTime;
	return times;
}

/** The median of ten samples of the tree's summed RSS, 200 ms apart (MiB). */
export async function idleTreeMiB(pid: number): Promise<number> {
	const idle = new TreeSampler(pid);
	const sums: number[] = [];
	for (let i = 0; i < 10; i++) {
		sums.push(idle.sample());
		await sleep(200);
	}
	return sums.sort((a, b) => a - b)[5];
}

/**
 * Writes the page cache's dirty pages to disk before a measured transfer, so that no run pays
 * for the previous one's writes (a file kept on disk, like n8n's binary data, is written back
 * later; one deleted at once, like curl's, never is).
 */
export function settleDisk(): void {
	execFileSync('sync');
}

export interface WebhookRun {
	/** The tree's RSS just before the call (MiB). */
	idleTreeMiB: number;
	memory: MemorySample;
	webhookMs: number;
	status: number;
	answer: Record<string, unknown>;
	/** Each node's own execution time (ms). */
	times: Record<string, number>;
}

/** GETs a published workflow's webhook (trying again while n8n still answers 404), sampled. */
export async function callSampled(
	n8n: N8nInstance,
	pid: number,
	hook: string,
): Promise<WebhookRun> {
	settleDisk();
	const idle = await idleTreeMiB(pid);
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
	return {
		idleTreeMiB: idle,
		memory,
		webhookMs,
		status: response.status,
		answer,
		times: await lastExecutionTimes(n8n),
	};
}

/** Runs curl with a sampler on its process; returns its stdout. */
export async function curl(
	args: string[],
): Promise<{ stdout: string; memory: MemorySample; ms: number }> {
	settleDisk();
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

/** curl streams a file to temporary content (one POST); the temp content ID and curl's figures. */
export async function curlTempContent(
	url: string,
	auth: string,
	file: string,
	name: string,
): Promise<{ id: string; memory: MemorySample; ms: number }> {
	const made = await curl([
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
		`${url}/api/v1/temp-contents?filename=${encodeURIComponent(name)}`,
	]);
	return { id: made.stdout.trim().split('/').pop() ?? '', memory: made.memory, ms: made.ms };
}

/** Nodes in a row, each connected to the next, with ids and positions. */
export function webhookWorkflow(
	id: string,
	name: string,
	hook: string,
	nodes: Array<Record<string, unknown> & { name: string }>,
) {
	const all = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'GET', path: hook, responseMode: 'lastNode', options: {} },
		},
		...nodes,
	];
	const connections: Record<string, unknown> = {};
	all.forEach((node, index) => {
		Object.assign(node, { id: randomUUID(), position: [index * 220, 0] });
		const next = all[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { id, name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

export const MiB = 1024 * 1024;
export const sizeLabel = (mib: number) => (mib >= 1024 ? `${mib / 1024} GiB` : `${mib} MiB`);
