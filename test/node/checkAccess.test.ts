/** Tenant → Check Access through the node against the simulator: one item per check. */
import { runNode } from '../helpers/n8n';
import { apiKeyCredential, m2mCredential, useSimulator } from '../helpers/sim';

const sim = useSimulator();

const checkAccess = async (credential = apiKeyCredential(sim())) =>
	await runNode({ parameters: { resource: 'tenant', operation: 'checkAccess' }, credential });

const byCheck = (items: Array<{ json: Record<string, unknown> }>) =>
	Object.fromEntries(items.map((item) => [item.json.check, item.json]));

afterEach(() => sim().clearFaults());

describe('Tenant → Check Access', () => {
	it('with an admin API key: every read passes, the local n8n URL fails with its fix', async () => {
		const result = await checkAccess();
		expect(result.error).toBeUndefined();
		const checks = byCheck(result.items);
		expect(Object.keys(checks)).toEqual([
			'Tenant',
			'User',
			'Roles',
			'List spaces',
			'Data files',
			'Data connections',
			'Admin APIs',
			'API key expiry',
			'Webhook URL',
		]);
		const admin = sim().credentials.users.admin;
		expect(checks.User).toMatchObject({ status: 'pass', userId: admin.id, name: 'Ada Admin' });
		expect(checks.Roles).toMatchObject({
			status: 'pass',
			roles: expect.arrayContaining(['TenantAdmin']),
		});
		for (const name of ['Tenant', 'List spaces', 'Data files', 'Data connections', 'Admin APIs'])
			expect(checks[name]).toMatchObject({ status: 'pass' });
		expect(checks['API key expiry']).toMatchObject({ status: 'pass', expiresAt: null });
		expect(checks['Webhook URL']).toMatchObject({
			status: 'fail',
			detail: expect.stringMatching(/not HTTPS and its host is not public/),
			fix: expect.stringContaining('WEBHOOK_URL'),
		});
		expect(JSON.stringify(result.items)).not.toContain(sim().credentials.apiKey);
	});

	it('a refused admin read fails that check alone, with the fix for its status', async () => {
		sim().addFault({ method: 'GET', path: '/api/v1/audits', kind: 'status', status: 403 });
		const checks = byCheck((await checkAccess()).items);
		expect(checks['Admin APIs']).toMatchObject({
			status: 'fail',
			detail: expect.stringContaining('HTTP 403'),
			fix: expect.stringContaining('Tenant Admin'),
		});
		expect(checks['List spaces']).toMatchObject({ status: 'pass' });
	});

	it('a credential Qlik refuses fails every read with the credential fix', async () => {
		const credential = apiKeyCredential(sim());
		credential.data = { ...credential.data, apiKey: 'not-a-key' };
		const checks = byCheck((await checkAccess(credential)).items);
		for (const name of ['Tenant', 'User', 'List spaces', 'Admin APIs'])
			expect(checks[name]).toMatchObject({
				status: 'fail',
				fix: expect.stringContaining('credential was refused'),
			});
		expect(checks).not.toHaveProperty('Roles');
	});

	it('with OAuth machine-to-machine there is no API key to expire', async () => {
		const checks = byCheck((await checkAccess(m2mCredential(sim()))).items);
		expect(checks.User).toMatchObject({ status: 'pass' });
		expect(checks['API key expiry']).toMatchObject({
			status: 'pass',
			detail: expect.stringContaining('OAuth'),
		});
	});
});
