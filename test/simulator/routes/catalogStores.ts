/**
 * The catalog's hierarchy with Qlik's rules: a data store holds data assets, a data asset holds
 * data sets. Creates check the required fields and the parent (`dataStoreInfo.id`,
 * `dataAssetInfo.id`) and fill in its name; a new data set gets an item (`resourceType:
 * 'dataset'`) so `GET /api/v1/items` finds it. Batch deletes (`{ids}` bodies, and the
 * comma-separated `{data-store-ids}`/`{data-asset-ids}` paths) are all or nothing: any unknown ID
 * is a 404 naming the unknown ones and nothing is deleted; a data store that still has assets is
 * a 409. Deleting an asset deletes its data sets and their items. GETs apply `projections`.
 * Everything lives in the generic store's collections (`/api/v1/data-stores`, `/data-assets`,
 * `/data-sets`, `/items`), shared with the catalog an upload makes (catalog.ts) and with `seed`.
 */
import type { SimCore } from '../core';
import { ApiError, invalid } from '../errors';
import { paginate, queryValue, sortItems } from '../paging';
import { objectId, type GenericObject } from '../store';
import type { Route, RouteContext } from '../types';
import { jsonObject } from '../validate';

const STORES = '/api/v1/data-stores';
const ASSETS = '/api/v1/data-assets';
const SETS = '/api/v1/data-sets';
const ITEMS = '/api/v1/items';
const CODE = 'CATALOG';

function collection(core: SimCore, path: string): Map<string, GenericObject> {
	const { items } = core.state.generic;
	let map = items.get(path);
	if (!map) items.set(path, (map = new Map()));
	return map;
}

const now = () => new Date().toISOString();
const infoId = (o: GenericObject, key: string) =>
	String(((o[key] ?? {}) as GenericObject).id ?? '');

/** Only the fields `projections` asks for (and always the ID). */
function project(ctx: RouteContext, o: GenericObject): GenericObject {
	const raw = ctx.query.projections;
	const text = Array.isArray(raw) ? raw.join(',') : raw;
	const fields = (text ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	if (!fields.length) return o;
	const out: GenericObject = { id: o.id };
	for (const f of fields) if (f in o) out[f] = o[f];
	return out;
}

function requiredString(body: GenericObject, name: string, max?: number): string {
	const value = body[name];
	if (typeof value !== 'string' || value.trim() === '')
		throw invalid(`${CODE}-400`, `"${name}" is required.`, { pointer: `/${name}` });
	if (max !== undefined && value.length > max)
		throw invalid(`${CODE}-400`, `"${name}" is longer than ${max} characters.`, {
			pointer: `/${name}`,
		});
	return value;
}

function notFound(what: string, ids: string[]): ApiError {
	return new ApiError(
		404,
		`${CODE}-404`,
		'Resource does not exist',
		`No ${what} with ID ${ids.map((id) => `"${id}"`).join(', ')}.`,
	);
}

/** A comma-separated path parameter: every ID must exist. */
function pathIds(ctx: RouteContext, name: string, path: string, what: string): string[] {
	const ids = decodeURIComponent(ctx.params[name] ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!ids.length) throw invalid(`${CODE}-400`, `No ${what} ID given.`, { parameter: name });
	const map = collection(ctx.core, path);
	const unknown = ids.filter((id) => !map.has(id));
	if (unknown.length) throw notFound(what, unknown);
	return ids;
}

/** The `{ids: [...]}` body of a batch delete: every ID must exist. */
function bodyIds(ctx: RouteContext, path: string, what: string): string[] {
	const body = jsonObject(ctx, CODE);
	const ids = body.ids;
	if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || !id))
		throw invalid(`${CODE}-400`, '"ids" must be a non-empty list of IDs.', { pointer: '/ids' });
	const map = collection(ctx.core, path);
	const unknown = (ids as string[]).filter((id) => !map.has(id));
	if (unknown.length) throw notFound(what, unknown);
	return [...new Set(ids as string[])];
}

function deleteSets(core: SimCore, setIds: string[]) {
	const sets = collection(core, SETS);
	const items = collection(core, ITEMS);
	const gone = new Set(setIds);
	for (const id of setIds) sets.delete(id);
	for (const [id, item] of items)
		if (item.resourceType === 'dataset' && gone.has(String(item.resourceId))) items.delete(id);
}

function deleteAssets(core: SimCore, assetIds: string[]) {
	const assets = collection(core, ASSETS);
	const gone = new Set(assetIds);
	const sets = [...collection(core, SETS).values()]
		.filter((s) => gone.has(infoId(s, 'dataAssetInfo')))
		.map((s) => String(s.id));
	deleteSets(core, sets);
	for (const id of assetIds) assets.delete(id);
}

function list(ctx: RouteContext, items: GenericObject[]) {
	const sorted = sortItems(
		ctx,
		items,
		{
			name: (o) => o.name as string,
			technicalName: (o) => o.technicalName as string,
			createdTime: (o) => o.createdTime as string,
			lastModifiedTime: (o) => o.lastModifiedTime as string,
		},
		undefined,
		CODE,
	);
	const page = paginate({
		ctx,
		items: sorted,
		defaultLimit: 20,
		maxLimit: 100,
		cursors: { next: 'page' },
		code: CODE,
	});
	return {
		status: 200,
		body: { data: page.data.map((o) => project(ctx, o)), links: page.links, total: page.total },
	};
}

function stamp(ctx: RouteContext, body: GenericObject): GenericObject {
	const user = ctx.core.user(ctx.principal);
	const time = now();
	return {
		...body,
		id: objectId(),
		tenantId: ctx.core.state.tenantId,
		ownerId: typeof body.ownerId === 'string' && body.ownerId ? body.ownerId : user.id,
		createdBy: user.id,
		lastModifiedBy: user.id,
		createdTime: time,
		lastModifiedTime: time,
		version: 1,
	};
}

function createStore(ctx: RouteContext) {
	const body = jsonObject(ctx, CODE);
	requiredString(body, 'type', 64);
	requiredString(body, 'technicalName', 255);
	const store = stamp(ctx, body);
	collection(ctx.core, STORES).set(String(store.id), store);
	return { status: 201, body: store };
}

function createAsset(ctx: RouteContext) {
	const body = jsonObject(ctx, CODE);
	requiredString(body, 'appType');
	requiredString(body, 'technicalName', 255);
	const asset = stamp(ctx, body);
	if (body.dataStoreInfo !== undefined) {
		const storeId = infoId(body, 'dataStoreInfo');
		const store = collection(ctx.core, STORES).get(storeId);
		if (!store)
			throw invalid(`${CODE}-400`, `No data store with ID "${storeId}".`, {
				pointer: '/dataStoreInfo/id',
			});
		asset.dataStoreInfo = { id: storeId, name: store.name, type: store.type };
	}
	collection(ctx.core, ASSETS).set(String(asset.id), asset);
	return { status: 201, body: asset };
}

function createSet(ctx: RouteContext) {
	const body = jsonObject(ctx, CODE);
	const qri = requiredString(body, 'qri', 1024);
	requiredString(body, 'secureQri');
	requiredString(body, 'technicalName', 255);
	const info = body.dataAssetInfo;
	if (!info || typeof info !== 'object' || Array.isArray(info))
		throw invalid(`${CODE}-400`, '"dataAssetInfo" is required.', { pointer: '/dataAssetInfo' });
	const assetId = infoId(body, 'dataAssetInfo');
	const asset = collection(ctx.core, ASSETS).get(assetId);
	if (!asset)
		throw invalid(`${CODE}-400`, `No data asset with ID "${assetId}".`, {
			pointer: '/dataAssetInfo/id',
		});
	const set = stamp(ctx, body);
	set.name = typeof body.name === 'string' && body.name ? body.name : body.technicalName;
	set.dataAssetInfo = { id: assetId, name: asset.name, dataStoreInfo: asset.dataStoreInfo };
	collection(ctx.core, SETS).set(String(set.id), set);
	const itemId = objectId();
	collection(ctx.core, ITEMS).set(itemId, {
		id: itemId,
		name: set.name,
		resourceType: 'dataset',
		resourceId: set.id,
		...(typeof set.spaceId === 'string' && set.spaceId ? { spaceId: set.spaceId } : {}),
		ownerId: set.ownerId,
		resourceAttributes: {
			qri,
			secureQri: set.secureQri,
			dataStoreName: (asset.dataStoreInfo as GenericObject | undefined)?.name,
			dataStoreType: (asset.dataStoreInfo as GenericObject | undefined)?.type,
		},
		createdAt: set.createdTime,
		updatedAt: set.createdTime,
	});
	return { status: 201, body: set };
}

function getOne(path: string, what: string, param: string) {
	return (ctx: RouteContext) => {
		const found = collection(ctx.core, path).get(decodeURIComponent(ctx.params[param]));
		if (!found) throw notFound(what, [ctx.params[param]]);
		return { status: 200, body: project(ctx, found) };
	};
}

/** A profile of a data set from its schema: the fields and what is known of its rows. */
function profiles(ctx: RouteContext) {
	const id = decodeURIComponent(ctx.params['data-set-id']);
	const set = collection(ctx.core, SETS).get(id);
	if (!set) throw notFound('data set', [id]);
	const fields = (((set.schema as GenericObject | undefined)?.dataFields ?? []) as GenericObject[])
		.filter((f) => f && typeof f === 'object')
		.map((f, index) => ({
			name: f.name,
			index,
			dataType: ((f.dataType as GenericObject | undefined)?.type as string) ?? 'STRING',
		}));
	const rows = Number(
		(set.operational as GenericObject | undefined)?.rowCount ?? set.rowCount ?? 0,
	);
	const connection = queryValue(ctx, 'dataConnectionIds');
	const profile = {
		meta: {
			dataSetId: id,
			status: 'FINISHED',
			resultType: 'NORMAL',
			...(connection ? { connectionId: connection.split(',')[0] } : {}),
			lastLoadTime: set.lastModifiedTime ?? set.createdTime,
		},
		profiles: [
			{
				name: set.technicalName ?? set.name,
				numberOfRows: rows,
				fieldProfiles: fields,
			},
		],
	};
	return list(ctx, [profile]);
}

export const catalogStoreRoutes: Route[] = [
	{ method: 'POST', path: STORES, tier: '2', handler: createStore },
	{
		method: 'GET',
		path: STORES,
		tier: '1',
		handler: (ctx) => list(ctx, [...collection(ctx.core, STORES).values()]),
	},
	{
		method: 'DELETE',
		path: STORES,
		tier: '2',
		handler: (ctx) => {
			const ids = bodyIds(ctx, STORES, 'data store');
			const held = new Set(
				[...collection(ctx.core, ASSETS).values()].map((a) => infoId(a, 'dataStoreInfo')),
			);
			const busy = ids.filter((id) => held.has(id));
			if (busy.length)
				throw new ApiError(
					409,
					`${CODE}-409`,
					'Conflict',
					`Data store ${busy.map((id) => `"${id}"`).join(', ')} still has data assets.`,
				);
			for (const id of ids) collection(ctx.core, STORES).delete(id);
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: `${STORES}/{data-store-id}`,
		tier: '1',
		handler: getOne(STORES, 'data store', 'data-store-id'),
	},
	{
		method: 'GET',
		path: `${STORES}/{data-store-ids}/data-assets`,
		tier: '1',
		handler: (ctx) => {
			const stores = new Set(pathIds(ctx, 'data-store-ids', STORES, 'data store'));
			const assets = [...collection(ctx.core, ASSETS).values()].filter((a) =>
				stores.has(infoId(a, 'dataStoreInfo')),
			);
			return list(ctx, assets);
		},
	},
	{
		method: 'DELETE',
		path: `${STORES}/{data-store-ids}/data-assets`,
		tier: '2',
		handler: (ctx) => {
			const stores = new Set(pathIds(ctx, 'data-store-ids', STORES, 'data store'));
			const assets = [...collection(ctx.core, ASSETS).values()]
				.filter((a) => stores.has(infoId(a, 'dataStoreInfo')))
				.map((a) => String(a.id));
			deleteAssets(ctx.core, assets);
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: `${STORES}/{data-store-ids}/data-assets/{data-asset-ids}/data-sets`,
		tier: '1',
		handler: (ctx) => {
			pathIds(ctx, 'data-store-ids', STORES, 'data store');
			const assets = new Set(pathIds(ctx, 'data-asset-ids', ASSETS, 'data asset'));
			const sets = [...collection(ctx.core, SETS).values()].filter((s) =>
				assets.has(infoId(s, 'dataAssetInfo')),
			);
			return list(ctx, sets);
		},
	},
	{
		method: 'DELETE',
		path: `${STORES}/{data-store-ids}/data-assets/{data-asset-ids}/data-sets`,
		tier: '2',
		handler: (ctx) => {
			pathIds(ctx, 'data-store-ids', STORES, 'data store');
			const assets = new Set(pathIds(ctx, 'data-asset-ids', ASSETS, 'data asset'));
			const sets = [...collection(ctx.core, SETS).values()]
				.filter((s) => assets.has(infoId(s, 'dataAssetInfo')))
				.map((s) => String(s.id));
			deleteSets(ctx.core, sets);
			return { status: 204 };
		},
	},
	{ method: 'POST', path: ASSETS, tier: '2', handler: createAsset },
	{
		method: 'DELETE',
		path: ASSETS,
		tier: '2',
		handler: (ctx) => {
			deleteAssets(ctx.core, bodyIds(ctx, ASSETS, 'data asset'));
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: `${ASSETS}/{data-asset-id}`,
		tier: '1',
		handler: getOne(ASSETS, 'data asset', 'data-asset-id'),
	},
	{ method: 'POST', path: SETS, tier: '2', handler: createSet },
	{
		method: 'DELETE',
		path: SETS,
		tier: '2',
		handler: (ctx) => {
			deleteSets(ctx.core, bodyIds(ctx, SETS, 'data set'));
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: `${SETS}/{data-set-id}`,
		tier: '1',
		handler: getOne(SETS, 'data set', 'data-set-id'),
	},
	{ method: 'GET', path: `${SETS}/{data-set-id}/profiles`, tier: '1', handler: profiles },
];
