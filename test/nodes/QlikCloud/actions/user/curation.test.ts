/**
 * User → Create and Update as a person fills them (nodes/QlikCloud/actions/user/curation.ts): roles and groups
 * picked from the tenant's lists (methods/loadOptions.ts) become the references Qlik takes.
 */
import type { INodeProperties } from 'n8n-workflow';

import { QlikCloud } from '../../../../../nodes/QlikCloud/QlikCloud.node';
import { loadOptionsContext, rl, runNode } from '../../../../helpers/n8n';
import { apiKeyCredential, requests, simApi, useSimulator } from '../../../../helpers/sim';

const sim = useSimulator();
const node = new QlikCloud();

/** User → Update's editor fields on the plain node (not the tool's), in order; Update Fields by name. */
function updateForm() {
	const shown = node.description.properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes('user') &&
			p.displayOptions?.show?.operation?.includes('update') &&
			!p.displayOptions?.show?.['@tool'],
	);
	const collection = shown.find((p) => p.name === 'updateFields');
	const fields = new Map(
		((collection?.options ?? []) as INodeProperties[]).map((o) => [o.name, o]),
	);
	return { order: shown.map((p) => p.name), fields };
}

describe('User → Update', () => {
	it('offers the fields a person changes, with raw patch operations last', () => {
		const { order, fields } = updateForm();
		expect(order).toEqual(['endpointNotice', 'userId', 'updateFields', 'patch']);
		expect([...fields.keys()].sort()).toEqual([
			'assignedGroups',
			'assignedRoles',
			'inviteExpiry',
			'name',
			'preferredLocale',
			'preferredZoneinfo',
			'status',
		]);
		expect(fields.get('preferredZoneinfo')?.displayName).toBe('Preferred Time Zone');
		expect(fields.get('inviteExpiry')?.description).toMatch(/Unix time in seconds/);
		expect(fields.get('assignedRoles')).toMatchObject({
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getRoles' },
		});
		expect(fields.get('assignedGroups')).toMatchObject({
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getGroups' },
		});
	});

	it("leaves the other operations' outputs as they were: Simplify still starts on", () => {
		const simplify = node.description.properties.filter(
			(p) => p.name === 'simplify' && p.displayOptions?.show?.resource?.includes('user'),
		);
		expect(simplify.length).toBeGreaterThan(0);
		for (const p of simplify) expect(p.default).toBe(true);
	});

	it("picks roles and groups from the tenant's lists and sends them as references", async () => {
		const credential = apiKeyCredential(sim());
		const group = await simApi(sim(), 'POST', '/api/v1/groups', { name: 'Finance' });
		const user = await simApi(sim(), 'POST', '/api/v1/users', {
			name: 'Robin',
			subject: 'forms|robin',
			email: 'robin@example.com',
		});
		const context = loadOptionsContext({ resource: 'user', operation: 'update' }, credential);
		const roles = await node.methods.loadOptions.getRoles.call(context);
		expect(roles).toContainEqual(
			expect.objectContaining({ name: 'Developer', value: 'Developer' }),
		);
		const groups = await node.methods.loadOptions.getGroups.call(context);
		expect(groups).toContainEqual(expect.objectContaining({ name: 'Finance', value: group.id }));

		sim().clearLog();
		const result = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: rl(String(user.id)),
				updateFields: {
					assignedRoles: ['Developer', 'Steward'],
					assignedGroups: [group.id],
					preferredZoneinfo: 'Europe/Berlin',
				},
			},
			credential,
		});
		expect(result.error).toBeUndefined();
		const [patch] = requests(sim(), 'PATCH', `/api/v1/users/${String(user.id)}`);
		expect(patch.body).toEqual([
			{
				op: 'replace',
				path: '/assignedRoles',
				value: [{ name: 'Developer' }, { name: 'Steward' }],
			},
			{ op: 'replace', path: '/assignedGroups', value: [{ id: group.id }] },
			{ op: 'replace', path: '/preferredZoneinfo', value: 'Europe/Berlin' },
		]);
		const after = await simApi(sim(), 'GET', `/api/v1/users/${String(user.id)}`);
		expect(after.assignedRoles).toEqual([
			expect.objectContaining({ name: 'Developer' }),
			expect.objectContaining({ name: 'Steward' }),
		]);
		expect(after.assignedGroups).toEqual([expect.objectContaining({ id: group.id })]);
	});
});

describe('User → Create', () => {
	it("takes roles picked from the tenant's list, sent as references", async () => {
		const credential = apiKeyCredential(sim());
		sim().clearLog();
		const result = await runNode({
			parameters: {
				resource: 'user',
				operation: 'create',
				subject: 'forms|kim',
				additionalFields: { name: 'Kim', assignedRoles: ['Developer'] },
			},
			credential,
		});
		expect(result.error).toBeUndefined();
		const [post] = requests(sim(), 'POST', '/api/v1/users');
		expect(post.body).toMatchObject({
			subject: 'forms|kim',
			assignedRoles: [{ name: 'Developer' }],
		});
		expect(result.items[0].json.assignedRoles).toEqual([
			expect.objectContaining({ name: 'Developer' }),
		]);
	});
});
