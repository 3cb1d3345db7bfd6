/**
 * Real-n8n harness: runs a pinned n8n (Node 24, installed by scripts/n8n/install.sh into a cache outside
 * the repo) in throw-away user folders, with an optional package installed as a community package.
 *
 * Runs under jest on Node 20; every n8n command is a child process `<node 24> <n8n bin> ...`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
} from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts/n8n/install.sh');

/** Fixed so that credentials exported from one instance decrypt in another. */
export const ENCRYPTION_KEY = 'n8n-e2e-harness-encryption-key-0123456789';

export interface N8nInstall {
	/** Node 24 binary. */
	node: string;
	/** n8n entry script: run as `node bin ...`. */
	bin: string;
	/** n8n version installed. */
	version: string;
	/** Folder holding n8n's node_modules. */
	dir: string;
}

export interface CommandResult {
	/** Exit code; 128 + signal number when killed by a signal. */
	code: number;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface NodeOutputItem {
	json: unknown;
	/** The node's error when its run failed (then json is {}). */
	error?: unknown;
	binary?: unknown;
	pairedItem?: unknown;
}

export interface ExecuteResult {
	/** True when n8n printed the run data and the execution status is 'success'. */
	ok: boolean;
	/** Each executed node's items: first output (main[0]) of its last run. A failed run gives [{ json: {}, error }]. */
	runData: Record<string, NodeOutputItem[]>;
	/** The workflow error message (ok=false), else undefined. */
	error?: string;
	/** Execution status from the run data ('success', 'error', ...), if it was printed. */
	status?: string;
	/** The full run data object n8n printed (IRun), if any. */
	execution?: Record<string, unknown>;
	/** Exit code of `n8n execute` (see execute() on exit code 139). */
	code: number;
	/** stdout + stderr of `n8n execute`. */
	raw: string;
}

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface N8nInstance {
	userFolder: string;
	/** Port of `n8n start` (editor, REST, webhooks), on 127.0.0.1. */
	port: number;
	/** http://127.0.0.1:<port> */
	baseUrl: string;
	/** The environment every n8n command of this instance runs with (may be changed before a command). */
	env: NodeJS.ProcessEnv;
	/** Owner preset from the environment (only with createInstance({ owner: true })); applied by start(). */
	owner?: { email: string; password: string };
	/** Path of the `n8n start` log. */
	logFile: string;
	importCredentials(creds: Credential[]): Promise<void>;
	/** Imports one workflow (inactive); returns its id (generated when the workflow has none). */
	importWorkflow(wf: object): Promise<string>;
	/** `n8n execute --id <id> --rawOutput`: runs a workflow that starts with a Manual Trigger. */
	execute(workflowId: string): Promise<ExecuteResult>;
	/** `n8n publish:workflow --id <id>`: activates its triggers and webhooks. Call before start(). */
	publish(workflowId: string): Promise<void>;
	/** `n8n start` on `port`; resolves once /healthz and /healthz/readiness answer and startup finished. */
	start(): Promise<void>;
	/** SIGTERM, then SIGKILL after 30 s. */
	stop(): Promise<void>;
	/** Any n8n CLI command, e.g. ['list:workflow']. */
	n8n(args: string[], options?: { timeoutMs?: number }): Promise<CommandResult>;
	/** The `n8n start` log so far. */
	readLog(): string;
	/** stop(), then remove the user folder. */
	cleanup(): Promise<void>;
}

export interface CreateInstanceOptions {
	/** Folder with package.json + dist/ to install as a community package (a copy, not a link). */
	packageDir?: string;
	/** Extra or overriding environment variables. */
	env?: Record<string, string>;
	/** Preset an owner account from the environment (N8N_INSTANCE_OWNER_*), for REST logins after start(). */
	owner?: boolean;
}

const COMMAND_TIMEOUT_MS = 5 * 60 * 1000;
const START_TIMEOUT_MS = 3 * 60 * 1000;
const STOP_TIMEOUT_MS = 30 * 1000;

let installPromise: Promise<N8nInstall> | undefined;

/** Runs scripts/n8n/install.sh (returns in about a second once installed), once per process. */
export async function ensureN8n(): Promise<{ node: string; bin: string; version: string }> {
	installPromise ??= runInstallScript().catch((error: unknown) => {
		installPromise = undefined;
		throw error;
	});
	return await installPromise;
}

async function runInstallScript(): Promise<N8nInstall> {
	const result = await run('bash', [INSTALL_SCRIPT], {
		env: process.env,
		timeoutMs: 40 * 60 * 1000,
		// Progress of a first install goes straight to the test output.
		stderr: 'inherit',
	});
	if (result.code !== 0) throw new Error(`scripts/n8n/install.sh failed (exit ${result.code})`);
	const vars: Record<string, string> = {};
	for (const line of result.stdout.split('\n')) {
		const match = /^(N8N_[A-Z_]+)=(.*)$/.exec(line.trim());
		if (match) vars[match[1]] = match[2];
	}
	const install = {
		node: vars.N8N_NODE,
		bin: vars.N8N_BIN,
		dir: vars.N8N_DIR,
		version: vars.N8N_VERSION,
	};
	if (!install.node || !install.bin || !existsSync(install.node) || !existsSync(install.bin))
		throw new Error(`scripts/n8n/install.sh printed no usable paths:\n${result.stdout}`);
	return install;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Copies a package (package.json + dist/) into <userFolder>/.n8n/nodes/node_modules/<name>. */
export function installCommunityPackage(userFolder: string, packageDir: string): string {
	const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
		name?: string;
	};
	if (!manifest.name) throw new Error(`${packageDir}/package.json has no name`);
	if (!existsSync(path.join(packageDir, 'dist')))
		throw new Error(`${packageDir}/dist does not exist: build the package first`);
	const target = path.join(userFolder, '.n8n/nodes/node_modules', manifest.name);
	mkdirSync(target, { recursive: true });
	cpSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
	// A real copy (dereferenced), so that require('n8n-workflow') resolves to n8n's own copy.
	cpSync(path.join(packageDir, 'dist'), path.join(target, 'dist'), {
		recursive: true,
		dereference: true,
	});
	return manifest.name;
}

export async function createInstance(opts: CreateInstanceOptions = {}): Promise<N8nInstance> {
	const install = (await ensureN8n()) as N8nInstall;
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	try {
		if (opts.packageDir) installCommunityPackage(userFolder, opts.packageDir);
		const port = await freePort();
		const owner = opts.owner
			? { email: 'owner@example.com', password: 'E2e-Harness-Passw0rd' }
			: undefined;
		const env: NodeJS.ProcessEnv = {
			...pick(process.env, ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR']),
			PATH: `${path.dirname(install.node)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
			HOME: userFolder,
			// Never 'test' (jest's value): with it n8n's CLI commands skip process.exit and hang.
			NODE_ENV: 'production',
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_TYPE: 'sqlite',
			...(owner
				? {
						N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
						N8N_INSTANCE_OWNER_EMAIL: owner.email,
						N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(install, owner.password),
						N8N_INSTANCE_OWNER_FIRST_NAME: 'E2e',
						N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
					}
				: {}),
			...opts.env,
		};
		return new Instance(install, userFolder, port, env, owner);
	} catch (error) {
		await rm(userFolder, { recursive: true, force: true });
		throw error;
	}
}

function pick(source: NodeJS.ProcessEnv, keys: string[]): NodeJS.ProcessEnv {
	const picked: NodeJS.ProcessEnv = {};
	for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
	return picked;
}

/** bcrypt hash made with the bcryptjs that n8n itself ships (pure JS, loads under Node 20). */
function bcryptHash(install: N8nInstall, password: string): string {
	const bcryptjs = require(path.join(install.dir, 'node_modules/bcryptjs')) as {
		hashSync(password: string, rounds: number): string;
	};
	return bcryptjs.hashSync(password, 10);
}

class Instance implements N8nInstance {
	readonly baseUrl: string;
	readonly logFile: string;
	private server?: ChildProcess;

	constructor(
		private readonly install: N8nInstall,
		readonly userFolder: string,
		readonly port: number,
		readonly env: NodeJS.ProcessEnv,
		readonly owner?: { email: string; password: string },
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.logFile = path.join(userFolder, 'n8n-start.log');
	}

	/** Every n8n process starts a task broker: each command gets a free port for it. */
	private async commandEnv(): Promise<NodeJS.ProcessEnv> {
		return { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...this.env };
	}

	async n8n(args: string[], options: { timeoutMs?: number } = {}): Promise<CommandResult> {
		return await run(this.install.node, [this.install.bin, ...args], {
			env: await this.commandEnv(),
			cwd: this.userFolder,
			timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
		});
	}

	private async importFile(kind: 'workflow' | 'credentials', data: unknown): Promise<void> {
		const file = path.join(
			this.userFolder,
			`import-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
		);
		await writeFile(file, JSON.stringify(data));
		try {
			const result = await this.n8n([`import:${kind}`, `--input=${file}`]);
			const output = `${result.stdout}\n${result.stderr}`;
			if (result.code !== 0 || !/Successfully imported/.test(output))
				throw new Error(`n8n import:${kind} failed (exit ${result.code}):\n${tail(output)}`);
		} finally {
			await rm(file, { force: true });
		}
	}

	async importCredentials(creds: Credential[]): Promise<void> {
		await this.importFile('credentials', creds);
	}

	async importWorkflow(wf: object): Promise<string> {
		const workflow = wf as Record<string, unknown>;
		const id =
			typeof workflow.id === 'string' && workflow.id
				? workflow.id
				: `e2e${Math.random().toString(36).slice(2, 15)}`;
		await this.importFile('workflow', {
			name: `e2e ${id}`,
			settings: {},
			...workflow,
			id,
			active: false,
		});
		return id;
	}

	/**
	 * Success is read from the run data, not the exit code: n8n 2.40.7 often dies with SIGSEGV (exit 139)
	 * while exiting after a run that succeeded (its isolated-vm expression thread pool is torn down under
	 * a running isolate), after it printed the full run data.
	 */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const result = await this.n8n(['execute', `--id=${workflowId}`, '--rawOutput']);
		return parseExecuteOutput(result);
	}

	async publish(workflowId: string): Promise<void> {
		const result = await this.n8n(['publish:workflow', `--id=${workflowId}`]);
		if (result.code !== 0)
			throw new Error(
				`n8n publish:workflow failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
			);
	}

	async start(): Promise<void> {
		if (this.server && this.server.exitCode === null && this.server.signalCode === null)
			throw new Error('n8n is already running');
		const log = openSync(this.logFile, 'a');
		try {
			this.server = spawn(this.install.node, [this.install.bin, 'start'], {
				env: await this.commandEnv(),
				cwd: this.userFolder,
				stdio: ['ignore', log, log],
				detached: true, // own process group: stop() also ends its task runners
			});
		} finally {
			closeSync(log);
		}
		const server = this.server;
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (server.exitCode !== null || server.signalCode !== null)
				throw new Error(
					`n8n start exited (${server.exitCode ?? server.signalCode}):\n${tail(this.readLog())}`,
				);
			if (
				/Editor is now accessible via/.test(this.readLog()) &&
				(await httpOk(`${this.baseUrl}/healthz`)) &&
				(await httpOk(`${this.baseUrl}/healthz/readiness`))
			)
				return;
			await sleep(250);
		}
		await this.stop();
		throw new Error(`n8n start not ready after ${START_TIMEOUT_MS} ms:\n${tail(this.readLog())}`);
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server?.pid) return;
		if (server.exitCode === null && server.signalCode === null) {
			const closed = new Promise<void>((resolve) => server.once('exit', () => resolve()));
			server.kill('SIGTERM');
			const timer = sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const);
			if ((await Promise.race([closed, timer])) === 'timeout') {
				killGroup(server.pid, 'SIGKILL');
				await closed;
			}
		}
		killGroup(server.pid, 'SIGKILL'); // leftovers such as task runners
	}

	readLog(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	async cleanup(): Promise<void> {
		await this.stop();
		await rm(this.userFolder, { recursive: true, force: true });
	}
}

/** Parses `n8n execute --rawOutput`: log lines, then the run data as pretty JSON ("{" ... "}" lines). */
export function parseExecuteOutput(result: CommandResult): ExecuteResult {
	const raw = `${result.stdout}\n${result.stderr}`;
	const execution = findRunData(result.stdout) ?? findRunData(raw);
	const runData: Record<string, NodeOutputItem[]> = {};
	if (!execution) {
		const message =
			/Error executing workflow[^\n]*\n(?:[^\n]*\n)*?={10,}\n([^\n]+)/.exec(raw)?.[1] ??
			/The workflow with the id "[^"]*" does not exist\./.exec(raw)?.[0] ??
			`n8n execute printed no run data (exit ${result.code})`;
		return { ok: false, runData, error: message, code: result.code, raw };
	}
	const data = execution.data as
		| {
				resultData?: {
					runData?: Record<
						string,
						Array<{ data?: { main?: NodeOutputItem[][] }; error?: unknown }>
					>;
					error?: { message?: string; description?: string };
				};
		  }
		| undefined;
	for (const [node, runs] of Object.entries(data?.resultData?.runData ?? {})) {
		const last = runs[runs.length - 1];
		if (last?.error && !last.data?.main?.[0]?.length)
			runData[node] = [{ json: {}, error: last.error }];
		else runData[node] = last?.data?.main?.[0] ?? [];
	}
	const status = typeof execution.status === 'string' ? execution.status : undefined;
	const resultError = data?.resultData?.error;
	const ok = status === 'success' && !resultError;
	return {
		ok,
		runData,
		error: ok
			? undefined
			: (resultError?.message ?? `execution status ${status ?? 'unknown'} (exit ${result.code})`),
		status,
		execution,
		code: result.code,
		raw,
	};
}

/** The last top-level JSON object in the text that holds run data (data.resultData). */
function findRunData(text: string): Record<string, unknown> | undefined {
	const lines = text.split('\n');
	for (let end = lines.length - 1; end >= 0; end--) {
		if (lines[end].trimEnd() !== '}') continue;
		for (let start = end - 1; start >= 0; start--) {
			if (lines[start].trimEnd() !== '{') continue;
			try {
				const value = JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
				if ((value.data as Record<string, unknown> | undefined)?.resultData) return value;
			} catch {
				// not the start of this object: keep looking further up
			}
		}
	}
	return undefined;
}

interface RunOptions {
	env: NodeJS.ProcessEnv;
	cwd?: string;
	timeoutMs: number;
	stderr?: 'pipe' | 'inherit';
}

/** Runs a command in its own process group; on timeout the whole group is killed. */
async function run(command: string, args: string[], options: RunOptions): Promise<CommandResult> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env: options.env,
			cwd: options.cwd,
			stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			if (child.pid) killGroup(child.pid, 'SIGKILL');
			reject(
				new Error(
					`${path.basename(command)} ${args.join(' ')} timed out after ${options.timeoutMs} ms\n${tail(stdout + stderr)}`,
				),
			);
		}, options.timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			if (child.pid) killGroup(child.pid, 'SIGKILL'); // a runner left behind by a crashed n8n
			const signalNumber = signal ? (os.constants.signals[signal] ?? 0) : 0;
			resolve({ code: code ?? 128 + signalNumber, signal, stdout, stderr });
		});
	});
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// group already gone
	}
}

async function httpOk(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

const sleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

function tail(text: string, lines = 60): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}
