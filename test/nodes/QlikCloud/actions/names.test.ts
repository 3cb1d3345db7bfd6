/**
 * Spaces, apps and users given By Name: node runs against the simulator. The node finds the one
 * object with that exact name through its list (filtered on the server) and sends its ID; no
 * match or several fail the item before the operation's request, naming the parameter; a name
 * never reaches a path; one execution looks each name up once.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { QlikCloud } from '../../../../nodes/QlikCloud/QlikCloud.node';
import { rl, runNode } from '../../../helpers/n8n';
import { apiKeyCredential, requests, simApi, useSimulator } from '../../../helpers/sim';

const sim = useSimulator({ reloadTimes: { queuedMs: 20, runningMs: 40 } });

const run = async (parameters: IDataObject, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters, credential: apiKeyCredential(sim()), ...extra });

const byName = (name: string) => rl(name, 'name');

/** App → Reload of the app named, without waiting. */
const reload = async (name: string, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await run(
		{ resource: 'app', operation: 'reload', appId: byName(name), waitForCompletion: false },
		extra,
	);

/** Item → Get Many of apps with these filters. */
const listApps = async (filters: IDataObject) =>
	await run({
		resource: 'item',
		operation: 'getAll',
		returnAll: true,
		filters: { resourceType: 'app', ...filters },
	});

/** Non-list requests: what the operation itself sent (list lookups are GETs of a list path). */
const lookups = (path: string) => requests(sim(), 'GET', path);

let finance: IDataObject;
let marketing: IDataObject;

beforeAll(async () => {
	finance = await simApi(sim(), 'POST', '/api/v1/spaces', { name: 'Finance', type: 'shared' });
	await simApi(sim(), 'POST', '/api/v1/spaces', { name: 'Finance reports', type: 'shared' });
	marketing = await simApi(sim(), 'POST', '/api/v1/spaces', { name: 'Marketing', type: 'managed' });
	const app = (id: string, name: string, spaceId?: string) =>
		sim().seed(`/api/v1/items/${id}`, {
			name,
			resourceType: 'app',
			resourceId: `app-${id.slice(-4)}`,
			ownerId: sim().credentials.users.admin.id,
			...(spaceId ? { spaceId } : {}),
		});
	app('65f1a0b2c3d4e5f6a7b80001', 'Sales dashboard', String(finance.id));
	app('65f1a0b2c3d4e5f6a7b80002', 'Budget', String(finance.id));
	app('65f1a0b2c3d4e5f6a7b80003', 'Budget', String(marketing.id));
	app('65f1a0b2c3d4e5f6a7b80004', '../../api/v1/users', String(finance.id));
	sim().seed('/api/v1/users/65f1a0b2c3d4e5f6a7b8aaaa', {
		name: 'Jo "JJ" Jones',
		email: 'jo@example.com',
	});
});

beforeEach(() => sim().clearLog());

describe('a space by name', () => {
	it('is found by its exact name and got by its ID', async () => {
		const result = await run({ resource: 'space', operation: 'get', spaceId: byName('Finance') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: finance.id, name: 'Finance' });
		const [list] = lookups('/api/v1/spaces');
		expect(list.query.name).toBe('Finance');
		expect(requests(sim(), 'GET', `/api/v1/spaces/${String(finance.id)}`)).toHaveLength(1);
	});

	it('names no space when only the case differs, and says which names there are', async () => {
		const result = await run({ resource: 'space', operation: 'get', spaceId: byName('finance') });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'The "Space" parameter names no space: none is called "finance"',
		);
		expect(result.error?.description).toContain('Names that differ only in case: "Finance"');
		expect(result.error?.description).toContain('Space → Get Many');
		expect(requests(sim(), 'GET', /^\/api\/v1\/spaces\/.+/)).toHaveLength(0);
	});

	it('names no space when none has the name', async () => {
		const result = await run({ resource: 'space', operation: 'get', spaceId: byName('Nowhere') });
		expect(result.error?.message).toBe(
			'The "Space" parameter names no space: none is called "Nowhere"',
		);
		expect(result.error?.description).not.toContain('differ only in case');
	});

	it('fails an empty name before any request', async () => {
		const result = await run({ resource: 'space', operation: 'get', spaceId: byName('  ') });
		expect(result.error?.message).toBe('The "Space" parameter has no name');
		expect(sim().log).toHaveLength(0);
	});

	it('is a filter too: the node sends the ID of the named space', async () => {
		const result = await listApps({ spaceId: byName('Marketing') });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.resourceId)).toEqual(['app-0003']);
		const items = lookups('/api/v1/items');
		expect(items.at(-1)?.query.spaceId).toBe(marketing.id);
	});
});

describe('an app by name', () => {
	it('is reloaded by the ID its item names', async () => {
		const result = await reload('Sales dashboard');
		expect(result.error).toBeUndefined();
		const [list] = lookups('/api/v1/items');
		expect(list.query).toMatchObject({ resourceType: 'app', name: 'Sales dashboard' });
		expect(requests(sim(), 'POST', '/api/v1/reloads')[0].body).toEqual({ appId: 'app-0001' });
	});

	it('that several apps have fails with their IDs, spaces and owners, and reloads nothing', async () => {
		const result = await reload('Budget');
		expect(result.error?.message).toBe('The "App ID" parameter names 2 apps called "Budget"');
		const owner = sim().credentials.users.admin.id;
		expect(result.error?.description).toBe(
			`Pick one By ID: app-0002 (space ${String(finance.id)}, owner ${owner}); app-0003 (space ${String(marketing.id)}, owner ${owner}).`,
		);
		expect(requests(sim(), 'POST', '/api/v1/reloads')).toHaveLength(0);
	});

	it('is a name even when it looks like a path: it goes only into the query', async () => {
		const result = await run({
			resource: 'app',
			operation: 'get',
			appId: byName('../../api/v1/users'),
		});
		const [list] = lookups('/api/v1/items');
		expect(list.query.name).toBe('../../api/v1/users');
		// The app it names is got by its ID; nothing else is requested.
		expect(sim().log.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/v1/items',
			'GET /api/v1/apps/app-0004',
		]);
		expect(result.error?.message ?? '').not.toMatch(/users/);
	});

	it('continues past an item whose name names no app, with continue-on-fail', async () => {
		const result = await reload('={{ $json.app }}', {
			continueOnFail: true,
			items: [{ json: { app: 'Sales dashboard' } }, { json: { app: 'Missing' } }],
		});
		expect(result.items.map((i) => i.json.error ?? i.json.appId)).toEqual([
			'app-0001',
			'The "App ID" parameter names no app: none is called "Missing"',
		]);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('a user by name', () => {
	it('is found with a SCIM filter that quotes the name, and got by ID', async () => {
		const result = await run({
			resource: 'user',
			operation: 'get',
			userId: byName('Jo "JJ" Jones'),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: '65f1a0b2c3d4e5f6a7b8aaaa' });
		const [list] = lookups('/api/v1/users');
		expect(list.query.filter).toBe('name eq "Jo \\"JJ\\" Jones"');
	});

	it('that several users have fails with their IDs and emails', async () => {
		sim().seed('/api/v1/users/65f1a0b2c3d4e5f6a7b8bbbb', { name: 'Sam Twin', email: 'a@x.test' });
		sim().seed('/api/v1/users/65f1a0b2c3d4e5f6a7b8cccc', { name: 'Sam Twin', email: 'b@x.test' });
		const result = await run({ resource: 'user', operation: 'get', userId: byName('Sam Twin') });
		expect(result.error?.message).toBe('The "User" parameter names 2 users called "Sam Twin"');
		expect(result.error?.description).toContain('65f1a0b2c3d4e5f6a7b8bbbb (a@x.test)');
		expect(result.error?.description).toContain('65f1a0b2c3d4e5f6a7b8cccc (b@x.test)');
	});

	it('works in a collection: items filtered by the owner named', async () => {
		const result = await listApps({ ownerId: byName('Ada Admin') });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(lookups('/api/v1/users')[0].query.filter).toBe('name eq "Ada Admin"');
		const items = lookups('/api/v1/items');
		expect(items.at(-1)?.query.ownerId).toBe(sim().credentials.users.admin.id);
	});
});

describe('as a tool', () => {
	it('finds the name an agent gives', async () => {
		const result = await run(
			{ resource: 'user', operation: 'get', userId: byName('Max Member') },
			{ asTool: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: sim().credentials.users.member.id });
	});
});

describe('in one execution', () => {
	it('looks a name up once for many items', async () => {
		const result = await run(
			{ resource: 'space', operation: 'get', spaceId: byName('Finance') },
			{ items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(result.items).toHaveLength(3);
		expect(lookups('/api/v1/spaces')).toHaveLength(1);
		expect(requests(sim(), 'GET', `/api/v1/spaces/${String(finance.id)}`)).toHaveLength(3);
	});

	it('finds the names of a batch operation before its request, once', async () => {
		const files = await Promise.all(
			['a.csv', 'b.csv'].map(
				async (name) =>
					await runNode({
						parameters: {
							resource: 'dataFile',
							operation: 'create',
							fileName: name,
							destination: 'personal',
						},
						credential: apiKeyCredential(sim()),
						items: [
							{
								json: {},
								binary: {
									data: {
										data: Buffer.from('x,y\n1,2').toString('base64'),
										fileName: name,
										mimeType: 'text/csv',
									},
								},
							},
						],
					}),
			),
		);
		const ids = files.map((f) => String(f.items[0]?.json.id));
		sim().clearLog();
		const result = await run(
			{
				resource: 'dataFile',
				operation: 'changeSpaceMany',
				dataFileId: '={{ $json.id }}',
				spaceScope: 'space',
				spaceId: byName('Marketing'),
			},
			{ items: ids.map((id) => ({ json: { id } })) },
		);
		expect(result.error).toBeUndefined();
		expect(lookups('/api/v1/spaces')).toHaveLength(1);
		const [batch] = requests(sim(), 'POST', '/api/v1/data-files/actions/change-space');
		expect(batch.body).toEqual({
			'change-space': ids.map((id) => ({ id, spaceId: marketing.id })),
		});
	});
});

describe('the editor', () => {
	const locators = new QlikCloud().description.properties.filter(
		(p) => p.type === 'resourceLocator' && ['spaceId', 'appId', 'userId'].includes(p.name),
	);

	it('offers By Name for spaces, apps and users', () => {
		expect(locators.length).toBeGreaterThan(40);
		for (const p of locators) {
			const method = p.modes?.find((m) => m.type === 'list')?.typeOptions?.searchListMethod;
			if (!['searchSpace', 'searchApp', 'searchUser'].includes(String(method))) continue;
			expect(p.modes?.map((m) => m.name)).toEqual(['list', 'id', 'name']);
		}
	});

	it('offers no By Name where a name finds nothing (a data connection)', () => {
		const connection = new QlikCloud().description.properties.find(
			(p) => p.name === 'dataConnectionId' && p.type === 'resourceLocator',
		);
		expect(connection?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
	});
});
