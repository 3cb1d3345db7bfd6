import { n8nCredentials, startSimulator, type Simulator } from '../simulator';
import { n8nForSimulator, N8nInstance, nodeType, type ExecutionResult } from '../../scripts/n8n';
import { fillSettings, loadWorkflow, withCredential } from '../../scripts/examples';
import { simApi } from '../helpers/sim';

const load = loadWorkflow;

const CREDENTIALS = {
	apiKey: { id: 'e2eApiKey', name: 'Qlik API key', type: 'qlikCloudApi' },
	m2m: { id: 'e2eM2m', name: 'Qlik OAuth M2M', type: 'qlikCloudM2mOAuth2Api' },
	m2mAsMember: {
		id: 'e2eM2mMember',
		name: 'Qlik OAuth M2M as member',
		type: 'qlikCloudM2mOAuth2Api',
	},
	pkce: { id: 'e2ePkce', name: 'Qlik OAuth interactive', type: 'qlikCloudOAuth2Api' },
};

const only = (run: ExecutionResult, node: string) => {
	expect(run.nodes[node]).toHaveLength(1);
	return run.nodes[node][0].json;
};

let sim: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	sim = await startSimulator({ quiet: true, rateLimits: false });
	n8n = await n8nForSimulator(sim);
	const made = n8nCredentials(sim);
	const member = sim.credentials.users.member;
	await n8n.importCredentials([
		{ ...CREDENTIALS.apiKey, ...made.apiKey() },
		{ ...CREDENTIALS.m2m, ...made.m2m() },
		{ ...CREDENTIALS.m2mAsMember, ...made.m2m({ field: 'subject', value: member.subject }) },
		{ ...CREDENTIALS.pkce, ...made.interactive() },
	]);
});

afterAll(async () => {
	await n8n?.cleanup();
	await sim?.close();
});

describe('space steps chained in real n8n', () => {
	it.each([
		['an API key', 'apiKey' as const, 'admin' as const],
		['OAuth machine-to-machine', 'm2m' as const, 'bot' as const],
		['OAuth machine-to-machine impersonating a user', 'm2mAsMember' as const, 'member' as const],
	])('with %s', async (_label, credentialKey, actingUser) => {
		const actor = sim.credentials.users[actingUser];
		const memberToAdd =
			actingUser === 'member' ? sim.credentials.users.admin : sim.credentials.users.member;
		const workflow = {
			...fillSettings(
				withCredential(load('examples/space-lifecycle.json'), CREDENTIALS[credentialKey]),
				{ memberUserId: memberToAdd.id },
			),
			id: `chain${credentialKey}`,
		};
		await n8n.importWorkflow(workflow);
		sim.clearLog();
		const run = await n8n.execute(`chain${credentialKey}`);
		expect(run.errors).toEqual({});
		expect(run.ok).toBe(true);

		const space = only(run, 'Create space');
		expect(space).toMatchObject({
			type: 'shared',
			description: 'Created by the n8n Qlik Cloud demo',
			ownerId: actor.id,
		});
		expect(String(space.name)).toMatch(/^n8n demo \d{8}-\d{6}-\d{3}$/);
		expect(only(run, 'Add member')).toMatchObject({
			assigneeId: memberToAdd.id,
			type: 'user',
			roles: ['consumer', 'producer'],
		});
		expect(only(run, 'Find it')).toMatchObject({ id: space.id, name: space.name });
		expect(only(run, 'Update description')).toMatchObject({
			id: space.id,
			description: 'Updated by the n8n Qlik Cloud demo',
		});
		expect(only(run, 'Clean up')).toEqual({ deleted: true });

		const calls = sim.log.filter((e) => e.path.startsWith('/api/'));
		expect(calls.map((e) => `${e.method} ${e.status}`)).toEqual([
			'POST 201',
			'POST 201',
			'GET 200',
			'PATCH 200',
			'DELETE 204',
		]);
		expect(new Set(calls.map((e) => e.principal?.userId))).toEqual(new Set([actor.id]));
		expect(JSON.stringify(run.raw)).not.toContain(sim.credentials.apiKey);
		expect(JSON.stringify(run.raw)).not.toContain(sim.credentials.m2m.clientSecret);
	});
});

describe("n8n's HTTP Request node with a Qlik Cloud credential type", () => {
	it.each([
		['the API key', 'apiKey' as const],
		['machine-to-machine', 'm2m' as const],
	])('signs requests with %s', async (_label, credentialKey) => {
		const credential = CREDENTIALS[credentialKey];
		const workflow = load('test/e2e/workflows/httpRequest.json');
		workflow.nodes = workflow.nodes.map((node) =>
			node.name === 'HTTP Request'
				? {
						...node,
						parameters: {
							...node.parameters,
							url: `${sim.url}/api/v1/spaces/types`,
							nodeCredentialType: credential.type,
						},
						credentials: { [credential.type]: { id: credential.id, name: credential.name } },
					}
				: node,
		);
		const id = `http${credentialKey}`;
		await n8n.importWorkflow({ ...workflow, id });
		sim.clearLog();
		const run = await n8n.execute(id);
		expect(run.errors).toEqual({});
		expect(only(run, 'HTTP Request')).toEqual({ data: ['shared', 'managed', 'data'] });
		const [call] = sim.log.filter((e) => e.path === '/api/v1/spaces/types');
		expect(call.status).toBe(200);
		expect(call.principal?.kind).toBe(credentialKey === 'apiKey' ? 'apiKey' : 'oauth');
	});
});

describe('errors in real n8n', () => {
	beforeAll(async () => {
		for (const name of ['Errors alpha', 'Errors beta']) {
			await fetch(`${sim.url}/api/v1/spaces`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${sim.credentials.apiKey}`,
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({ name, type: 'shared' }),
			});
		}
	});

	it('a 404 with continue-on-fail off fails the execution with our message', async () => {
		await n8n.importWorkflow({ ...load('test/e2e/workflows/errors.json'), id: 'errorsStop' });
		const run = await n8n.execute('errorsStop');
		expect(run.ok).toBe(false);
		expect(run.errors['Get each']?.message).toMatch(
			/^Space "000000000000000000000000": Qlik Cloud: .*HTTP 404/,
		);
	});

	it('a 404 with continue-on-fail on: the item carries the error, the next item goes on', async () => {
		const workflow = load('test/e2e/workflows/errors.json');
		workflow.nodes = workflow.nodes.map((node) =>
			node.name === 'Get each' ? { ...node, onError: 'continueRegularOutput' } : node,
		);
		await n8n.importWorkflow({ ...workflow, id: 'errorsContinue' });
		const run = await n8n.execute('errorsContinue');
		expect(run.ok).toBe(true);
		const [first, second] = run.nodes['Get each'];
		expect(first.json.error).toMatch(/HTTP 404/);
		expect(second.json).toMatchObject({ id: run.nodes['Two spaces'][1].json.id });
	});
});

describe('values renamed in the lock (scripts/generate/values.lock.json)', () => {
	it('a workflow saved with the old resource and operation values runs as the new ones', async () => {
		await n8n.importWorkflow({ ...load('test/e2e/workflows/renamed.json'), id: 'renamedValues' });
		sim.clearLog();
		const run = await n8n.execute('renamedValues');
		expect(run.errors).toEqual({});
		expect(run.ok).toBe(true);
		expect(only(run, 'Who am I (user.getMe)')).toMatchObject({
			id: sim.credentials.users.admin.id,
		});
		const made = only(run, 'Create (workflow.create)');
		expect(made).toMatchObject({ name: 'Renamed values', description: 'Saved as workflow.create' });
		expect(only(run, 'Get it (workflow.get)')).toMatchObject({
			id: made.id,
			name: 'Renamed values',
		});
		const paths = sim.log.map((entry) => `${entry.method} ${entry.path}`);
		expect(paths).toEqual(
			expect.arrayContaining([
				'POST /api/workflows/automations',
				`GET /api/workflows/automations/${String(made.id)}`,
			]),
		);
	});
});

describe('the data pipeline example (examples/data-pipeline.json)', () => {
	it('creates a space and a connection, uploads a CSV made in the workflow, finds its data set, gives a group access and cleans up', async () => {
		const analysts = sim.credentials.groups.analysts;
		const workflow = fillSettings(
			withCredential(load('examples/data-pipeline.json'), CREDENTIALS.apiKey),
			{ groupId: analysts, sourceUrl: 'https://example.com/api/sales' },
		);
		await n8n.importWorkflow(workflow);
		sim.clearLog();
		const run = await n8n.execute(workflow.id);
		expect(run.errors).toEqual({});
		expect(run.ok).toBe(true);

		const space = only(run, 'Create space');
		const connection = only(run, 'Create data connection');
		expect(connection).toMatchObject({ qName: 'Sales API', space: space.id });
		expect(run.nodes['To CSV']).toHaveLength(1);

		const file = only(run, 'Upload data file');
		expect(file).toMatchObject({ name: 'sales.csv' });
		expect(file.size).toBeGreaterThan(60);
		// The CSV went up as one multipart POST to the space's DataFiles connection.
		const uploads = sim.log.filter((e) => e.method === 'POST' && e.path === '/api/v1/data-files');
		expect(uploads.map((e) => e.status)).toEqual([201]);

		const dataSet = only(run, 'Get its data set');
		expect(dataSet.qri).toContain(`sid@${space.id}:sales.csv`);
		expect(dataSet.rowCount).toBe(4);
		expect(
			(dataSet.schema as { dataFields: Array<{ name: string }> }).dataFields.map((f) => f.name),
		).toEqual(['region', 'month', 'orders', 'revenue']);

		expect(only(run, 'Give group access')).toMatchObject({
			type: 'group',
			assigneeId: analysts,
			roles: ['consumer'],
		});
		expect(only(run, 'Summary')).toMatchObject({
			space: space.name,
			connection: 'Sales API',
			file: 'sales.csv',
			dataSetId: dataSet.id,
			groupRoles: 'consumer',
		});

		// Cleaned up: the file, the connection and the space are gone at the tenant.
		expect(only(run, 'Clean up: delete space')).toEqual({ deleted: true });
		const headers = { Authorization: `Bearer ${sim.credentials.apiKey}` };
		for (const path of [
			`/api/v1/data-files/${file.id}`,
			`/api/v1/data-connections/${connection.id}`,
			`/api/v1/spaces/${space.id}`,
		]) {
			expect((await fetch(`${sim.url}${path}`, { headers })).status).toBe(404);
		}
	});
});

describe('a running n8n', () => {
	beforeAll(async () => {
		await n8n.importWorkflow({ ...load('test/e2e/workflows/webhook.json'), id: 'webhookCreate' });
		await n8n.publish('webhookCreate');
		await n8n.importWorkflow({ ...load('test/e2e/workflows/schedule.json'), id: 'scheduleTypes' });
		await n8n.publish('scheduleTypes');
		await n8n.importWorkflow({ ...load('test/e2e/workflows/trigger.json'), id: 'triggerReload' });
		await n8n.publish('triggerReload');
		const example = fillSettings(
			withCredential(load('examples/reload-when-file-lands.json'), CREDENTIALS.apiKey),
			{ appId: 'app-sales', notifyUrl: `${sim.url}/demo/notifications` },
		);
		await n8n.importWorkflow(example);
		await n8n.publish(example.id);
		sim.clearLog();
		await n8n.start();
	});

	afterAll(async () => {
		await n8n.stop();
	});

	it('loads the node, its AI tool variant and the three credential types', async () => {
		const cookie = await n8n.login();
		const types = (await (
			await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie } })
		).json()) as Array<{
			name: string;
			properties: any[];
		}>;
		const names = types.map((t) => t.name);
		expect(names).toContain(nodeType);
		expect(names).toContain(`${nodeType}Tool`);
		const node = types.find((t) => t.name === nodeType)!;
		const auth = node.properties.find((p) => p.name === 'authentication');
		expect(auth.options.map((o: { value: string }) => o.value).sort()).toEqual([
			'qlikCloudApi',
			'qlikCloudM2mOAuth2Api',
			'qlikCloudOAuth2Api',
		]);
		const credentials = (await (
			await fetch(`${n8n.url}/types/credentials.json`, { headers: { cookie } })
		).json()) as Array<{
			name: string;
		}>;
		expect(credentials.map((c) => c.name)).toEqual(
			expect.arrayContaining(Object.values(CREDENTIALS).map((c) => c.type)),
		);
	});

	it('a webhook triggers a Qlik step and answers with its result', async () => {
		const response = await n8n.callWebhook('qlik-e2e-create-space', { name: 'From a webhook' });
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({
			name: 'From a webhook',
			type: 'shared',
			description: 'Created from a webhook',
		});
		expect(sim.state.spaces.get(String(body.id))).toBeDefined();
	});

	const triggerUrl = () => `${n8n.url}/webhook/5a4c6f1e-0007-4000-8000-0000000000aa/webhook`;

	async function until<T>(what: string, check: () => T | undefined, seconds = 60): Promise<T> {
		for (let i = 0; i < seconds * 4; i++) {
			const value = check();
			if (value) return value;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`timed out waiting for ${what}`);
	}

	it('the Qlik Cloud Trigger registers at Qlik on activation and runs when a reload finishes', async () => {
		const webhook = await until('the trigger to register', () =>
			sim.events.webhooks().find((w) => w.url === triggerUrl()),
		);
		expect(webhook).toMatchObject({
			enabled: true,
			eventTypes: ['com.qlik.v1.app.reload.finished'],
			secret: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(await simApi(sim, 'POST', '/api/v1/reloads', { appId: 'app-e2e' })).toMatchObject({
			appId: 'app-e2e',
		});
		const space = await until('the triggered workflow to create its space', () =>
			[...sim.state.spaces.values()].find((s) => s.name === 'Reload ok app-e2e'),
		);
		expect(space.description).toMatch(/^Event com\.qlik\.v1\.app\.reload\.finished at /);
		expect(sim.events.deliveries(webhook.id)).toEqual([
			expect.objectContaining({
				status: 'success',
				response: expect.objectContaining({ statusCode: 200 }),
			}),
		]);
	});

	it('a forged or unsigned delivery is refused with 401 and starts nothing', async () => {
		const body = JSON.stringify({
			specversion: '1.0.2',
			id: 'forged',
			type: 'com.qlik.v1.app.reload.finished',
			time: new Date().toISOString(),
			toplevelresourceid: 'app-forged',
			data: { status: 'ok' },
		});
		const attempts: Array<Record<string, string>> = [{ 'Qlik-Signature': 'ab'.repeat(32) }, {}];
		for (const headers of attempts) {
			const answer = await fetch(triggerUrl(), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body,
			});
			expect(answer.status).toBe(401);
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect([...sim.state.spaces.values()].some((s) => s.name.includes('app-forged'))).toBe(false);
	});

	it('the example reloads the app when a data file lands, and posts the result', async () => {
		await until('the example to register', () =>
			sim.events.webhooks().find((w) => w.eventTypes.includes('com.qlik.v1.data-file.created')),
		);
		sim.events.emit({
			type: 'com.qlik.v1.data-file.created',
			resourceId: 'file-1',
			data: { id: 'file-1', name: 'sales.csv' },
		});
		const posted = await until('the notification', () =>
			sim.events.notifications().find((n) => JSON.stringify(n.body).includes('sales.csv')),
		);
		expect(posted.body).toEqual({
			text: 'New file sales.csv: reload of app app-sales ended SUCCEEDED',
		});
	});

	it('a schedule fires and calls Qlik', async () => {
		const deadline = Date.now() + 60000;
		while (
			Date.now() < deadline &&
			!sim.log.some((e) => e.path === '/api/v1/spaces/types' && e.status === 200)
		) {
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		expect(sim.log.some((e) => e.path === '/api/v1/spaces/types' && e.status === 200)).toBe(true);
	});

	it("connects the interactive OAuth credential through n8n's OAuth flow", async () => {
		const cookie = await n8n.login();
		const auth = await fetch(`${n8n.url}/rest/oauth2-credential/auth?id=${CREDENTIALS.pkce.id}`, {
			headers: { cookie },
		});
		expect(auth.status).toBe(200);
		const authorizeUrl = new URL(((await auth.json()) as { data: string }).data);
		expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${sim.url}/oauth/authorize`);
		expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
		expect(authorizeUrl.searchParams.get('scope')).toContain('offline_access');

		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = consent.headers.get('location')!;
		expect(callback.startsWith(`${n8n.url}/rest/oauth2-credential/callback?`)).toBe(true);
		const done = await fetch(callback, { headers: { cookie } });
		expect(done.status).toBe(200);
		const token = sim.log.find((e) => e.path === '/oauth/token');
		expect(token?.status).toBe(200);
		expect(token?.body).toMatchObject({ grant_type: 'authorization_code' });
	});
});

describe('after the OAuth connection', () => {
	it('runs a workflow with the interactive credential, and refreshes after expiry', async () => {
		await n8n.importWorkflow({ ...load('test/e2e/workflows/pkce.json'), id: 'pkceRun' });
		const run = await n8n.execute('pkceRun');
		expect(run.errors).toEqual({});
		expect(run.nodes['Space types'].map((i) => i.json)).toEqual([
			{ name: 'shared' },
			{ name: 'managed' },
			{ name: 'data' },
		]);
		sim.expireAllTokens();
		sim.clearLog();
		const again = await n8n.execute('pkceRun');
		expect(again.errors).toEqual({});
		expect(
			sim.log
				.filter((e) => e.path === '/oauth/token')
				.map((e) => (e.body as { grant_type?: string }).grant_type),
		).toEqual(['refresh_token']);
	});
});
