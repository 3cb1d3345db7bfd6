/**
 * n8n in queue mode on loopback: PostgreSQL and Redis (scripts/n8n/services.sh), one main
 * (`n8n start`) and workers (`n8n worker`), each an N8nInstance (scripts/n8n.ts) with its own user
 * folder and this package installed in it as a community package, all with the same encryption
 * key, binary data in the database and manual executions offloaded to the workers.
 *
 * Logs (each process's output, PostgreSQL's and Redis's) are written to `logDir` when the cluster
 * stops and kept there (the last run only), so a failed test can be read afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Simulator } from '../test/simulator';
import {
	ensureN8n,
	freePort,
	N8nInstance,
	parseExecution,
	repoRoot,
	type ExecutionResult,
	type N8nInstall,
} from './n8n';

const servicesScript = path.join(repoRoot, 'scripts/n8n/services.sh');

/** Where the logs of the last queue-mode run are kept (override with N8N_QUEUE_LOG_DIR). */
export const logDir =
	process.env.N8N_QUEUE_LOG_DIR ?? path.join(os.tmpdir(), 'n8n-nodes-qlik-cloud-queue-logs');

export interface QueueServices {
	dir: string;
	env: Record<string, string>;
}

/** Starts PostgreSQL and Redis on free loopback ports, installing them with apt when missing. */
export function startServices(): QueueServices {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-services-'));
	let output: string;
	try {
		output = execFileSync('bash', [servicesScript, 'start', dir], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	} catch (error) {
		stopServices(dir);
		const { stderr } = error as { stderr?: string };
		throw new Error(`services.sh start failed\n${stderr ?? String(error)}`);
	}
	const values: Record<string, string> = {};
	for (const line of output.trim().split('\n')) {
		const at = line.indexOf('=');
		if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
	}
	return {
		dir,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: values.PG_HOST,
			DB_POSTGRESDB_PORT: values.PG_PORT,
			DB_POSTGRESDB_USER: values.PG_USER,
			DB_POSTGRESDB_PASSWORD: values.PG_PASSWORD,
			DB_POSTGRESDB_DATABASE: values.PG_DATABASE,
			QUEUE_BULL_REDIS_HOST: values.REDIS_HOST,
			QUEUE_BULL_REDIS_PORT: values.REDIS_PORT,
		},
	};
}

/** Stops what startServices started (synchronously, so it also works in an exit handler). */
export function stopServices(dir: string): void {
	try {
		execFileSync('bash', [servicesScript, 'stop', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
	} catch {
		// already stopped, or never started
	}
}

/** The settings every process of the cluster shares. */
export const QUEUE_ENV = {
	EXECUTIONS_MODE: 'queue',
	N8N_ENCRYPTION_KEY: 'queue-encryption-key-qlik-cloud-nodes',
	N8N_DEFAULT_BINARY_DATA_MODE: 'database',
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	// Worker and main log the execution IDs they run/enqueue at info level.
	N8N_LOG_LEVEL: 'info',
};

export interface ExecutionRecord {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	result: ExecutionResult;
}

export class N8nQueueCluster {
	readonly main: N8nInstance;
	readonly workers: N8nInstance[] = [];
	private readonly earlierLogs = new Map<N8nInstance, string>();
	private cookie?: string;
	private stopped = false;
	private readonly onExit = () => this.killNow();

	private constructor(
		private readonly install: N8nInstall,
		readonly services: QueueServices,
		mainPort: number,
		workerPorts: number[],
	) {
		const env = { ...QUEUE_ENV, ...services.env };
		this.main = new N8nInstance(install, mainPort, env);
		for (const port of workerPorts) {
			// A worker serves no editor or webhooks: `port` is its health check server.
			this.workers.push(
				new N8nInstance(install, port, {
					...env,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
			);
		}
		process.once('exit', this.onExit);
	}

	/**
	 * PostgreSQL, Redis and the user folders of a main and `workers` workers, each with the package
	 * installed; the simulator accepts the main's OAuth callback. Nothing runs yet but the services.
	 */
	static async create(sim: Simulator, workers = 1): Promise<N8nQueueCluster> {
		const install = ensureN8n();
		const services = startServices();
		const ports: number[] = [];
		for (let i = 0; i <= workers; i++) ports.push(await freePort());
		const cluster = new N8nQueueCluster(install, services, ports[0], ports.slice(1));
		for (const instance of cluster.all) instance.installPackage();
		sim.registerRedirectUri(
			sim.credentials.interactive.clientId,
			`${cluster.main.url}/rest/oauth2-credential/callback`,
		);
		return cluster;
	}

	private get all(): N8nInstance[] {
		return [this.main, ...this.workers];
	}

	/** Starts the main (which migrates the database) and then the workers, each until ready. */
	async start(): Promise<void> {
		await this.mainStart();
		for (const worker of this.workers) await worker.start(180000, 'worker');
	}

	/**
	 * `n8n start`, until it has activated the published workflows: it answers readiness before,
	 * and prints "Editor is now accessible" after (commands/start.js).
	 */
	private async mainStart(timeoutMs = 180000): Promise<void> {
		await this.main.start(timeoutMs);
		const deadline = Date.now() + timeoutMs;
		while (!this.main.log.includes('Editor is now accessible')) {
			if (Date.now() > deadline)
				throw new Error(`n8n main did not finish starting\n${this.main.log}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Stops the main process only and starts it again (the workers keep running). */
	async restartMain(): Promise<void> {
		await this.main.stop();
		this.earlierLogs.set(this.main, this.logOf(this.main));
		this.cookie = undefined;
		await this.mainStart();
	}

	/** Everything a process printed since the cluster was created (restarts included). */
	logOf(instance: N8nInstance): string {
		return (this.earlierLogs.get(instance) ?? '') + instance.log;
	}

	/** Which processes logged "Worker started execution <id>": ['worker 1'] for the first worker. */
	ranBy(executionId: string): string[] {
		const started = new RegExp(`Worker started execution ${executionId} \\(job`);
		const names: string[] = [];
		if (started.test(this.logOf(this.main))) names.push('main');
		this.workers.forEach((worker, i) => {
			if (started.test(this.logOf(worker))) names.push(`worker ${i + 1}`);
		});
		return names;
	}

	/** Imports several workflows with one `n8n import:workflow` (each CLI run takes seconds). */
	async importWorkflows(workflows: Array<Record<string, unknown> & { id: string }>): Promise<void> {
		const file = path.join(this.main.userFolder, `import-workflows-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflows.map((w) => ({ active: false, ...w }))));
		const result = await this.main.n8n(['import:workflow', `--input=${file}`]);
		rmSync(file, { force: true });
		if (result.code !== 0)
			throw new Error(`import:workflow failed\n${result.stdout}\n${result.stderr}`);
	}

	/** A call to the main's internal REST API (/rest/…) as the owner; returns its `data`. */
	async rest(pathAndQuery: string, init: RequestInit = {}): Promise<unknown> {
		this.cookie ??= await this.main.login();
		const response = await fetch(`${this.main.url}/rest${pathAndQuery}`, {
			...init,
			headers: { 'Content-Type': 'application/json', cookie: this.cookie, ...init.headers },
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${init.method ?? 'GET'} /rest${pathAndQuery}: ${response.status} ${text}`);
		return (JSON.parse(text) as { data: unknown }).data;
	}

	/**
	 * Runs a workflow from its trigger as the editor's *Execute workflow* does (POST
	 * /rest/workflows/:id/run on the main), which queue mode hands to a worker; returns the
	 * execution once it has finished.
	 */
	async runManually(workflowId: string, trigger = 'Start'): Promise<ExecutionRecord> {
		const started = (await this.rest(`/workflows/${workflowId}/run`, {
			method: 'POST',
			body: JSON.stringify({ triggerToStartFrom: { name: trigger } }),
		})) as { executionId?: string };
		if (!started.executionId)
			throw new Error(`the run did not start an execution: ${JSON.stringify(started)}`);
		return await this.execution(started.executionId);
	}

	/** IDs of a workflow's executions, newest first. */
	async executionIds(workflowId: string): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = (await this.rest(`/executions?filter=${filter}&limit=50`)) as {
			results: Array<{ id: string }>;
		};
		return list.results.map((e) => String(e.id));
	}

	/** Waits until an execution has ended and returns it with each node's output. */
	async execution(id: string, timeoutMs = 120000): Promise<ExecutionRecord> {
		const flatted = require(path.join(this.install.dir, 'node_modules/flatted')) as {
			parse(text: string): unknown;
		};
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = (await this.rest(`/executions/${id}`)) as {
				id: string;
				status: string;
				mode: string;
				workflowId: string;
				data: string;
			};
			if (!['new', 'running', 'waiting'].includes(found.status)) {
				const data = flatted.parse(found.data);
				// The same reading as `n8n execute` output (scripts/n8n.ts parseExecution).
				const result = parseExecution({
					code: 0,
					stdout: JSON.stringify({ status: found.status, data }),
					stderr: '',
				});
				return {
					id: String(found.id),
					status: found.status,
					mode: found.mode,
					workflowId: found.workflowId,
					result,
				};
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${id} still ${found.status} after ${timeoutMs} ms; logs in ${logDir}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Writes every process's log and the services' logs to logDir (replacing the last run's). */
	saveLogs(): void {
		rmSync(logDir, { recursive: true, force: true });
		mkdirSync(logDir, { recursive: true });
		writeFileSync(path.join(logDir, 'main.log'), this.logOf(this.main));
		this.workers.forEach((worker, i) =>
			writeFileSync(path.join(logDir, `worker-${i + 1}.log`), this.logOf(worker)),
		);
		for (const [from, to] of [
			['pg/server.log', 'postgresql.log'],
			['redis/redis.log', 'redis.log'],
		]) {
			const file = path.join(this.services.dir, from);
			if (existsSync(file)) {
				try {
					writeFileSync(path.join(logDir, to), readFileSync(file));
				} catch {
					// unreadable: skip
				}
			}
		}
	}

	/** Stops every process (whole process groups), keeps the logs, removes all other files. */
	async cleanup(): Promise<void> {
		if (this.stopped) return;
		for (const worker of this.workers) await worker.stop();
		await this.main.stop();
		this.saveLogs();
		stopServices(this.services.dir);
		for (const instance of this.all) await instance.cleanup();
		rmSync(this.services.dir, { recursive: true, force: true });
		this.stopped = true;
		process.removeListener('exit', this.onExit);
	}

	/** Last resort when the test process exits without cleanup: no orphans left behind. */
	private killNow(): void {
		if (this.stopped) return;
		for (const instance of this.all) instance.kill();
		stopServices(this.services.dir);
	}
}
