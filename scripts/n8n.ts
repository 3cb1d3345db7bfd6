/**
 * Runs a real n8n (pinned version, Node 24) with this package installed as a community package,
 * in a throw-away user folder. The install is cached outside the repo by scripts/n8n/install.sh.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { Simulator } from '../test/simulator';
import { capture, captureDir } from '../test/secrets/capture';

export const repoRoot = path.resolve(__dirname, '..');
const packageName = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
	.name as string;
export const nodeType = `${packageName}.qlikCloud`;

export interface N8nInstall {
	dir: string;
	node: string;
	bin: string;
}

/** Installs n8n once (cached by version, see scripts/n8n/install.sh) and returns where it is. */
export function ensureN8n(): N8nInstall {
	const output = execFileSync('bash', [path.join(repoRoot, 'scripts/n8n/install.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const paths: Record<string, string> = {};
	for (const line of output.trim().split('\n')) {
		const at = line.indexOf('=');
		if (at > 0) paths[line.slice(0, at)] = line.slice(at + 1);
	}
	return { dir: paths.N8N_DIR, node: paths.N8N_NODE, bin: paths.N8N_BIN };
}

/** A new n8n with this package installed, whose OAuth callback the simulator accepts. */
export async function n8nForSimulator(sim: Simulator, port?: number): Promise<N8nInstance> {
	const n8n = new N8nInstance(ensureN8n(), port ?? (await freePort()));
	n8n.installPackage();
	sim.registerRedirectUri(
		sim.credentials.interactive.clientId,
		`${n8n.url}/rest/oauth2-credential/callback`,
	);
	return n8n;
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

export interface NodeRun {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface ExecutionResult {
	ok: boolean;
	/** Each node's output items (first output) from its last run. */
	nodes: Record<string, NodeRun[]>;
	/** Each node's error, if it failed. */
	errors: Record<string, { message?: string; description?: string }>;
	raw: string;
}

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

export const OWNER = {
	email: 'owner@example.com',
	password: 'Demo-Passw0rd',
	firstName: 'Demo',
	lastName: 'Owner',
};
/** bcrypt hash of the owner's password, made with the bcrypt library n8n itself ships. */
function ownerPasswordHash(install: N8nInstall): string {
	const bcrypt = require(path.join(install.dir, 'node_modules/bcryptjs')) as {
		hashSync(p: string, rounds: number): string;
	};
	return bcrypt.hashSync(OWNER.password, 10);
}

const tarballs = new Map<string, string>();
/** The tarball `npm pack` makes of the package in `from` (its `files` only), made once per process. */
export function packedTarball(from: string): string {
	let tarball = tarballs.get(from);
	if (!tarball) {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
		const output = execFileSync(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
			{ cwd: from, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
		);
		tarball = path.join(dir, (JSON.parse(output) as Array<{ filename: string }>)[0].filename);
		tarballs.set(from, tarball);
	}
	return tarball;
}

export class N8nInstance {
	readonly userFolder: string;
	readonly env: NodeJS.ProcessEnv;
	private server?: ReturnType<typeof spawn>;
	private serverLog = '';

	constructor(
		private readonly install: N8nInstall,
		readonly port: number,
		extraEnv: Record<string, string> = {},
		userFolder?: string,
	) {
		this.userFolder = userFolder ?? mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		this.env = {
			PATH: `${path.dirname(install.node)}:${process.env.PATH ?? ''}`,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-qlik-cloud-nodes',
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
			WEBHOOK_URL: `http://localhost:${port}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			// Calls api.n8n.io at start; there is no internet here, only noise in the log.
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(install),
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			...extraEnv,
		};
	}

	/**
	 * Installs the package as users get it: `npm pack` (once per folder and process) and the tarball
	 * unpacked into n8n's nodes folder (a copy, not a link), so a test proves the packed files load.
	 */
	installPackage(from = repoRoot): void {
		const target = path.join(this.userFolder, '.n8n/nodes/node_modules', packageName);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', packedTarball(from), '-C', target, '--strip-components=1']);
	}

	/** Every n8n process starts a task broker: give each instance its own port for it. */
	private async brokerPort(): Promise<void> {
		this.env.N8N_RUNNERS_BROKER_PORT ??= String(await freePort());
	}

	async n8n(args: string[], timeoutMs = 180000): Promise<CommandResult> {
		await this.brokerPort();
		return await new Promise((resolve, reject) => {
			const child = spawn(this.install.node, [this.install.bin, ...args], {
				env: this.env,
				cwd: this.userFolder,
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
			}, timeoutMs);
			child.on('close', (code) => {
				clearTimeout(timer);
				capture('n8n-cli', { args, code, stdout, stderr }); // secret scan (test/secrets)
				resolve({ code: code ?? 1, stdout, stderr });
			});
		});
	}

	private async importFile(kind: 'workflow' | 'credentials', data: unknown): Promise<void> {
		const file = path.join(
			this.userFolder,
			`import-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
		);
		writeFileSync(file, JSON.stringify(data));
		const result = await this.n8n([`import:${kind}`, `--input=${file}`]);
		rmSync(file, { force: true });
		if (result.code !== 0)
			throw new Error(`import:${kind} failed\n${result.stdout}\n${result.stderr}`);
	}

	async importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	) {
		await this.importFile('credentials', credentials);
	}

	async importWorkflow(workflow: Record<string, unknown>): Promise<string> {
		const id = String(workflow.id ?? `wf${Math.random().toString(36).slice(2, 12)}`);
		await this.importFile('workflow', { active: false, ...workflow, id });
		return id;
	}

	/** `n8n execute --id`: runs a manual workflow and returns every node's output. */
	async execute(workflowId: string): Promise<ExecutionResult> {
		const result = await this.n8n(['execute', `--id=${workflowId}`, '--rawOutput']);
		return parseExecution(result);
	}

	async publish(workflowId: string): Promise<void> {
		const result = await this.n8n(['publish:workflow', `--id=${workflowId}`]);
		if (result.code !== 0)
			throw new Error(`publish:workflow failed\n${result.stdout}\n${result.stderr}`);
	}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	/**
	 * `n8n start` (or `n8n worker`, whose health server must listen on `port`: see
	 * scripts/n8nQueue.ts), waiting until it answers /healthz/readiness.
	 */
	async start(timeoutMs = 180000, command: 'start' | 'worker' = 'start'): Promise<void> {
		this.serverLog = '';
		await this.brokerPort();
		this.server = spawn(this.install.node, [this.install.bin, command], {
			env: this.env,
			cwd: this.userFolder,
			detached: true,
		});
		this.server.stdout?.on('data', (d: Buffer) => (this.serverLog += d.toString()));
		this.server.stderr?.on('data', (d: Buffer) => (this.serverLog += d.toString()));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(`n8n ${command} exited\n${this.serverLog}`);
			try {
				const response = await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready\n${this.serverLog}`);
	}

	get log(): string {
		return this.serverLog;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		// While it still answers: every execution record it keeps, for the secret scan.
		await captureExecutions(this);
		await new Promise<void>((resolve) => {
			// n8n starts task runners as children: signal the whole process group.
			const signal = (name: NodeJS.Signals) => {
				try {
					process.kill(-server.pid!, name);
				} catch {
					server.kill(name);
				}
			};
			const timer = setTimeout(() => signal('SIGKILL'), 15000);
			server.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
			signal('SIGTERM');
		});
		capture('n8n-server-log', this.serverLog); // secret scan (test/secrets)
	}

	/**
	 * POSTs JSON to a published workflow's webhook. n8n answers readiness a moment before it has
	 * registered the published webhooks, so a 404 is tried again for up to 30 s.
	 */
	async callWebhook(path: string, body: unknown): Promise<Response> {
		const call = () =>
			fetch(`${this.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
		let response = await call();
		for (let i = 0; i < 60 && response.status === 404; i++) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			response = await call();
		}
		return response;
	}

	/** Kills the whole process group at once (synchronous, for an exit handler). */
	kill(): void {
		const server = this.server;
		if (!server?.pid || server.exitCode !== null) return;
		try {
			process.kill(-server.pid, 'SIGKILL');
		} catch {
			server.kill('SIGKILL');
		}
	}

	/** The node types file n8n writes at start for the editor to download (in its static cache). */
	nodeTypesFile(): string {
		const found = execFileSync('find', [this.userFolder, '-path', '*/types/nodes.json'], {
			encoding: 'utf8',
		})
			.trim()
			.split('\n')[0];
		if (!found) throw new Error(`no types/nodes.json under ${this.userFolder}`);
		return found;
	}

	async cleanup(): Promise<void> {
		await this.stop();
		rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Logs in as the preset owner; returns the session cookie for /rest calls. */
	async login(): Promise<string> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
		const cookie = response.headers.get('set-cookie') ?? '';
		return cookie.split(';')[0];
	}
}

/**
 * For the secret scan (test/secrets): every execution record n8n keeps, as its REST API gives
 * it (the list, then each execution with its run data and errors). Only while capture is on and
 * the server runs.
 */
async function captureExecutions(instance: N8nInstance): Promise<void> {
	if (!captureDir()) return;
	try {
		const ready = await fetch(`${instance.url}/healthz/readiness`).catch(() => undefined);
		if (!ready?.ok) return;
		const cookie = await instance.login();
		const get = async (route: string) =>
			(await (await fetch(`${instance.url}/rest${route}`, { headers: { cookie } })).json()) as {
				data?: { results?: Array<{ id: string }> } | unknown;
			};
		const list = await get('/executions?limit=250');
		capture('n8n-executions', list);
		const results = (list.data as { results?: Array<{ id: string }> } | undefined)?.results ?? [];
		for (const { id } of results) capture('n8n-execution', await get(`/executions/${id}`));
	} catch (error) {
		capture('n8n-executions-failed', String(error));
	}
}

/** Every top-level JSON object in a text that also holds log lines. */
function jsonObjects(text: string): Array<Record<string, unknown>> {
	const found: Array<Record<string, unknown>> = [];
	for (let i = text.indexOf('{'); i >= 0;) {
		let depth = 0;
		let inString = false;
		let end = -1;
		for (let j = i; j < text.length; j++) {
			const c = text[j];
			if (inString) {
				if (c === '\\') j++;
				else if (c === '"') inString = false;
			} else if (c === '"') inString = true;
			else if (c === '{') depth++;
			else if (c === '}' && --depth === 0) {
				end = j;
				break;
			}
		}
		if (end < 0) break;
		try {
			found.push(JSON.parse(text.slice(i, end + 1)) as Record<string, unknown>);
			i = text.indexOf('{', end + 1);
		} catch {
			i = text.indexOf('{', i + 1);
		}
	}
	return found;
}

/** Finds the run data in `n8n execute` output (printed on success, logged on failure). */
export function parseExecution(result: CommandResult): ExecutionResult {
	const text = `${result.stdout}\n${result.stderr}`;
	const data = jsonObjects(text).find(
		(o) => (o.data as Record<string, unknown> | undefined)?.resultData,
	);
	const nodes: ExecutionResult['nodes'] = {};
	const errors: ExecutionResult['errors'] = {};
	const runData = ((data?.data as Record<string, unknown>)?.resultData as Record<string, unknown>)
		?.runData as
		| Record<
				string,
				Array<{ data?: { main?: NodeRun[][] }; error?: { message?: string; description?: string } }>
		  >
		| undefined;
	for (const [name, runs] of Object.entries(runData ?? {})) {
		const last = runs[runs.length - 1];
		nodes[name] = last?.data?.main?.[0] ?? [];
		if (last?.error)
			errors[name] = { message: last.error.message, description: last.error.description };
	}
	const resultError = (
		(data?.data as Record<string, unknown>)?.resultData as Record<string, unknown>
	)?.error as { message?: string } | undefined;
	// Success is read from the printed run, not the exit code: n8n 2.40.7 `execute` sometimes
	// crashes while exiting (isolated-vm's teardown, SIGSEGV) after a run that succeeded.
	const status = (data as { status?: string } | undefined)?.status;
	return {
		ok: data !== undefined && !resultError && status !== 'error' && status !== 'crashed',
		nodes,
		errors,
		raw: `${result.stdout}\n${result.stderr}`,
	};
}
