/**
 * Data connections through the node: create from a data source's properties, get by ID or name,
 * duplicate, batch delete and update (207 per connection), the pickers, and no credential in any
 * output.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { loadOptionsContext, rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator, simApi } from '../helpers/sim';

const sim = useSimulator();
const SECRET = `Sup3r-${randomUUID()}`;
const node = new QlikCloud();

const api = (method: string, path: string, body?: unknown) => simApi(sim(), method, path, body);

const newSpace = async () =>
	String(
		(await api('POST', '/api/v1/spaces', { name: `Connections ${randomUUID()}`, type: 'shared' }))
			.id,
	);

const run = (
	parameters: IDataObject,
	items?: Array<{ json: IDataObject }>,
	continueOnFail = false,
) =>
	runNode({
		parameters: { resource: 'dataConnection', ...parameters },
		credential: apiKeyCredential(sim()),
		items,
		continueOnFail,
	});

const postgres = (spaceId: string, qName: string) => ({
	operation: 'create',
	qName,
	datasourceID: rl('postgres'),
	spaceId: rl(spaceId),
	connectionProperties: {
		property: [
			{ name: 'host', value: 'db.example.com' },
			{ name: 'database', value: 'sales' },
			{ name: 'username', value: 'reader' },
		],
	},
	secretProperties: { property: [{ name: 'password', value: SECRET }] },
});

describe('Data Connection → Create from a data source', () => {
	it('sends the properties the source asks for; the output holds no secret', async () => {
		const spaceId = await newSpace();
		sim().clearLog();
		const result = await run(postgres(spaceId, 'Sales DB'));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			qName: 'Sales DB',
			space: spaceId,
			datasourceID: 'postgres',
		});
		expect(JSON.stringify(result.items)).not.toContain(SECRET);
		const [post] = requests(sim(), 'POST', '/api/v1/data-connections');
		expect(post.body).toMatchObject({
			qName: 'Sales DB',
			datasourceID: 'postgres',
			space: spaceId,
			connectionProperties: { host: 'db.example.com', database: 'sales', username: 'reader' },
		});
		// Stored at the tenant: the simulator keeps it, GET by ID answers it as qConnectionSecret.
		const stored = await api('GET', `/api/v1/data-connections/${String(result.items[0].json.id)}`);
		expect(String(stored.qConnectionSecret)).toContain(SECRET);
	});

	it('a second connection of the same name in the space is a 409', async () => {
		const spaceId = await newSpace();
		await run(postgres(spaceId, 'Twice'));
		const again = await run(postgres(spaceId, 'Twice'));
		expect(again.error).toBeInstanceOf(NodeApiError);
		expect(again.error?.message).toMatch(/already exists.*HTTP 409/);
	});

	it("a property the source needs and did not get is Qlik's 400, naming it", async () => {
		const spaceId = await newSpace();
		const parameters = postgres(spaceId, 'No host');
		parameters.connectionProperties.property = parameters.connectionProperties.property.slice(1);
		const result = await run(parameters);
		expect(result.error?.message).toMatch(/"host" is required/);
	});

	it('bad input fails before any request', async () => {
		sim().clearLog();
		const noName = await run({ ...postgres('611bcebaeec1203d88211ac4', ''), qName: ' ' });
		expect(noName.error?.message).toBe('The "Name" parameter is empty');
		const twice = postgres('611bcebaeec1203d88211ac4', 'x');
		twice.connectionProperties.property.push({ name: 'host', value: 'again' });
		expect((await run(twice)).error?.message).toBe(
			'"Connection Properties" names the property "host" twice',
		);
		const badJson = await run({
			...postgres('611bcebaeec1203d88211ac4', 'x'),
			additionalFields: { propertiesJson: '{port' },
		});
		expect(badJson.error?.message).toMatch(
			/"More Properties \(JSON\)" parameter is not valid JSON/,
		);
		expect(sim().log).toHaveLength(0);
	});

	it('properties named like Object methods (constructor, toString) are sent as given', async () => {
		const spaceId = await newSpace();
		sim().clearLog();
		const parameters = postgres(spaceId, 'Odd names');
		parameters.connectionProperties.property.push(
			{ name: 'constructor', value: 'c' },
			{ name: 'toString', value: 't' },
		);
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		const [post] = requests(sim(), 'POST', '/api/v1/data-connections');
		const sent = (post.body as IDataObject).connectionProperties as IDataObject;
		// (n8n's HTTP client, axios, drops a key named `constructor` from JSON bodies itself.)
		expect(Object.entries(sent)).toEqual(expect.arrayContaining([['toString', 't']]));
	});

	it('the pickers: data sources, and the properties of the chosen source', async () => {
		const context = loadOptionsContext(
			{ resource: 'dataConnection', operation: 'create', datasourceID: rl('postgres') },
			apiKeyCredential(sim()),
		);
		const sources = await node.methods.listSearch.searchDataSource.call(context, 'snow');
		expect(sources.results).toEqual([{ name: 'Snowflake', value: 'snowflake' }]);
		const props = await node.methods.loadOptions.getDataSourceProperties.call(context);
		expect(props.map((p) => p.value)).toEqual(['database', 'host', 'password', 'port', 'username']);
		expect(props.find((p) => p.value === 'host')?.description).toMatch(/required/);
	});
});

describe('Data Connection → Get, Duplicate and every output redacted', () => {
	it('by ID: the connection secret Qlik returns is redacted', async () => {
		const spaceId = await newSpace();
		const created = await run(postgres(spaceId, 'Readable'));
		const id = String(created.items[0].json.id);
		const result = await run({ operation: 'get', dataConnectionId: rl(id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			id,
			qName: 'Readable',
			qConnectionSecret: '[redacted]',
		});
		expect(JSON.stringify(result.items)).not.toContain(SECRET);

		const picked = await node.methods.listSearch.searchDataConnection.call(
			loadOptionsContext({ resource: 'dataConnection' }, apiKeyCredential(sim())),
			'Readable',
		);
		expect(picked.results).toContainEqual({ name: `Readable (space ${spaceId})`, value: id });
	});

	it('by name, in a space', async () => {
		const spaceId = await newSpace();
		await run(postgres(spaceId, 'Find me'));
		sim().clearLog();
		const result = await run({
			operation: 'get',
			locateBy: 'name',
			connectionName: 'Find me',
			spaceId: rl(spaceId),
		});
		expect(result.items[0].json).toMatchObject({ qName: 'Find me', space: spaceId });
		const [get] = requests(sim(), 'GET', /^\/api\/v1\/data-connections\//);
		expect(decodeURIComponent(get.path)).toBe('/api/v1/data-connections/Find me');
		expect(get.query).toEqual({ type: 'connectionname', spaceId });
		const missing = await run({
			operation: 'get',
			locateBy: 'name',
			connectionName: 'Find me',
			spaceId: rl(await newSpace()),
		});
		expect(missing.error?.message).toMatch(/Data connection named "Find me" in space .*HTTP 404/);
	});

	it('classic connections: passwords in the connect string and qPassword never come out', async () => {
		const spaceId = await newSpace();
		const created = await api('POST', '/api/v1/data-connections', {
			qName: 'Classic',
			qType: 'QvOdbcConnectorPackage.exe',
			datasourceID: 'postgres',
			space: spaceId,
			qConnectStatement: `CUSTOM CONNECT TO "provider=QvOdbcConnectorPackage.exe;host=db;password=${SECRET};"`,
			qPassword: SECRET,
		});
		const many = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { spaceId, noDatafiles: true },
		});
		expect(many.items.map((i) => i.json.qName)).toEqual(['Classic']);
		expect(String(many.items[0].json.qConnectStatement)).toContain('password=[redacted];');
		const one = await run({ operation: 'get', dataConnectionId: rl(String(created.id)) });
		expect(JSON.stringify([...many.items, ...one.items])).not.toContain(SECRET);
	});

	it('duplicate with a new name and password; a taken name is a 409', async () => {
		const spaceId = await newSpace();
		const created = await run(postgres(spaceId, 'Original'));
		const id = String(created.items[0].json.id);
		const copy = await run({
			operation: 'duplicate',
			dataConnectionId: rl(id),
			name: 'Copy',
			additionalFields: { qPassword: SECRET },
		});
		expect(copy.error).toBeUndefined();
		expect(copy.items[0].json).toMatchObject({ qName: 'Copy', space: spaceId });
		expect(copy.items[0].json.id).not.toBe(id);
		expect(JSON.stringify(copy.items)).not.toContain(SECRET);
		const taken = await run({ operation: 'duplicate', dataConnectionId: rl(id), name: 'Original' });
		expect(taken.error?.message).toMatch(/HTTP 409/);
	});

	it('data credentials: outputs redacted too', async () => {
		const id = randomUUID();
		// Qlik never shows a credential's password; the simulator's generic route echoes what was put.
		await api('PUT', `/api/v1/data-credentials/${id}`, {
			qID: id,
			qName: 'cred',
			qType: 'QvOdbcConnectorPackage.exe',
			qUsername: 'reader',
			qPassword: SECRET,
			datasourceID: 'postgres',
		});
		const result = await runNode({
			parameters: { resource: 'dataCredential', operation: 'get', dataCredentialId: id },
			credential: apiKeyCredential(sim()),
		});
		expect(result.items[0].json).toMatchObject({ qName: 'cred', qPassword: '[redacted]' });
	});

	it('by name: a name with spaces is sent as the path, with byCredentialName', async () => {
		sim().clearLog();
		await runNode({
			parameters: {
				resource: 'dataCredential',
				operation: 'get',
				dataCredentialId: rl('Sales DB reader'),
				additionalFields: { byCredentialName: true },
			},
			credential: apiKeyCredential(sim()),
			continueOnFail: true,
		});
		const sent = requests(sim(), 'GET', /^\/api\/v1\/data-credentials\//);
		expect(sent.map((e) => [e.path, e.query])).toEqual([
			['/api/v1/data-credentials/Sales%20DB%20reader', { byCredentialName: 'true' }],
		]);
	});
});

describe('Data Connection round trip', () => {
	it('create → get → update → get many → delete → get (404)', async () => {
		const spaceId = await newSpace();
		const created = await run(postgres(spaceId, 'Round trip'));
		const id = String(created.items[0].json.id);
		expect((await run({ operation: 'get', dataConnectionId: rl(id) })).items[0].json.qName).toBe(
			'Round trip',
		);
		const patch = JSON.stringify([{ op: 'replace', path: '/qName', value: 'Renamed' }]);
		expect(
			(await run({ operation: 'update', dataConnectionId: rl(id), patch })).error,
		).toBeUndefined();
		// The space's DataFiles connection is listed too, unless data-file connections are left out.
		const many = await run({ operation: 'getAll', returnAll: true, filters: { spaceId } });
		expect(many.items.map((i) => i.json.qName).sort()).toEqual(['DataFiles', 'Renamed']);
		expect(many.items.find((i) => i.json.qName === 'DataFiles')?.json).toMatchObject({
			qType: 'qix-datafiles.exe',
			space: spaceId,
		});
		const own = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { spaceId, noDatafiles: true },
		});
		expect(own.items.map((i) => i.json.qName)).toEqual(['Renamed']);
		expect((await run({ operation: 'delete', dataConnectionId: rl(id) })).items[0].json).toEqual({
			deleted: true,
		});
		const gone = await run({ operation: 'get', dataConnectionId: rl(id) });
		expect(gone.error?.message).toMatch(/Data connection ".*HTTP 404/);
	});
});

describe('Data Connection → Delete Many and Update Many in batches', () => {
	async function connections(n: number) {
		const spaceId = await newSpace();
		const ids: string[] = [];
		for (let k = 0; k < n; k++) {
			ids.push(String((await run(postgres(spaceId, `Batch ${k}`))).items[0].json.id));
		}
		return { spaceId, ids };
	}

	it('one request per batch; a 207 mix maps each entry to its item', async () => {
		const { ids } = await connections(3);
		const unknown = randomUUID();
		const all = [ids[0], unknown, ids[1], ids[2]];
		sim().clearLog();
		const result = await run(
			{ operation: 'deleteMany', batchSize: 2 },
			all.map((id) => ({ json: { id } })),
			true,
		);
		expect(requests(sim(), 'POST', '/api/v1/data-connections/actions/delete')).toHaveLength(2);
		expect(result.items.map((i) => i.json.deleted ?? i.json.error)).toEqual([
			true,
			expect.stringMatching(/Data connection not found.*HTTP 404/),
			true,
			true,
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual(all.map((_, item) => ({ item })));
		const without = await run({ operation: 'deleteMany' }, [{ json: { id: unknown } }]);
		expect(without.error).toBeInstanceOf(NodeApiError);
		expect(without.error?.message).toMatch(new RegExp(`Data connection "${unknown}"`));
	});

	it('update many: rename and move, each entry as sent', async () => {
		const { ids } = await connections(2);
		const target = await newSpace();
		const result = await run(
			{ operation: 'updateMany', updateFields: { spaceId: target, spaceType: 'shared' } },
			ids.map((id) => ({ json: { id } })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(
			ids.map((id) => ({ id, spaceId: target, spaceType: 'shared', updated: true })),
		);
		for (const id of ids)
			expect((await api('GET', `/api/v1/data-connections/${id}`)).space).toBe(target);
		const clash = await run(
			{ operation: 'updateMany', updateFields: { name: 'Same' } },
			ids.map((id) => ({ json: { id } })),
			true,
		);
		expect(clash.items[0].json).toEqual({ id: ids[0], name: 'Same', updated: true });
		expect(clash.items[1].json.error).toMatch(/already exists.*HTTP 409/);
	});

	it('bad input fails before any request', async () => {
		sim().clearLog();
		const empty = await run({ operation: 'deleteMany' }, [
			{ json: { id: 'a' } },
			{ json: { id: '' } },
		]);
		expect(empty.error).toBeInstanceOf(NodeOperationError);
		expect(empty.error?.message).toBe('The "Data Connection ID" parameter is empty');
		const nothing = await run({ operation: 'updateMany' }, [{ json: { id: 'a' } }]);
		expect(nothing.error?.message).toBe('Nothing to update: "Update Fields" is empty');
		expect(sim().log).toHaveLength(0);
	});
});

describe('Data sources', () => {
	it('list, API specs and settings through the node', async () => {
		const list = await runNode({
			parameters: { resource: 'dataSource', operation: 'getAll' },
			credential: apiKeyCredential(sim()),
		});
		// One item per source (Qlik answers them all at once, under `dataSources`).
		expect(list.items.map((i) => i.json.dataSourceId)).toEqual(
			expect.arrayContaining(['postgres', 'snowflake', 'rest']),
		);
		const specs = await runNode({
			parameters: { resource: 'dataSource', operation: 'getApiSpecs', dataSourceId: 'rest' },
			credential: apiKeyCredential(sim()),
		});
		expect(Object.keys(specs.items[0].json.connectionProperties as IDataObject)).toContain('url');
		const unknown = await runNode({
			parameters: { resource: 'dataSource', operation: 'getSettings', dataSourceId: 'nothing' },
			credential: apiKeyCredential(sim()),
		});
		expect(unknown.error?.message).toMatch(/HTTP 404/);
	});
});
