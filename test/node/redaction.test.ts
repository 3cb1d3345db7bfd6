/**
 * Secrets Qlik keeps in other resources never reach an output: identity providers' client
 * secrets, automations' and workflows' execution tokens, webhook secrets (the trigger's own
 * included), and the data-connection fields and connection strings the redaction once missed.
 * The simulator answers each of them with a value it records for the secret scan.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { QlikCloudTrigger } from '../../nodes/QlikCloudTrigger/QlikCloudTrigger.node';
import { rl, runNode, triggerHarness } from '../helpers/n8n';
import { apiKeyCredential, useSimulator } from '../helpers/sim';

const sim = useSimulator();
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const id = () => randomBytes(12).toString('hex');

async function outputs(parameters: IDataObject) {
	const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
	expect(result.error).toBeUndefined();
	expect(result.items.length).toBeGreaterThan(0);
	return JSON.stringify(result.items);
}

describe('secrets in other resources are redacted', () => {
	it("identity providers' client secrets", async () => {
		const value = secret('idp-client-secret');
		const idp = id();
		sim().seed(`/api/v1/identity-providers/${idp}`, {
			protocol: 'OIDC',
			provider: 'generic',
			options: { clientId: 'client-1', clientSecret: value, issuer: 'https://idp.example.com' },
			pendingOptions: { clientSecret: `${value}-next` },
		});
		for (const parameters of [
			{ resource: 'identityProvider', operation: 'get', identityProviderId: rl(idp) },
			{ resource: 'identityProvider', operation: 'getAll', returnAll: true },
		]) {
			const out = await outputs(parameters);
			expect(out).toContain('client-1');
			expect(out).not.toContain(value);
		}
	});

	it.each([
		['automation', 'automationId'],
		['workflow', 'workflowId'],
	])('%s execution tokens (they run the automation)', async (resource, param) => {
		const created = await runNode({
			parameters: {
				resource,
				operation: 'create',
				name: 'Nightly',
				additionalFields: { name: 'Nightly' },
			},
			credential: apiKeyCredential(sim()),
		});
		expect(created.error).toBeUndefined();
		const automationId = String(created.items[0].json.id);
		const path = resource === 'automation' ? '/api/v1/automations' : '/api/workflows/automations';
		const stored = sim().state.generic.items.get(path)!.get(automationId)!;
		const token = String(stored.executionToken);
		expect(token.length).toBeGreaterThan(20);
		expect(JSON.stringify(created.items)).not.toContain(token);
		for (const parameters of [
			{ resource, operation: 'get', [param]: rl(automationId) },
			{ resource, operation: 'getAll', returnAll: true },
		]) {
			expect(await outputs(parameters)).not.toContain(token);
		}
	});

	it("webhook secrets, the trigger's own included", async () => {
		const harness = triggerHarness(
			new QlikCloudTrigger(),
			{ events: ['com.qlik.v1.app.reload.finished'] },
			apiKeyCredential(sim()),
			'http://127.0.0.1:9/webhook',
		);
		await new QlikCloudTrigger().webhookMethods.default.create.call(harness.hooks);
		const webhookId = String(harness.staticData.webhookId);
		const value = String(harness.staticData.webhookSecret);
		for (const parameters of [
			{ resource: 'webhook', operation: 'get', webhookId: rl(webhookId) },
			{ resource: 'webhook', operation: 'getAll', returnAll: true },
		]) {
			const out = await outputs(parameters);
			expect(out).toContain(webhookId);
			expect(out).not.toContain(value);
		}
	});

	it('data-connection passphrases, keys, header rows and connection strings', async () => {
		const s = {
			passphrase: secret('passphrase'),
			passwd: secret('passwd'),
			accountKey: secret('account-key'),
			sharedKey: secret('shared-key'),
			header: secret('header-token'),
			braced: [secret('braced-one'), secret('braced-two')],
			spaced: [secret('spaced-one'), secret('spaced-two')],
			azure: secret('azure-account-key'),
		};
		const connection = id();
		sim().seed(`/api/v1/data-connections/${connection}`, {
			qName: `Secrets ${connection}`,
			qConnectStatement: `CUSTOM CONNECT TO "provider=odbc;UID=me;PWD={${s.braced[0]};${s.braced[1]}};Password=${s.spaced[0]} ${s.spaced[1]};AccountName=acc;AccountKey=${s.azure};"`,
			passphrase: s.passphrase,
			passwd: s.passwd,
			accountKey: s.accountKey,
			sharedKey: s.sharedKey,
			headers: [
				{ name: 'Authorization', value: `Bearer ${s.header}` },
				{ name: 'Accept', value: 'text/csv' },
			],
		});
		const out = await outputs({
			resource: 'dataConnection',
			operation: 'get',
			dataConnectionId: rl(connection),
		});
		expect(out).toContain('text/csv');
		expect(out).toContain('UID=me');
		for (const value of Object.values(s).flat()) expect(out).not.toContain(value);
	});
});
