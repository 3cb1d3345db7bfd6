/**
 * Tenant → Check Access in real n8n: every check runs, and the address n8n gives the node (its
 * editor base URL, here http://localhost:<port>) is judged one Qlik Cloud cannot call.
 */
import { loadWorkflow } from '../../scripts/examples';
import { n8nForSimulator, N8nInstance } from '../../scripts/n8n';
import { n8nCredentials, startSimulator, type Simulator } from '../simulator';

let sim: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	sim = await startSimulator({ quiet: true, rateLimits: false });
	n8n = await n8nForSimulator(sim);
	await n8n.importCredentials([
		{ id: 'e2eApiKey', name: 'Qlik API key', ...n8nCredentials(sim).apiKey() },
	]);
});

afterAll(async () => {
	await n8n?.cleanup();
	await sim?.close();
});

it('outputs one item per check, the local n8n address failing with its fix', async () => {
	await n8n.importWorkflow({
		...loadWorkflow('test/e2e/workflows/checkAccess.json'),
		id: 'access',
	});
	const run = await n8n.execute('access');
	expect(run.errors).toEqual({});
	const checks = Object.fromEntries(
		run.nodes['Check Access'].map((item) => [item.json.check, item.json]),
	);
	for (const name of ['Tenant', 'User', 'Roles', 'List spaces', 'Data files', 'Admin APIs'])
		expect(checks[name]).toMatchObject({ status: 'pass' });
	expect(checks['Webhook URL']).toMatchObject({
		status: 'fail',
		url: n8n.url,
		fix: expect.stringContaining('WEBHOOK_URL'),
	});
});
