/**
 * The catalog an upload creates, a moment after it (like Qlik's asynchronous indexing): one data
 * store `DataFilesStore` (type `qix-datafiles`), a data asset per space, a data set per file
 * (`/api/v1/data-sets/{id}`), and an item `{resourceType: 'dataset', name, spaceId, resourceId,
 * resourceAttributes: {dataStoreName, dataStoreType, qri}}` found by
 * `GET /api/v1/items?resourceType=dataset&name=&spaceId=`. Deleting the file removes both.
 * Everything lives in the generic store, so the generic routes serve it.
 */
import { createReadStream } from 'node:fs';

import type { SimCore } from './core';
import { objectId, type GenericObject } from './store';
import { uploadState } from './uploads';

const STORES = '/api/v1/data-stores';
const ASSETS = '/api/v1/data-assets';
const SETS = '/api/v1/data-sets';
const ITEMS = '/api/v1/items';

function collection(core: SimCore, path: string): Map<string, GenericObject> {
	const { items } = core.state.generic;
	let map = items.get(path);
	if (!map) items.set(path, (map = new Map()));
	return map;
}

function dataStore(core: SimCore): GenericObject {
	const stores = collection(core, STORES);
	for (const store of stores.values()) if (store.name === 'DataFilesStore') return store;
	const now = new Date().toISOString();
	const store = {
		id: objectId(),
		name: 'DataFilesStore',
		type: 'qix-datafiles',
		description: 'Data files uploaded to spaces',
		createdTime: now,
		updatedTime: now,
	};
	stores.set(store.id, store);
	return store;
}

function dataAsset(core: SimCore, spaceId: string | undefined, ownerId: string): GenericObject {
	const store = dataStore(core);
	const assets = collection(core, ASSETS);
	for (const asset of assets.values())
		if (asset.spaceId === spaceId && (spaceId || asset.ownerId === ownerId)) return asset;
	const space = spaceId ? core.state.spaces.get(spaceId) : undefined;
	const now = new Date().toISOString();
	const asset = {
		id: objectId(),
		name: space?.name ?? 'Personal',
		technicalName: spaceId ? `sid@${spaceId}` : `uid@${ownerId}`,
		...(spaceId ? { spaceId } : {}),
		ownerId,
		dataStoreInfo: { id: store.id, name: store.name, type: store.type },
		createdTime: now,
		updatedTime: now,
	};
	assets.set(asset.id, asset);
	return asset;
}

/** The QRI Qlik gives a data file's data set. */
export function qriOf(
	core: SimCore,
	spaceId: string | undefined,
	ownerId: string,
	name: string,
): string {
	return `qdf:qix-datafiles:${core.state.tenantId}:${spaceId ? `sid@${spaceId}` : `uid@${ownerId}`}:${name}`;
}

/** Header fields and row count of a CSV file, read as a stream. */
async function describeCsv(path: string): Promise<{ fields: string[]; rows: number }> {
	let first = '';
	let lines = 0;
	let last = 10;
	let headerDone = false;
	for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
		const buffer = chunk as Buffer;
		if (!headerDone) {
			const text = buffer.toString('utf8');
			const end = text.indexOf('\n');
			first += end < 0 ? text : text.slice(0, end);
			headerDone = end >= 0 || first.length > 65536;
		}
		for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) lines++;
		if (buffer.length) last = buffer[buffer.length - 1];
	}
	if (last !== 10) lines++; // a last line without a newline
	const fields = first
		.replace(/\r$/, '')
		.split(',')
		.map((f) => f.trim().replace(/^"(.*)"$/, '$1'))
		.filter((f) => f !== '');
	return { fields, rows: Math.max(0, lines - 1) };
}

/** Creates (or refreshes) the data set and item of a data file. */
export async function catalogFile(core: SimCore, file: GenericObject): Promise<void> {
	const id = String(file.id);
	const uploads = uploadState(core);
	const bytes = uploads.bytes.get(id);
	if (!bytes) return; // deleted meanwhile
	const spaceId = typeof file.spaceId === 'string' ? file.spaceId : undefined;
	const ownerId = String(file.ownerId);
	const name = String(file.name);
	const asset = dataAsset(core, spaceId, ownerId);
	const store = dataStore(core);
	const qri = qriOf(core, spaceId, ownerId, name);
	const csv = /\.csv$/i.test(name)
		? await describeCsv(bytes.path).catch(() => undefined)
		: undefined;
	if (!uploads.bytes.has(id)) return;
	const now = new Date().toISOString();
	const known = uploads.catalog.get(id);
	const dataSetId = known?.dataSetId ?? objectId();
	const itemId = known?.itemId ?? objectId();
	const sets = collection(core, SETS);
	const previous = sets.get(dataSetId);
	sets.set(dataSetId, {
		id: dataSetId,
		name,
		technicalName: name,
		qri,
		secureQri: `qri:qdf:space://${spaceId ?? `personal-${ownerId}`}#${dataSetId}`,
		type: csv ? 'DelimitedFile' : 'File',
		ownerId,
		...(spaceId ? { spaceId } : {}),
		dataAssetInfo: {
			id: asset.id,
			name: asset.name,
			dataStoreInfo: { id: store.id, name: store.name, type: store.type },
		},
		...(csv
			? {
					schema: {
						dataFields: csv.fields.map((field, index) => ({
							name: field,
							index,
							dataType: { type: 'STRING' },
						})),
						loadOptions: { delimiter: ',', headerRow: 0 },
					},
				}
			: {}),
		operational: {
			size: bytes.size,
			...(csv ? { rowCount: csv.rows } : {}),
			lastLoadTime: now,
		},
		...(csv ? { rowCount: csv.rows } : {}),
		createdTime: previous?.createdTime ?? now,
		updatedTime: now,
	});
	collection(core, ITEMS).set(itemId, {
		id: itemId,
		name,
		resourceType: 'dataset',
		resourceId: dataSetId,
		...(spaceId ? { spaceId } : {}),
		ownerId,
		resourceAttributes: {
			dataStoreName: 'DataFilesStore',
			dataStoreType: 'qix-datafiles',
			qri,
			secureQri: `qri:qdf:space://${spaceId ?? `personal-${ownerId}`}#${dataSetId}`,
		},
		createdAt: now,
		updatedAt: now,
	});
	uploads.catalog.set(id, { dataSetId, itemId });
}

/** Removes the data set and item of a deleted data file. */
export function uncatalogFile(core: SimCore, fileId: string): void {
	const uploads = uploadState(core);
	const known = uploads.catalog.get(fileId);
	if (!known) return;
	core.state.generic.items.get(SETS)?.delete(known.dataSetId);
	core.state.generic.items.get(ITEMS)?.delete(known.itemId);
	uploads.catalog.delete(fileId);
}
