/**
 * The package in n8n's queue mode (`npm run test:queue`): PostgreSQL, Redis, an n8n main and a
 * worker on loopback (scripts/n8nQueue.ts), against the simulator. Every execution is shown to
 * have run on the worker, from the worker's own log ("Worker started execution <id>").
 * Logs of the last run are kept in scripts/n8nQueue.ts `logDir`.
 */
import { n8nCredentials, startSimulator, type Simulator } from '../simulator';
import { fillSettings, loadWorkflow as load, withCredential } from '../../scripts/examples';
import { nodeType } from '../../scripts/n8n';
import { logDir, N8nQueueCluster, type ExecutionRecord } from '../../scripts/n8nQueue';
import { simApi } from '../helpers/sim';

const CREDENTIALS = {
	// The ID and name the test/e2e/workflows files refer to.
	apiKey: { id: 'e2eApiKey', name: 'Qlik API key', type: 'qlikCloudApi' },
	m2m: { id: 'queueM2m', name: 'Qlik OAuth M2M', type: 'qlikCloudM2mOAuth2Api' },
};
const TRIGGER_WEBHOOK_ID = '5a4c6f1e-0007-4000-8000-0000000000aa'; // test/e2e/workflows/trigger.json

let sim: Simulator;
let cluster: N8nQueueCluster;

const only = (run: ExecutionRecord, node: string) => {
	expect(run.result.nodes[node]).toHaveLength(1);
	return run.result.nodes[node][0].json;
};
/** The last request-log sequence number: requests after it are `since(mark)`. */
const mark = () => sim.log[sim.log.length - 1]?.seq ?? 0;
const since = (seq: number) => sim.log.filter((e) => e.seq > seq);
const tokenRequests = (seq: number) => since(seq).filter((e) => e.path === '/oauth/token');

async function until<T>(what: string, check: () => T | undefined, seconds = 90): Promise<T> {
	for (let i = 0; i < seconds * 4; i++) {
		const value = check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`timed out waiting for ${what} (n8n logs: ${logDir})`);
}

/** The one execution a workflow has had, once it has ended. */
async function onlyExecution(workflowId: string): Promise<ExecutionRecord> {
	let ids: string[] = [];
	for (let i = 0; i < 240 && ids.length === 0; i++) {
		ids = await cluster.executionIds(workflowId);
		if (ids.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(ids).toHaveLength(1);
	return await cluster.execution(ids[0]);
}

const triggerUrl = () => `${cluster.main.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
const triggerWebhooks = () => sim.events.webhooks().filter((w) => w.url === triggerUrl());

beforeAll(async () => {
	sim = await startSimulator({ quiet: true, rateLimits: false });
	cluster = await N8nQueueCluster.create(sim, 1);
	const made = n8nCredentials(sim);
	const main = cluster.main;
	await main.importCredentials([
		{ ...CREDENTIALS.apiKey, ...made.apiKey() },
		{ ...CREDENTIALS.m2m, ...made.m2m() },
	]);
	const chain = (credential: (typeof CREDENTIALS)[keyof typeof CREDENTIALS], id: string) => ({
		...fillSettings(withCredential(load('examples/space-lifecycle.json'), credential), {
			memberUserId: sim.credentials.users.member.id,
		}),
		id,
	});
	await cluster.importWorkflows([
		chain(CREDENTIALS.apiKey, 'queueChainApiKey'),
		chain(CREDENTIALS.m2m, 'queueChainM2m'),
		{
			...fillSettings(withCredential(load('examples/data-pipeline.json'), CREDENTIALS.apiKey), {
				groupId: sim.credentials.groups.analysts,
				sourceUrl: 'https://example.com/api/sales',
			}),
			id: 'queuePipeline',
		},
		{ ...load('test/e2e/workflows/webhook.json'), id: 'queueWebhook' },
		// The trigger signs in with machine-to-machine OAuth: its registration, made by the main
		// process, fetches the token the worker then uses (see "tokens" below).
		{
			...withCredential(load('test/e2e/workflows/trigger.json'), CREDENTIALS.m2m),
			id: 'queueTrigger',
		},
	]);
	await main.publish('queueWebhook');
	await main.publish('queueTrigger');
	sim.clearLog();
	await cluster.start();
});

afterAll(async () => {
	await cluster?.cleanup();
	await sim?.close();
});

describe('n8n in queue mode (main + worker, PostgreSQL, Redis)', () => {
	it('runs the Space chain on the worker, not on the main process', async () => {
		const start = mark();
		const run = await cluster.runManually('queueChainApiKey');
		expect(run.result.errors).toEqual({});
		expect(run.status).toBe('success');
		expect(run.mode).toBe('manual');
		expect(cluster.ranBy(run.id)).toEqual(['worker 1']);

		const admin = sim.credentials.users.admin;
		const space = only(run, 'Create space');
		expect(space).toMatchObject({ type: 'shared', ownerId: admin.id });
		expect(only(run, 'Add member')).toMatchObject({
			assigneeId: sim.credentials.users.member.id,
			roles: ['consumer', 'producer'],
		});
		expect(only(run, 'Find it')).toMatchObject({ id: space.id });
		expect(only(run, 'Clean up')).toEqual({ deleted: true });
		expect(
			since(start)
				.filter((e) => e.path.startsWith('/api/'))
				.map((e) => `${e.method} ${e.status}`),
		).toEqual(['POST 201', 'POST 201', 'GET 200', 'PATCH 200', 'DELETE 204']);
		expect(sim.state.spaces.has(String(space.id))).toBe(false);
	});

	it('a webhook called on the main process is run by the worker and answers with its result', async () => {
		const response = await cluster.main.callWebhook('qlik-e2e-create-space', {
			name: 'From a queued webhook',
		});
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({
			name: 'From a queued webhook',
			description: 'Created from a webhook',
		});
		expect(sim.state.spaces.get(String(body.id))).toBeDefined();

		const run = await onlyExecution('queueWebhook');
		expect(run.status).toBe('success');
		expect(run.mode).toBe('webhook');
		expect(cluster.ranBy(run.id)).toEqual(['worker 1']);
		expect(only(run, 'Create space')).toMatchObject({ id: body.id });
	});

	it('the Qlik Cloud Trigger registers once, keeps its registration over a restart of the main process, and its events run on the worker', async () => {
		const webhook = await until('the trigger to register', () => triggerWebhooks()[0]);
		expect(webhook).toMatchObject({
			enabled: true,
			eventTypes: ['com.qlik.v1.app.reload.finished'],
		});

		// n8n keeps the registration it stored (webhook table, and the node's static data with
		// the ID and secret) and activates the workflow from it: nothing is registered again.
		const beforeRestart = mark();
		await cluster.restartMain();
		expect(triggerWebhooks().map((w) => w.id)).toEqual([webhook.id]);

		// A reload finishes; Qlik's signed delivery reaches the main; the worker runs the workflow.
		expect(await simApi(sim, 'POST', '/api/v1/reloads', { appId: 'app-queue' })).toMatchObject({
			appId: 'app-queue',
		});
		const space = await until('the triggered workflow to create its space', () =>
			[...sim.state.spaces.values()].find((s) => s.name === 'Reload ok app-queue'),
		);
		expect(space.description).toMatch(/^Event com\.qlik\.v1\.app\.reload\.finished at /);
		expect(sim.events.deliveries(webhook.id)).toEqual([
			expect.objectContaining({
				status: 'success',
				response: expect.objectContaining({ statusCode: 200 }),
			}),
		]);
		// Still the one webhook, the same one, and nothing created at Qlik since the restart.
		expect(triggerWebhooks().map((w) => w.id)).toEqual([webhook.id]);
		expect(
			since(beforeRestart).filter((e) => e.method === 'POST' && e.path === '/api/v1/webhooks'),
		).toEqual([]);
		const run = await onlyExecution('queueTrigger');
		expect(run.status).toBe('success');
		expect(cluster.ranBy(run.id)).toEqual(['worker 1']);
		expect(only(run, 'Create space')).toMatchObject({ id: space.id });
	});

	it('tokens: an OAuth token fetched by one process is used by the other, in both directions', async () => {
		// So far: one token, fetched by the main process to register the trigger; the worker's
		// run of the triggered workflow signed with it.
		const all = sim.log;
		expect(tokenRequests(0)).toHaveLength(1);
		const registration = all.find((e) => e.method === 'POST' && e.path === '/api/v1/webhooks');
		expect(registration?.principal?.kind).toBe('oauth');
		const mainToken = registration!.principal!.tokenId;
		const triggered = all.find(
			(e) =>
				e.method === 'POST' &&
				e.path === '/api/v1/spaces' &&
				(e.body as { name?: string } | undefined)?.name === 'Reload ok app-queue',
		);
		expect(triggered?.status).toBe(201);
		expect(triggered?.principal?.tokenId).toBe(mainToken);

		// main → worker: the chain on the worker fetches no token and signs with the main's.
		let start = mark();
		const run = await cluster.runManually('queueChainM2m');
		expect(run.result.errors).toEqual({});
		expect(cluster.ranBy(run.id)).toEqual(['worker 1']);
		expect(tokenRequests(start)).toEqual([]);
		const chainCalls = since(start).filter((e) => e.path.startsWith('/api/'));
		expect(chainCalls).toHaveLength(5);
		expect(new Set(chainCalls.map((e) => e.principal?.tokenId))).toEqual(new Set([mainToken]));

		// worker → main: once the token has expired, the worker fetches one new token (on the
		// 401), and the main then signs with that token, fetching none.
		sim.expireAllTokens();
		start = mark();
		const again = await cluster.runManually('queueChainM2m');
		expect(again.result.errors).toEqual({});
		expect(cluster.ranBy(again.id)).toEqual(['worker 1']);
		expect(tokenRequests(start).map((e) => e.status)).toEqual([200]);
		const workerCalls = since(start).filter((e) => e.path.startsWith('/api/') && e.status < 400);
		const workerTokens = new Set(workerCalls.map((e) => e.principal?.tokenId));
		expect(workerTokens.size).toBe(1);
		const workerToken = [...workerTokens][0];
		expect(workerToken).not.toBe(mainToken);

		// The editor's list of event types is loaded by the main process (loadOptions).
		start = mark();
		const options = (await cluster.rest('/dynamic-node-parameters/options', {
			method: 'POST',
			body: JSON.stringify({
				path: 'events',
				methodName: 'getEventTypes',
				nodeTypeAndVersion: { name: `${nodeType}Trigger`, version: 1 },
				currentNodeParameters: { authentication: CREDENTIALS.m2m.type, events: [], options: {} },
				credentials: {
					[CREDENTIALS.m2m.type]: { id: CREDENTIALS.m2m.id, name: CREDENTIALS.m2m.name },
				},
			}),
		})) as Array<{ value: string }>;
		expect(options.map((o) => o.value)).toContain('com.qlik.v1.app.reload.finished');
		const mainCalls = since(start).filter((e) => e.path.startsWith('/api/'));
		expect(mainCalls.length).toBeGreaterThan(0);
		expect(new Set(mainCalls.map((e) => e.principal?.tokenId))).toEqual(new Set([workerToken]));
		expect(tokenRequests(start)).toEqual([]);
	});

	it('uploads a CSV made in the workflow and finds its data set, on the worker (binary data in the database)', async () => {
		const start = mark();
		const run = await cluster.runManually('queuePipeline');
		expect(run.result.errors).toEqual({});
		expect(run.status).toBe('success');
		expect(cluster.ranBy(run.id)).toEqual(['worker 1']);

		const space = only(run, 'Create space');
		const file = only(run, 'Upload data file');
		expect(file).toMatchObject({ name: 'sales.csv' });
		expect(file.size).toBeGreaterThan(60);
		expect(
			since(start)
				.filter((e) => e.method === 'POST' && e.path === '/api/v1/data-files')
				.map((e) => e.status),
		).toEqual([201]);
		const dataSet = only(run, 'Get its data set');
		expect(dataSet.qri).toContain(`sid@${space.id}:sales.csv`);
		expect(dataSet.rowCount).toBe(4);
		expect(
			(dataSet.schema as { dataFields: Array<{ name: string }> }).dataFields.map((f) => f.name),
		).toEqual(['region', 'month', 'orders', 'revenue']);
		expect(only(run, 'Clean up: delete space')).toEqual({ deleted: true });
	});

	it('no credential value appears in the log of any process', () => {
		const logs = [cluster.logOf(cluster.main), ...cluster.workers.map((w) => cluster.logOf(w))];
		const secrets = [
			sim.credentials.apiKey,
			sim.credentials.m2m.clientSecret,
			...[...sim.state.accessTokens.keys()],
			...sim.events.webhooks().map((w) => w.secret),
		].filter((s): s is string => typeof s === 'string' && s.length > 0);
		expect(secrets.length).toBeGreaterThan(3);
		for (const log of logs) {
			expect(log.length).toBeGreaterThan(0);
			for (const secret of secrets) expect(log.includes(secret)).toBe(false);
		}
	});
});
