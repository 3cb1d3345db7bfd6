import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { n8nCredentials, startSimulator, type Simulator } from '../simulator';
import { n8nForSimulator, N8nInstance, OWNER, repoRoot } from '../../scripts/n8n';
import { loadWorkflow } from '../../scripts/examples';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Opens a dropdown parameter and returns the titles of its options (first line of each). */
async function optionTitles(parameter: string): Promise<string[]> {
	const input = page.locator(`[data-test-id="parameter-input-${parameter}"]`);
	await input.click();
	const options = page.locator('[role="option"]:visible');
	await options.first().waitFor();
	const titles = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await input.click();
	await options.first().waitFor({ state: 'hidden' });
	return titles;
}

/** The actions n8n lists for the node: one per operation of every resource. */
function actionCount(): number {
	const { QlikCloud } = require(path.join(repoRoot, 'dist/nodes/QlikCloud/QlikCloud.node.js')) as {
		QlikCloud: new () => {
			description: { properties: Array<{ name: string; options?: unknown[] }> };
		};
	};
	const properties = new QlikCloud().description.properties;
	// A resource that is offered nowhere (every operation retired) has no actions.
	const offered = new Set(
		(properties.find((p) => p.name === 'resource')?.options as Array<{ value: string }>).map(
			(o) => o.value,
		),
	);
	return properties
		.filter((p) => p.name === 'operation')
		.filter((p) =>
			offered.has(
				String(
					(p as { displayOptions?: { show?: { resource?: string[] } } }).displayOptions?.show
						?.resource?.[0],
				),
			),
		)
		.reduce((n, p) => n + (p.options?.length ?? 0), 0);
}

async function signIn(tab: Page): Promise<void> {
	await tab.goto(`${n8n.url}/signin`);
	await tab.fill('#emailOrLdapLoginId', OWNER.email);
	await tab.fill('#password', OWNER.password);
	await tab.click('button:has-text("Sign in")');
	await tab.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

const shot = (page: Page, name: string) =>
	page.screenshot({ path: path.join(repoRoot, 'docs', name) });

/** The forms README shows: App's operations, and User → Update with a few Update Fields. */
const FORMS = {
	id: 'formsEditor',
	app: 'e2e00000-0010-4000-8000-000000000001',
	user: 'e2e00000-0010-4000-8000-000000000002',
};

function formsWorkflow() {
	const member = [...sim.state.users.values()].find((u) => u.name === 'Max Member')!;
	const analysts = [...sim.state.groups.values()].find((g) => g.name === 'Analysts')!;
	const node = (id: string, name: string, x: number, parameters: Record<string, unknown>) => ({
		id,
		name,
		parameters,
		type: 'n8n-nodes-qlik-cloud.qlikCloud',
		typeVersion: 1,
		position: [x, 0],
		credentials: { qlikCloudApi: { id: 'uiApiKey', name: 'Qlik Cloud (API key)' } },
	});
	return {
		id: FORMS.id,
		name: 'Forms for README',
		connections: {},
		settings: {},
		nodes: [
			node(FORMS.app, 'Get many apps', 0, { resource: 'app', operation: 'getAll' }),
			node(FORMS.user, 'Update a user', 260, {
				resource: 'user',
				operation: 'update',
				userId: { __rl: true, mode: 'list', value: member.id, cachedResultName: member.name },
				updateFields: {
					assignedRoles: ['Developer', 'SharedSpaceCreator'],
					assignedGroups: [analysts.id],
					preferredZoneinfo: 'Europe/Berlin',
				},
			}),
		],
	};
}

let sim: Simulator;
let n8n: N8nInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	sim = await startSimulator({ quiet: true, rateLimits: false });
	n8n = await n8nForSimulator(sim);
	const made = n8nCredentials(sim);
	await n8n.importCredentials([
		{ id: 'uiApiKey', name: 'Qlik Cloud (API key)', ...made.apiKey() },
		{ id: 'uiM2m', name: 'Qlik Cloud (OAuth M2M)', ...made.m2m() },
	]);
	await n8n.importWorkflow({
		...loadWorkflow('test/e2e/workflows/renamed.json'),
		id: 'renamedEditor',
	});
	await n8n.importWorkflow(formsWorkflow());
	await n8n.start();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
	await browser?.close();
	await n8n?.cleanup();
	await sim?.close();
});

describe('the n8n editor in a browser', () => {
	it('logs in as the preset owner (no setup form)', async () => {
		await signIn(page);
	});

	it('finds Qlik Cloud in the nodes panel with its trigger and all its actions', async () => {
		await page.goto(`${n8n.url}/workflow/new`);
		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.keyboard.type('Qlik Cloud');
		const item = page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Qlik Cloud' });
		await item.first().waitFor();
		await item.first().click();
		await page.getByText('Triggers (1)').waitFor();
		await page.getByText('On new Qlik Cloud event').waitFor();
		// Every operation of every resource is an action (App → Reload is offered twice).
		await page.getByText(`Actions (${actionCount()})`).click();
		for (const action of [
			'Create a space',
			'Get many spaces',
			'Add a member to a space',
			'Share an item of a space',
		]) {
			await page.getByText(action, { exact: true }).waitFor();
		}
		await shot(page, 'nodes-panel.png');
	});

	it('adds the node and shows its resources, operations and credentials', async () => {
		await page.getByText('Create a space', { exact: true }).click();
		await page.locator('[data-test-id="ndv"]').waitFor();
		const resources = await optionTitles('resource');
		// 61 offered resources (every Reload Task operation is retired) and Custom API Call.
		expect(resources).toHaveLength(62);
		expect(resources).toEqual(
			expect.arrayContaining(['App', 'Data File', 'Reload', 'Space', 'Webhook', 'Custom API Call']),
		);
		expect(await optionTitles('operation')).toEqual([
			'Create',
			'Delete',
			'Get',
			'Get Many',
			'Get Types',
			'Replace',
			'Update',
			'Custom API Call',
		]);
		await page.click('[data-test-id="node-credentials-select"]');
		await page.locator('[data-test-id="node-credentials-select-item-uiApiKey"]').waitFor();
		await page.locator('[data-test-id="node-credentials-select-item-uiM2m"]').waitFor();
		await shot(page, 'node-credentials.png');
		await page.keyboard.press('Escape');
	});

	it('creates an interactive OAuth credential, connects it through the simulator, and sees it connected', async () => {
		await page.click('[data-test-id="node-credentials-select"]');
		await page.click('[data-test-id="node-credentials-select-item-new"]');
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.waitFor();
		await page.click('[data-test-id="credential-mode-dropdown-trigger"]');
		for (const method of ['API Key', 'OAuth2 Interactive (PKCE)', 'OAuth2 Machine-to-Machine']) {
			await page.getByText(method, { exact: true }).last().waitFor();
		}
		await page.getByText('OAuth2 Interactive (PKCE)', { exact: true }).last().click();
		const field = (label: string) =>
			modal
				.locator('[data-test-id="credential-connection-parameter"]', { hasText: label })
				.locator('input')
				.first();
		await field('Tenant URL').fill(sim.url);
		await field('Client ID').fill(sim.credentials.interactive.clientId);
		sim.clearLog();
		const [popup] = await Promise.all([
			page.waitForEvent('popup'),
			modal.getByRole('button', { name: 'Connect' }).first().click(),
		]);
		await popup.waitForEvent('close', { timeout: 30000 });
		// n8n saves the credential, closes the dialog and selects it; opening it shows the state.
		await page.getByText('Credential successfully created').waitFor();
		await page.click('[data-test-id="credential-edit-button"]');
		await page.locator('[data-test-id="oauth-connect-success-banner"]').waitFor();
		await page.waitForTimeout(800);
		await shot(page, 'oauth-connected.png');
		const token = sim.log.find((entry) => entry.path === '/oauth/token');
		expect(token?.status).toBe(200);
		expect(token?.body).toMatchObject({
			grant_type: 'authorization_code',
			client_id: sim.credentials.interactive.clientId,
		});
	});
});

describe('the forms README shows', () => {
	it("App's operation list, open", async () => {
		const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(tab);
		await tab.goto(`${n8n.url}/workflow/${FORMS.id}/${FORMS.app}`);
		await tab.locator('[data-test-id="ndv"]').waitFor();
		await tab.locator('[data-test-id="parameter-input-operation"]').click();
		await tab.getByRole('option', { name: /^Copy/ }).first().waitFor();
		await shot(tab, 'app-operations.png');
		await tab.close();
	});

	it("User → Update's form, with roles and groups picked from the tenant", async () => {
		const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(tab);
		await tab.goto(`${n8n.url}/workflow/${FORMS.id}/${FORMS.user}`);
		const ndv = tab.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		// The chosen roles and group show by name once the tenant's lists have loaded.
		for (const name of ['Developer', 'SharedSpaceCreator', 'Analysts'])
			await ndv.getByText(name, { exact: true }).first().waitFor();
		await ndv.getByText('Preferred Time Zone').first().waitFor();
		await ndv.getByText('Patch Operations (JSON)').first().waitFor();
		await shot(tab, 'user-update.png');
		await tab.close();
	});
});

describe('a workflow saved with values the lock has since renamed', () => {
	it('opens in the editor, and its node shows the fields of the new value', async () => {
		const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(tab);
		// The editor's address of a node opens its settings: "Get it (workflow.get)".
		await tab.goto(`${n8n.url}/workflow/renamedEditor/e2e00000-0009-4000-8000-000000000004`);
		await tab.locator('[data-test-id="ndv"]').waitFor();
		await tab.locator('[data-test-id="parameter-input-workflowId"]').waitFor();
		await tab.close();
	});
});
