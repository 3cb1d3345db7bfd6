import type { IDataObject } from 'n8n-workflow';

import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';

const sim = useSimulator();

async function run(parameters: IDataObject, extra: Partial<Parameters<typeof runNode>[0]> = {}) {
	const result = await runNode({ parameters, credential: apiKeyCredential(sim()), ...extra });
	if (result.error) throw result.error;
	return result.items.map((item) => item.json);
}

async function createSpace(name: string, type = 'shared') {
	const [space] = await run({ resource: 'space', operation: 'create', name, type });
	return space as IDataObject & { id: string };
}

describe('Space', () => {
	beforeEach(() => sim().clearLog());

	it('creates a space and sends exactly the fields given', async () => {
		const space = await createSpace('Finance (dev)', 'managed');
		expect(space).toMatchObject({ name: 'Finance (dev)', type: 'managed' });
		expect(space.id).toEqual(expect.any(String));
		const [post] = requests(sim(), 'POST', '/api/v1/spaces');
		expect(post.body).toEqual({ name: 'Finance (dev)', type: 'managed' });
		expect(post.status).toBe(201);
	});

	it('creates with attributes from JSON; a named field wins over the same key in JSON', async () => {
		const [fromJson] = await run({
			resource: 'space',
			operation: 'create',
			name: 'From JSON',
			type: 'data',
			additionalFields: { json: '{"description": "from JSON"}' },
		});
		expect(fromJson).toMatchObject({ name: 'From JSON', description: 'from JSON' });
		const [both] = await run({
			resource: 'space',
			operation: 'create',
			name: 'Field wins',
			type: 'data',
			additionalFields: { description: 'from the field', json: '{"description": "from JSON"}' },
		});
		expect(both).toMatchObject({ description: 'from the field' });
		expect(requests(sim(), 'POST', '/api/v1/spaces').map((r) => r.body)).toEqual([
			{ name: 'From JSON', type: 'data', description: 'from JSON' },
			{ name: 'Field wins', type: 'data', description: 'from the field' },
		]);
	});

	it('gets a space by ID', async () => {
		const created = await createSpace('Get me');
		sim().clearLog();
		const [space] = await run({ resource: 'space', operation: 'get', spaceId: rl(created.id) });
		expect(space).toMatchObject({ id: created.id, name: 'Get me' });
		expect(requests(sim(), 'GET', `/api/v1/spaces/${created.id}`)).toHaveLength(1);
	});

	it('gets many with filters and sort, sending them as Qlik expects', async () => {
		await createSpace('Sales EMEA');
		await createSpace('Sales APAC', 'managed');
		sim().clearLog();
		const spaces = await run({
			resource: 'space',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'sales', type: ['shared', 'managed'], sort: '-name' },
		});
		expect(spaces.map((s) => s.name)).toEqual(['Sales EMEA', 'Sales APAC']);
		const [get] = requests(sim(), 'GET', '/api/v1/spaces');
		expect(get.query).toMatchObject({
			name: 'sales',
			type: 'shared,managed',
			sort: '-name',
			limit: '100',
		});
	});

	it('updates only the given fields with a JSON Patch', async () => {
		const created = await createSpace('Before patch');
		sim().clearLog();
		const [space] = await run({
			resource: 'space',
			operation: 'update',
			spaceId: rl(created.id),
			updateFields: { name: 'After patch', description: 'patched' },
		});
		expect(space).toMatchObject({ id: created.id, name: 'After patch', description: 'patched' });
		const [patch] = requests(sim(), 'PATCH', `/api/v1/spaces/${created.id}`);
		expect(patch.body).toEqual([
			{ op: 'replace', path: '/name', value: 'After patch' },
			{ op: 'replace', path: '/description', value: 'patched' },
		]);
	});

	it('replaces the attributes with a PUT', async () => {
		const created = await createSpace('Before put');
		sim().clearLog();
		const [space] = await run({
			resource: 'space',
			operation: 'replace',
			spaceId: rl(created.id),
			attributes: { name: 'After put', description: 'put' },
		});
		expect(space).toMatchObject({ id: created.id, name: 'After put', description: 'put' });
		expect(requests(sim(), 'PUT', `/api/v1/spaces/${created.id}`)[0].body).toEqual({
			name: 'After put',
			description: 'put',
		});
	});

	it('lists the space types', async () => {
		const types = await run({ resource: 'space', operation: 'getTypes' });
		expect(types).toEqual([{ name: 'shared' }, { name: 'managed' }, { name: 'data' }]);
	});

	it('deletes a space and answers deleted: true', async () => {
		const created = await createSpace('Delete me');
		sim().clearLog();
		const out = await run({ resource: 'space', operation: 'delete', spaceId: rl(created.id) });
		expect(out).toEqual([{ deleted: true }]);
		expect(requests(sim(), 'DELETE', `/api/v1/spaces/${created.id}`)[0].status).toBe(204);
		const again = await runNode({
			parameters: { resource: 'space', operation: 'get', spaceId: rl(created.id) },
			credential: apiKeyCredential(sim()),
		});
		expect(again.error?.message).toMatch(/404/);
	});

	it('runs once per input item, paired to its item', async () => {
		const many = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: apiKeyCredential(sim()),
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
		});
		expect(many.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
	});
});

describe('Space Assignment', () => {
	it('adds, reads, lists, changes and removes a member', async () => {
		const space = await createSpace('Team space');
		const member = sim().credentials.users.member;
		const [assignment] = await run({
			resource: 'spaceAssignment',
			operation: 'create',
			spaceId: rl(space.id),
			type: 'user',
			assigneeId: rl(member.id),
			roles: ['consumer', 'producer'],
		});
		expect(assignment).toMatchObject({
			assigneeId: member.id,
			type: 'user',
			roles: ['consumer', 'producer'],
		});
		expect(requests(sim(), 'POST', `/api/v1/spaces/${space.id}/assignments`)[0].body).toEqual({
			type: 'user',
			assigneeId: member.id,
			roles: ['consumer', 'producer'],
		});
		const assignmentId = String(assignment.id);

		const [got] = await run({
			resource: 'spaceAssignment',
			operation: 'get',
			spaceId: rl(space.id),
			assignmentId: rl(assignmentId),
		});
		expect(got).toMatchObject({ id: assignmentId });

		const listed = await run({
			resource: 'spaceAssignment',
			operation: 'getAll',
			spaceId: rl(space.id),
			returnAll: true,
			filters: { assigneeId: member.id },
		});
		expect(listed.map((a) => a.id)).toEqual([assignmentId]);

		const [changed] = await run({
			resource: 'spaceAssignment',
			operation: 'update',
			spaceId: rl(space.id),
			assignmentId: rl(assignmentId),
			roles: ['facilitator'],
		});
		expect(changed).toMatchObject({ roles: ['facilitator'] });
		expect(
			requests(sim(), 'PUT', `/api/v1/spaces/${space.id}/assignments/${assignmentId}`)[0].body,
		).toEqual({ roles: ['facilitator'] });

		const removed = await run({
			resource: 'spaceAssignment',
			operation: 'delete',
			spaceId: rl(space.id),
			assignmentId: rl(assignmentId),
		});
		expect(removed).toEqual([{ deleted: true }]);
		const after = await run({
			resource: 'spaceAssignment',
			operation: 'getAll',
			spaceId: rl(space.id),
			returnAll: true,
		});
		expect(after.find((a) => a.id === assignmentId)).toBeUndefined();
	});
});

describe('Space Share', () => {
	it('shares an item, reads, lists, changes and deletes the share', async () => {
		const space = await createSpace('Shared items', 'managed');
		const member = sim().credentials.users.member;
		const resourceId = '3ff7b2a8-1c59-4ae8-a8e5-8f6c7e0a8f51';
		const [share] = await run({
			resource: 'spaceShare',
			operation: 'create',
			spaceId: rl(space.id),
			type: 'user',
			assigneeId: rl(member.id),
			resourceId,
			resourceType: 'app',
			roles: ['consumer'],
		});
		expect(share).toMatchObject({
			assigneeId: member.id,
			resourceId,
			resourceType: 'app',
			type: 'user',
		});
		const shareId = String(share.id);

		const [got] = await run({
			resource: 'spaceShare',
			operation: 'get',
			spaceId: rl(space.id),
			shareId: rl(shareId),
		});
		expect(got).toMatchObject({ id: shareId });

		const listed = await run({
			resource: 'spaceShare',
			operation: 'getAll',
			spaceId: rl(space.id),
			returnAll: true,
			filters: { resourceId },
		});
		expect(listed.map((s) => s.id)).toEqual([shareId]);

		const [changed] = await run({
			resource: 'spaceShare',
			operation: 'update',
			spaceId: rl(space.id),
			shareId: rl(shareId),
			updateFields: { roles: ['contributor'] },
		});
		expect(changed).toMatchObject({ id: shareId });
		expect(
			requests(sim(), 'PATCH', `/api/v1/spaces/${space.id}/shares/${shareId}`).at(-1)?.body,
		).toEqual([{ op: 'replace', path: '/roles', value: ['contributor'] }]);

		const removed = await run({
			resource: 'spaceShare',
			operation: 'delete',
			spaceId: rl(space.id),
			shareId: rl(shareId),
		});
		expect(removed).toEqual([{ deleted: true }]);
	});
});
