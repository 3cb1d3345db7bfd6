/**
 * The catalog through the node: data stores, data assets, data sets, items, data sources and
 * data credentials, every one of their 39 operations (the request the simulator received and
 * the output), the flow store → asset → data set → found through items → profiles → delete,
 * batch deletes sent once for all input items (with unknown IDs among them), the pickers, and
 * bad input refused before any request.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { loadOptionsContext, rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';
import type { Route } from '../simulator/types';

const SECRET = `Cred-${randomUUID()}`;

/** Qlik never lists a password; this answer has one so that the redaction is proven. */
const orphans: Route = {
	method: 'POST',
	path: '/api/v1/data-credentials/actions/filter-orphan',
	tier: '2',
	handler: () => ({
		status: 200,
		body: {
			data: [
				{ qID: 'c1', qName: 'Old', qType: 'QvOdbcConnectorPackage.exe', qPassword: SECRET },
				{ qID: 'c2', qName: 'Older', qType: 'QvOdbcConnectorPackage.exe' },
			],
			count: 2,
		},
	}),
};

const sim = useSimulator({}, [orphans]);
const node = new QlikCloud();

const run = (
	resource: string,
	parameters: IDataObject,
	items?: INodeExecutionData[],
	continueOnFail = false,
) =>
	runNode({
		parameters: { resource, ...parameters },
		credential: apiKeyCredential(sim()),
		items,
		continueOnFail,
	});

async function ok(resource: string, parameters: IDataObject, items?: INodeExecutionData[]) {
	const result = await run(resource, parameters, items);
	if (result.error) throw result.error;
	return result.items.map((i) => i.json);
}

const only = (method: string, path: string | RegExp) => {
	const found = requests(sim(), method, path);
	expect(found).toHaveLength(1);
	return found[0];
};

const search = (method: string, parameters: IDataObject, filter?: string) =>
	(
		node.methods.listSearch[method] as (
			this: unknown,
			f?: string,
		) => Promise<{ results: Array<{ name: string; value: string }> }>
	).call(loadOptionsContext(parameters, apiKeyCredential(sim())), filter);

/** A data store with a data asset and a data set made through the node. */
async function catalog(tag = randomUUID().slice(0, 8)) {
	const [store] = await ok('dataStore', {
		operation: 'create',
		name: `Warehouse ${tag}`,
		type: 'snowflake',
		technicalName: `WH_${tag}`,
	});
	const [asset] = await ok('dataAsset', {
		operation: 'create',
		name: `Sales ${tag}`,
		technicalName: `SALES_${tag}`,
		appType: 'snowflake',
		dataStoreId: rl(String(store.id)),
	});
	const [set] = await ok('dataSet', {
		operation: 'create',
		name: `Orders ${tag}`,
		technicalName: `ORDERS_${tag}`,
		qri: `qri:db:snowflake://wh#sales.orders_${tag}`,
		secureQri: `qri:db:snowflake://wh#${tag}`,
		dataAssetId: rl(String(asset.id)),
		additionalFields: {
			schema: JSON.stringify({
				dataFields: [
					{ name: 'order_id', dataType: { type: 'INTEGER' } },
					{ name: 'amount', dataType: { type: 'DECIMAL' } },
				],
			}),
			operational: JSON.stringify({ rowCount: 42 }),
		},
	});
	return { tag, store, asset, set };
}

describe('Catalog flow: data store → data asset → data set → items → profiles → delete', () => {
	it('builds the hierarchy, finds the data set, reads it, and deletes it all', async () => {
		sim().clearLog();
		const { tag, store, asset, set } = await catalog();
		const storeId = String(store.id);
		const assetId = String(asset.id);
		const setId = String(set.id);

		// Create: the fields at the top went out as Qlik names them; parents as { id }.
		expect(only('POST', '/api/v1/data-stores').body).toEqual({
			name: `Warehouse ${tag}`,
			type: 'snowflake',
			technicalName: `WH_${tag}`,
		});
		expect(only('POST', '/api/v1/data-assets').body).toEqual({
			name: `Sales ${tag}`,
			technicalName: `SALES_${tag}`,
			appType: 'snowflake',
			dataStoreInfo: { id: storeId },
		});
		expect(only('POST', '/api/v1/data-sets').body).toMatchObject({
			qri: `qri:db:snowflake://wh#sales.orders_${tag}`,
			secureQri: `qri:db:snowflake://wh#${tag}`,
			technicalName: `ORDERS_${tag}`,
			dataAssetInfo: { id: assetId },
			schema: { dataFields: [{ name: 'order_id' }, { name: 'amount' }] },
		});
		expect(asset.dataStoreInfo).toMatchObject({ id: storeId, name: `Warehouse ${tag}` });
		expect(set.dataAssetInfo).toMatchObject({ id: assetId, name: `Sales ${tag}` });

		// Down the hierarchy.
		const assets = await ok('dataStore', {
			operation: 'getAllDataAssets',
			dataStoreId: rl(storeId),
			returnAll: true,
		});
		expect(assets.map((a) => a.id)).toEqual([assetId]);
		const sets = await ok('dataStore', {
			operation: 'getAllDataSets',
			dataStoreId: rl(storeId),
			dataAssetIds: rl(assetId),
			projections: ['name', 'qri'],
			returnAll: true,
		});
		expect(sets).toEqual([
			{ id: setId, name: `Orders ${tag}`, qri: `qri:db:snowflake://wh#sales.orders_${tag}` },
		]);
		expect(
			only('GET', `/api/v1/data-stores/${storeId}/data-assets/${assetId}/data-sets`).query,
		).toMatchObject({ projections: 'name,qri' });

		// Found through items, as a person would look for it.
		sim().clearLog();
		const found = await ok('item', {
			operation: 'getAll',
			returnAll: true,
			filters: { resourceType: 'dataset', name: `Orders ${tag}`, sort: '+name' },
		});
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ resourceType: 'dataset', resourceId: setId });
		expect(only('GET', '/api/v1/items').query).toMatchObject({
			resourceType: 'dataset',
			name: `Orders ${tag}`,
			sort: '+name',
		});
		const [item] = await ok('item', { operation: 'get', itemId: rl(String(found[0].id)) });
		expect(item.resourceAttributes).toMatchObject({ qri: set.qri });

		// The data set and its profiles.
		const [got] = await ok('dataSet', {
			operation: 'get',
			dataSetId: rl(setId),
			projections: ['qri', 'schema'],
		});
		expect(Object.keys(got).sort()).toEqual(['id', 'qri', 'schema']);
		const profiles = await ok('dataSet', {
			operation: 'getAllProfiles',
			dataSetId: rl(setId),
			returnAll: true,
			filters: { dataConnectionIds: 'conn-1, conn-2' },
		});
		expect(profiles).toHaveLength(1);
		expect(profiles[0]).toMatchObject({
			meta: { dataSetId: setId, status: 'FINISHED', connectionId: 'conn-1' },
			profiles: [
				{
					numberOfRows: 42,
					fieldProfiles: [
						{ name: 'order_id', dataType: 'INTEGER' },
						{ name: 'amount', dataType: 'DECIMAL' },
					],
				},
			],
		});
		expect(requests(sim(), 'GET', `/api/v1/data-sets/${setId}/profiles`)[0].query).toMatchObject({
			dataConnectionIds: 'conn-1,conn-2',
		});

		// Delete the data sets of the asset (the input item is the asset), then the rest.
		sim().clearLog();
		const deleted = await ok('dataStore', { operation: 'deleteDataSets' }, [{ json: asset }]);
		expect(deleted).toEqual([
			{ dataStoreIds: [storeId], dataAssetIds: [assetId], dataSetsDeleted: true },
		]);
		only('DELETE', `/api/v1/data-stores/${storeId}/data-assets/${assetId}/data-sets`);
		expect(
			await ok('item', {
				operation: 'getAll',
				returnAll: true,
				filters: { resourceType: 'dataset', name: `Orders ${tag}` },
			}),
		).toEqual([]);
		const gone = await run('dataSet', { operation: 'get', dataSetId: rl(setId) });
		expect(gone.error?.message).toMatch(/HTTP 404/);

		// A store with assets cannot go; once its assets are deleted it can.
		const busy = await run('dataStore', { operation: 'deleteMany' }, [{ json: store }]);
		expect(busy.error?.message).toMatch(/still has data assets|HTTP 409/);
		expect(await ok('dataStore', { operation: 'deleteDataAssets' }, [{ json: store }])).toEqual([
			{ id: storeId, deleted: true, dataAssetsDeleted: true },
		]);
		expect(await ok('dataStore', { operation: 'deleteMany' }, [{ json: store }])).toEqual([
			{ id: storeId, deleted: true },
		]);
		expect(requests(sim(), 'DELETE', '/api/v1/data-stores').at(-1)!.body).toEqual({
			ids: [storeId],
		});
	});
});

describe('Data Store operations', () => {
	it('Get Many with Fields to Return, Get, Replace and Update', async () => {
		const { store } = await catalog();
		const id = String(store.id);
		sim().clearLog();
		const many = await ok('dataStore', {
			operation: 'getAll',
			returnAll: true,
			projections: ['name', 'type'],
			filters: { sort: '-name' },
		});
		expect(many).toContainEqual({ id, name: store.name, type: 'snowflake' });
		expect(only('GET', '/api/v1/data-stores').query).toMatchObject({
			projections: 'name,type',
			sort: '-name',
		});
		const [got] = await ok('dataStore', { operation: 'get', dataStoreId: rl(id) });
		expect(got).toMatchObject({ id, technicalName: store.technicalName });

		const [replaced] = await ok('dataStore', {
			operation: 'replace',
			dataStoreId: rl(id),
			name: 'Renamed warehouse',
			type: 'snowflake',
			technicalName: 'WH2',
			additionalFields: { description: 'Nightly copy', tags: 'finance, nightly' },
		});
		expect(only('PUT', `/api/v1/data-stores/${id}`).body).toEqual({
			name: 'Renamed warehouse',
			type: 'snowflake',
			technicalName: 'WH2',
			description: 'Nightly copy',
			tags: ['finance', 'nightly'],
		});
		expect(replaced).toMatchObject({ name: 'Renamed warehouse' });
		const patch = [{ op: 'replace', path: '/description', value: 'Hourly copy' }];
		await ok('dataStore', {
			operation: 'update',
			dataStoreId: rl(id),
			patch: JSON.stringify(patch),
		});
		expect(only('PATCH', `/api/v1/data-stores/${id}`).body).toEqual(patch);
		const [after] = await ok('dataStore', { operation: 'get', dataStoreId: rl(id) });
		expect(after.description).toBe('Hourly copy');
	});

	it('data assets of several stores in one request: a list in By ID, or commas', async () => {
		const a = await catalog();
		const b = await catalog();
		sim().clearLog();
		const both = await ok('dataStore', {
			operation: 'getAllDataAssets',
			dataStoreId: rl(`${String(a.store.id)}, ${String(b.store.id)}`),
			returnAll: true,
		});
		expect(both.map((x) => x.id).sort()).toEqual([a.asset.id, b.asset.id].sort());
		only('GET', `/api/v1/data-stores/${String(a.store.id)},${String(b.store.id)}/data-assets`);
	});

	it('Delete Data Assets: one request for the stores of all input items', async () => {
		const a = await catalog();
		const b = await catalog();
		sim().clearLog();
		const out = await ok('dataStore', { operation: 'deleteDataAssets' }, [
			{ json: a.store },
			{ json: b.store },
		]);
		expect(out.map((o) => o.id)).toEqual([a.store.id, b.store.id]);
		only('DELETE', `/api/v1/data-stores/${String(a.store.id)},${String(b.store.id)}/data-assets`);
		const left = await run('dataAsset', { operation: 'get', dataAssetId: rl(String(a.asset.id)) });
		expect(left.error?.message).toMatch(/HTTP 404/);
	});
});

describe('Data Asset operations', () => {
	it('Get with Fields to Return, Replace (store picked) and Update', async () => {
		const { store, asset } = await catalog();
		const id = String(asset.id);
		sim().clearLog();
		const [got] = await ok('dataAsset', {
			operation: 'get',
			dataAssetId: rl(id),
			projections: ['name', 'dataStoreInfo'],
		});
		expect(got).toEqual({ id, name: asset.name, dataStoreInfo: asset.dataStoreInfo });
		expect(only('GET', `/api/v1/data-assets/${id}`).query).toMatchObject({
			projections: 'name,dataStoreInfo',
		});
		await ok('dataAsset', {
			operation: 'replace',
			dataAssetId: rl(id),
			name: 'Sales v2',
			technicalName: 'SALES2',
			appType: 'snowflake',
			dataStoreId: rl(String(store.id)),
			additionalFields: { description: 'Second cut' },
		});
		expect(only('PUT', `/api/v1/data-assets/${id}`).body).toEqual({
			name: 'Sales v2',
			technicalName: 'SALES2',
			appType: 'snowflake',
			description: 'Second cut',
			dataStoreInfo: { id: String(store.id) },
		});
		const patch = [{ op: 'replace', path: '/name', value: 'Sales v3' }];
		const [updated] = await ok('dataAsset', {
			operation: 'update',
			dataAssetId: rl(id),
			patch: JSON.stringify(patch),
		});
		expect(only('PATCH', `/api/v1/data-assets/${id}`).body).toEqual(patch);
		expect(updated.name).toBe('Sales v3');
	});

	it('Delete Many: one request for all input items; their data sets go too', async () => {
		const a = await catalog();
		const b = await catalog();
		sim().clearLog();
		const out = await ok('dataAsset', { operation: 'deleteMany' }, [
			{ json: a.asset },
			{ json: b.asset },
		]);
		expect(out).toEqual([
			{ id: a.asset.id, deleted: true },
			{ id: b.asset.id, deleted: true },
		]);
		expect(only('DELETE', '/api/v1/data-assets').body).toEqual({
			ids: [a.asset.id, b.asset.id],
		});
		const set = await run('dataSet', { operation: 'get', dataSetId: rl(String(a.set.id)) });
		expect(set.error?.message).toMatch(/HTTP 404/);
	});
});

describe('Data Set operations', () => {
	it('Replace (asset picked) and Update', async () => {
		const { asset, set } = await catalog();
		const id = String(set.id);
		sim().clearLog();
		await ok('dataSet', {
			operation: 'replace',
			dataSetId: rl(id),
			name: 'Orders (all)',
			technicalName: 'ORDERS_ALL',
			qri: 'qri:db:snowflake://wh#sales.orders_all',
			secureQri: 'qri:db:snowflake://wh#all',
			dataAssetId: rl(String(asset.id)),
			additionalFields: { type: 'Table' },
		});
		expect(only('PUT', `/api/v1/data-sets/${id}`).body).toEqual({
			name: 'Orders (all)',
			technicalName: 'ORDERS_ALL',
			qri: 'qri:db:snowflake://wh#sales.orders_all',
			secureQri: 'qri:db:snowflake://wh#all',
			type: 'Table',
			dataAssetInfo: { id: String(asset.id) },
		});
		const patch = [{ op: 'replace', path: '/description', value: 'All orders' }];
		const [updated] = await ok('dataSet', {
			operation: 'update',
			dataSetId: rl(id),
			patch: JSON.stringify(patch),
		});
		expect(only('PATCH', `/api/v1/data-sets/${id}`).body).toEqual(patch);
		expect(updated.description).toBe('All orders');
	});

	it('Delete Many: one request for every input item, one ID or several per item', async () => {
		const sets = [await catalog(), await catalog(), await catalog()].map((c) => String(c.set.id));
		sim().clearLog();
		const out = await ok('dataSet', { operation: 'deleteMany' }, [
			{ json: { id: sets[0] } },
			{ json: { id: `${sets[1]}, ${sets[2]}` } },
		]);
		expect(out).toEqual([
			{ id: sets[0], deleted: true },
			{ ids: [sets[1], sets[2]], deleted: true },
		]);
		expect(only('DELETE', '/api/v1/data-sets').body).toEqual({ ids: sets });
	});

	it('Delete Many with unknown IDs among known ones', async () => {
		const known = [await catalog(), await catalog()].map((c) => String(c.set.id));
		const unknown = 'ffffffffffffffffffffffff';
		const items = [
			{ json: { id: known[0] } },
			{ json: { id: unknown } },
			{ json: { id: known[1] } },
		];

		// Without Continue On Fail: the error names the unknown ID and nothing is deleted.
		sim().clearLog();
		const failed = await run('dataSet', { operation: 'deleteMany' }, items);
		expect(failed.error?.message).toBe(`Data set "${unknown}" not found`);
		expect(failed.error?.description).toMatch(/Nothing was deleted/);
		expect(requests(sim(), 'DELETE', '/api/v1/data-sets')).toHaveLength(1);
		for (const id of known)
			expect((await run('dataSet', { operation: 'get', dataSetId: rl(id) })).error).toBeUndefined();

		// With it: the known ones are deleted in one more request; the unknown one is an error item.
		sim().clearLog();
		const partial = await run('dataSet', { operation: 'deleteMany' }, items, true);
		expect(partial.error).toBeUndefined();
		expect(partial.items.map((i) => i.json)).toEqual([
			{ id: known[0], deleted: true },
			expect.objectContaining({ error: `Data set "${unknown}" not found`, ids: [unknown] }),
			{ id: known[1], deleted: true },
		]);
		expect(partial.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const deletes = requests(sim(), 'DELETE', '/api/v1/data-sets');
		expect(deletes.map((d) => d.body)).toEqual([
			{ ids: [known[0], unknown, known[1]] },
			{ ids: known },
		]);
		for (const id of known)
			expect(
				(await run('dataSet', { operation: 'get', dataSetId: rl(id) })).error?.message,
			).toMatch(/HTTP 404/);
	});
});

describe('Item operations', () => {
	it('Update, Get Collections, Get Published Items and Delete', async () => {
		const { tag } = await catalog();
		const [item] = await ok('item', {
			operation: 'getAll',
			returnAll: true,
			filters: { resourceType: 'dataset', name: `Orders ${tag}` },
		});
		const id = String(item.id);
		sim().clearLog();
		const [updated] = await ok('item', {
			operation: 'update',
			itemId: rl(id),
			resourceType: 'dataset',
			name: `Orders ${tag} (renamed)`,
			updateFields: { description: 'Every order' },
		});
		expect(only('PUT', `/api/v1/items/${id}`).body).toEqual({
			resourceType: 'dataset',
			name: `Orders ${tag} (renamed)`,
			description: 'Every order',
		});
		expect(updated).toMatchObject({ name: `Orders ${tag} (renamed)` });

		const collections = await ok('item', {
			operation: 'getAllCollections',
			itemId: rl(id),
			limit: 5,
			sort: '+name',
			filters: { type: 'private' },
		});
		expect(Array.isArray(collections)).toBe(true);
		expect(only('GET', `/api/v1/items/${id}/collections`).query).toMatchObject({
			type: 'private',
			sort: '+name',
			limit: '5',
		});
		const published = await ok('item', {
			operation: 'getAllPublishedItems',
			itemId: rl(id),
			returnAll: true,
			filters: { resourceType: 'app' },
		});
		expect(Array.isArray(published)).toBe(true);
		expect(only('GET', `/api/v1/items/${id}/publisheditems`).query).toMatchObject({
			resourceType: 'app',
		});

		expect(await ok('item', { operation: 'delete', itemId: rl(id) })).toEqual([{ deleted: true }]);
		only('DELETE', `/api/v1/items/${id}`);
		expect((await run('item', { operation: 'get', itemId: rl(id) })).error?.message).toMatch(
			/HTTP 404/,
		);
	});

	it('Get Many: filters, Limit, and the sort and type choices by name', async () => {
		const tag = randomUUID().slice(0, 8);
		const spaceId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		for (const n of [3, 1, 2])
			sim().seed(`/api/v1/items/${tag}${n}`, {
				name: `App ${tag} ${n}`,
				resourceType: 'app',
				spaceId,
				ownerId: 'owner-1',
			});
		sim().clearLog();
		const two = await ok('item', {
			operation: 'getAll',
			limit: 2,
			filters: { resourceType: 'app', spaceId, ownerId: 'owner-1', sort: '-name' },
		});
		expect(two.map((i) => i.name)).toEqual([`App ${tag} 3`, `App ${tag} 2`]);
		expect(only('GET', '/api/v1/items').query).toMatchObject({
			resourceType: 'app',
			spaceId,
			ownerId: 'owner-1',
			sort: '-name',
		});
		const description = node.description.properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.[0] === 'item',
		)!;
		const sort = (description.options as Array<{ name: string; options?: unknown[] }>).find(
			(o) => o.name === 'sort',
		)!;
		expect(sort.options).toContainEqual({ name: 'Name (A to Z)', value: '+name' });
		const type = (description.options as Array<{ name: string; options?: unknown[] }>).find(
			(o) => o.name === 'resourceType',
		)!;
		expect(type.options).toContainEqual({ name: 'Data Set', value: 'dataset' });
	});

	it('Get Settings and Update Settings', async () => {
		sim().clearLog();
		await ok('item', { operation: 'updateSettings', usageMetricsEnabled: false });
		expect(only('PATCH', '/api/v1/items/settings').body).toEqual([
			{ op: 'replace', path: '/usageMetricsEnabled', value: false },
		]);
		const [settings] = await ok('item', { operation: 'getSettings' });
		only('GET', '/api/v1/items/settings');
		expect(settings.usageMetricsEnabled).toBe(false);
	});
});

describe('Data Source operations', () => {
	it('Get Many with filters; connection properties, gateways, on and off', async () => {
		sim().clearLog();
		const sources = await ok('dataSource', {
			operation: 'getAll',
			additionalFields: { includeDisabled: true, dataSourceId: 'postgres,snowflake' },
		});
		expect(sources.map((s) => s.dataSourceId)).toEqual(['postgres', 'snowflake']);
		expect(only('GET', '/api/v1/data-sources').query).toMatchObject({
			includeDisabled: 'true',
			dataSourceId: 'postgres,snowflake',
		});
		const [specs] = await ok('dataSource', {
			operation: 'getApiSpecs',
			dataSourceId: rl('postgres'),
		});
		expect(specs.connectionProperties).toHaveProperty('host');
		only('GET', '/api/v1/data-sources/postgres/api-specs');
		const [gateways] = await ok('dataSource', {
			operation: 'getGateways',
			dataSourceId: rl('postgres'),
			additionalFields: { forceRefresh: true },
		});
		expect(gateways).toEqual({ gateways: [] });
		expect(only('GET', '/api/v1/data-sources/postgres/gateways').query).toMatchObject({
			forceRefresh: 'true',
		});

		await ok('dataSource', {
			operation: 'updateSettings',
			dataSourceId: rl('rest'),
			disabled: true,
		});
		expect(only('PUT', '/api/v1/data-sources/rest/settings').body).toEqual({ disabled: true });
		expect(await ok('dataSource', { operation: 'getSettings', dataSourceId: rl('rest') })).toEqual([
			{ disabled: true },
		]);
		await ok('dataSource', {
			operation: 'updateSettings',
			dataSourceId: rl('rest'),
			disabled: false,
		});
	});
});

describe('Data Credential operations (no output shows a secret)', () => {
	it('Replace, Get, Update, Get Unused and Delete', async () => {
		const id = randomUUID();
		sim().clearLog();
		const replaced = await ok('dataCredential', {
			operation: 'replace',
			dataCredentialId: rl(id),
			qName: 'Reader',
			qType: 'QvOdbcConnectorPackage.exe',
			qUsername: 'reader',
			qPassword: SECRET,
			additionalFields: { datasourceID: 'postgres' },
		});
		expect(only('PUT', `/api/v1/data-credentials/${id}`).body).toMatchObject({
			qName: 'Reader',
			qType: 'QvOdbcConnectorPackage.exe',
			qUsername: 'reader',
			datasourceID: 'postgres',
		});
		expect(JSON.stringify(replaced)).not.toContain(SECRET);

		const [got] = await ok('dataCredential', { operation: 'get', dataCredentialId: rl(id) });
		expect(got).toMatchObject({ qName: 'Reader', qUsername: 'reader' });
		expect(JSON.stringify(got)).not.toContain(SECRET);

		const patch = [{ op: 'replace', path: '/qName', value: 'Reader 2' }];
		await ok('dataCredential', {
			operation: 'update',
			dataCredentialId: rl(id),
			patch: JSON.stringify(patch),
		});
		expect(only('PATCH', `/api/v1/data-credentials/${id}`).body).toEqual(patch);

		const unused = await ok('dataCredential', {
			operation: 'getOrphans',
			filters: { qType: 'QvOdbcConnectorPackage.exe', qSeparated: '1' },
		});
		expect(only('POST', '/api/v1/data-credentials/actions/filter-orphan').body).toEqual({
			qType: 'QvOdbcConnectorPackage.exe',
			qSeparated: 1,
		});
		expect(unused.map((c) => c.qID)).toEqual(['c1', 'c2']);
		expect(JSON.stringify(unused)).not.toContain(SECRET);

		expect(await ok('dataCredential', { operation: 'delete', dataCredentialId: rl(id) })).toEqual([
			{ deleted: true },
		]);
		only('DELETE', `/api/v1/data-credentials/${id}`);
	});
});

describe('Pickers', () => {
	it('data stores, the data assets of the chosen store, data sets, items by type', async () => {
		const { tag, store, asset, set } = await catalog();
		const stores = await search('searchDataStore', { resource: 'dataStore' }, `Warehouse ${tag}`);
		expect(stores.results).toEqual([{ name: `Warehouse ${tag}`, value: store.id }]);
		const assets = await search('searchDataAsset', {
			resource: 'dataStore',
			operation: 'getAllDataSets',
			dataStoreId: rl(String(store.id)),
		});
		expect(assets.results).toEqual([{ name: `Sales ${tag} (Warehouse ${tag})`, value: asset.id }]);
		// No store chosen: the assets of every store.
		const anywhere = await search('searchDataAsset', { resource: 'dataSet' }, `Sales ${tag}`);
		expect(anywhere.results.map((r) => r.value)).toEqual([asset.id]);
		const sets = await search('searchDataSet', { resource: 'dataSet' }, `Orders ${tag}`);
		expect(sets.results).toContainEqual({ name: `Orders ${tag}`, value: set.id });
		const items = await search('searchItem', { resource: 'item', itemType: 'dataset' });
		expect(items.results.map((r) => r.name)).toContain(`Orders ${tag} (dataset)`);
		expect(requests(sim(), 'GET', '/api/v1/items').at(-1)!.query).toMatchObject({
			resourceType: 'dataset',
		});
	});

	it('data credentials: the ones the data connections use', async () => {
		const space = await fetch(`${sim().url}/api/v1/spaces`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${sim().credentials.apiKey}`,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ name: `Creds ${randomUUID()}`, type: 'shared' }),
		}).then(async (r) => (await r.json()) as IDataObject);
		const created = await ok('dataConnection', {
			operation: 'create',
			qName: 'With a credential',
			datasourceID: rl('postgres'),
			spaceId: rl(String(space.id)),
			connectionProperties: {
				property: [
					{ name: 'host', value: 'db' },
					{ name: 'database', value: 'd' },
					{ name: 'username', value: 'u' },
				],
			},
			secretProperties: { property: [{ name: 'password', value: SECRET }] },
		});
		const stored = sim()
			.state.generic.items.get('/api/v1/data-connections')!
			.get(String(created[0].id))!;
		const credentials = await search('searchDataCredential', { resource: 'dataCredential' });
		expect(credentials.results.map((r) => r.value)).toContain(stored.qCredentialsID);
		expect(JSON.stringify(credentials)).not.toContain(SECRET);
	});
});

describe('Bad input fails before any request', () => {
	it.each([
		[
			'data set without a QRI',
			'dataSet',
			{
				operation: 'create',
				technicalName: 'T',
				qri: ' ',
				secureQri: 'q',
				dataAssetId: rl('6511ac6dbdba4a2f4da5a0e6'),
			},
			/"QRI" parameter is required/,
		],
		[
			'data asset without its data store',
			'dataAsset',
			{ operation: 'create', technicalName: 'T', appType: 'x', dataStoreId: rl('') },
			/"Data Store" parameter is empty/,
		],
		[
			'a malformed store ID in a list',
			'dataStore',
			{ operation: 'getAllDataAssets', dataStoreId: rl('6511ac5cbdba4a2f4da5a0e4, not/an/id') },
			/"Data Store" parameter is not a valid ID: "not\/an\/id"/,
		],
		[
			'a malformed ID in a batch delete',
			'dataSet',
			{ operation: 'deleteMany', dataSetIds: 'bad id!' },
			/"Data Set IDs" parameter is not a valid ID/,
		],
		[
			'an empty ID in a batch delete',
			'dataAsset',
			{ operation: 'deleteMany', dataAssetIds: '' },
			/"Data Asset IDs" parameter is empty/,
		],
		[
			'a data set ID that is no ID',
			'dataSet',
			{ operation: 'getAllProfiles', dataSetId: rl('a b'), returnAll: true },
			/"Data Set" parameter is not a valid ID/,
		],
		[
			'an item type that does not exist',
			'item',
			{ operation: 'getAll', returnAll: true, filters: { resourceType: 'spreadsheet' } },
			/unknown value "spreadsheet"/,
		],
		[
			'a data store without its type',
			'dataStore',
			{ operation: 'create', technicalName: 'T', type: '' },
			/"Type" parameter is required/,
		],
	])('%s', async (_name, resource, parameters, message) => {
		sim().clearLog();
		const result = await run(resource, parameters as IDataObject, [
			{ json: {} },
			{ json: { id: '6511ac7ebdba4a2f4da5a0e8' } },
		]);
		expect(result.error?.message).toMatch(message);
		expect(sim().log).toHaveLength(0);
	});
});
