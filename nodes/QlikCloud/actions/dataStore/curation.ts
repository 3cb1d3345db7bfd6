import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { batchOperation, batchSizeProperty, idBatch } from '../../shared/batch';
import { curate } from '../../shared/resource';
import {
	ASSET_EXAMPLE,
	PROJECTIONS,
	STORE_EXAMPLE,
	deleteManyModule,
	idListLocator,
	idsOutput,
	idsProperty,
	listUnder,
	projectionsField,
	readIdList,
} from '../../shared/catalog';
import type { OperationModule } from '../../shared/resource';
import { fieldOf, generatedRow, placed, rowFacts, rowModule } from '../../shared/rows';
import type { FieldSpec, TableOperation } from '../../shared/types';
import { asNodeError } from '../../transport/errors';
import { api } from '../api';

const R = 'dataStore';

const sortField = (row: TableOperation, fields: string): FieldSpec =>
	fieldOf(row, 'sort', {
		param: 'filters.sort',
		hint: `Fields to sort by, separated by commas, "-" in front for descending, e.g. -${fields}`,
	});

/** Create and Replace: what a data store needs at the top, the rest under Additional Fields. */
function storeBody(row: TableOperation): TableOperation {
	const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);
	if (row.body?.kind !== 'json') throw new Error('data store body');
	row.body = {
		...row.body,
		fields: [
			...placed('', [
				f('name', { hint: 'The name people see in the catalog' }),
				f('type', { hint: 'The kind of store, e.g. qix-datafiles' }),
				f('technicalName', { hint: 'The name of the store in the system it comes from' }),
			]),
			...placed('additionalFields', [
				f('description'),
				f('technicalDescription'),
				f('tags', { hint: 'Separate tags with commas' }),
				f('spaceId', { hint: 'The space the store belongs to' }),
				f('ownerId', { hint: 'User ID of the owner; by default you' }),
				f('uri', { label: 'URI' }),
				f('properties', { hint: 'Properties of the store as a JSON object' }),
			]),
			f('json'),
		],
	};
	return row;
}

function getAll(): OperationModule {
	const row = generatedRow(R, 'getAll');
	row.query = [
		projectionsField(PROJECTIONS.dataStore, 'projections', 'data store'),
		sortField(row, 'createdTime,name'),
	];
	return rowModule(R, 'getAll', row);
}

function get(): OperationModule {
	const row = generatedRow(R, 'get');
	row.query = [projectionsField(PROJECTIONS.dataStore, 'projections', 'data store')];
	return rowModule(R, 'get', row);
}

const storesLocator = (description: string) =>
	idListLocator({
		name: 'dataStoreId',
		displayName: 'Data Store',
		searchListMethod: 'searchDataStore',
		example: STORE_EXAMPLE,
		description,
	});

const assetsLocator = idListLocator({
	name: 'dataAssetIds',
	displayName: 'Data Asset',
	searchListMethod: 'searchDataAsset',
	example: ASSET_EXAMPLE,
	description: 'The data asset (or several, separated by commas) whose data sets to list',
});

const storeIds = (ctx: IExecuteFunctions, i: number) =>
	readIdList(ctx, 'dataStoreId', 'Data Store', i, STORE_EXAMPLE);

function getAllDataAssets(): OperationModule {
	const row = generatedRow(R, 'getAllDataAssets');
	row.query = [
		projectionsField(PROJECTIONS.dataAsset, 'projections', 'data asset'),
		sortField(row, 'createdTime,name'),
	];
	const shown: TableOperation = { ...row, pathParams: [] };
	return rowModule(R, 'getAllDataAssets', shown, {
		run: row,
		before: [
			storesLocator('The data store (or several, separated by commas) whose data assets to list'),
		],
		execute: listUnder(api[R].getAllDataAssets, (ctx, i) => ({
			'data-store-ids': storeIds(ctx, i),
		})),
	});
}

function getAllDataSets(): OperationModule {
	const row = generatedRow(R, 'getAllDataSets');
	row.query = [
		projectionsField(PROJECTIONS.dataSet, 'projections', 'data set'),
		sortField(row, 'createdTime,name'),
	];
	const shown: TableOperation = { ...row, pathParams: [] };
	return rowModule(R, 'getAllDataSets', shown, {
		run: row,
		before: [
			storesLocator('The data store (or several, separated by commas) of the data assets'),
			assetsLocator,
		],
		execute: listUnder(api[R].getAllDataSets, (ctx, i) => ({
			'data-store-ids': storeIds(ctx, i),
			'data-asset-ids': readIdList(ctx, 'dataAssetIds', 'Data Asset', i, ASSET_EXAMPLE),
		})),
	});
}

const show =
	(operation: string) =>
	(p: INodeProperties): INodeProperties => ({
		...p,
		displayOptions: { show: { resource: [R], operation: [operation] } },
	});

function deleteDataAssets(): OperationModule {
	return {
		description: [
			idsProperty('dataStoreIds', 'Data Store IDs', 'data store', STORE_EXAMPLE),
			batchSizeProperty('data store IDs'),
		].map(show('deleteDataAssets')),
		operation: batchOperation(rowFacts(R, 'deleteDataAssets'), (ctx, settings) =>
			idBatch(ctx, settings, {
				subject: 'Data store',
				send: async (ids, itemIndex) =>
					await api[R].deleteDataAssets.call(ctx, { path: { 'data-store-ids': ids } }, settings, {
						itemIndex,
					}),
				exists: api[R].get,
				read: (i) => readIdList(ctx, 'dataStoreIds', 'Data Store IDs', i, STORE_EXAMPLE),
				output: (ids) => ({ ...idsOutput(ids), dataAssetsDeleted: true }),
			}),
		),
	};
}

/** All items' data sets deleted in one request: the stores and assets of every item together. */
function deleteDataSets(): OperationModule {
	return {
		description: [
			idsProperty(
				'dataStoreIds',
				'Data Store IDs',
				'data store',
				STORE_EXAMPLE,
				'={{ $json.dataStoreInfo.id }}',
			),
			idsProperty('dataAssetIds', 'Data Asset IDs', 'data asset', ASSET_EXAMPLE),
		].map(show('deleteDataSets')),
		operation: {
			...rowFacts(R, 'deleteDataSets'),
			response: { kind: 'object' },
			async executeAll(_spec, settings) {
				const items = this.getInputData();
				const stores: string[] = [];
				const assets: string[] = [];
				const read = items.map((_, i) => ({
					stores: readIdList(this, 'dataStoreIds', 'Data Store IDs', i, STORE_EXAMPLE),
					assets: readIdList(this, 'dataAssetIds', 'Data Asset IDs', i, ASSET_EXAMPLE),
				}));
				for (const r of read) {
					for (const s of r.stores) if (!stores.includes(s)) stores.push(s);
					for (const a of r.assets) if (!assets.includes(a)) assets.push(a);
				}
				try {
					await api[R].deleteDataSets.call(
						this,
						{ path: { 'data-store-ids': stores, 'data-asset-ids': assets } },
						settings,
						{
							itemIndex: 0,
							subject: `Data sets of data asset ${assets.map((a) => `"${a}"`).join(', ')}`,
						},
					);
				} catch (error) {
					if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
					return read.map((r, i) => ({
						json: { error: (error as Error).message, dataAssetIds: r.assets },
						pairedItem: { item: i },
					}));
				}
				return read.map((r, i) => ({
					json: { dataStoreIds: r.stores, dataAssetIds: r.assets, dataSetsDeleted: true },
					pairedItem: { item: i },
				}));
			},
		},
	};
}

/** Data stores: the top of the catalog (data store → data assets → data sets). */
export const curation = curate('dataStore', {
	description: 'The sources of the catalog, each holding data assets',
	options: {
		getAll: { description: 'List the data stores of the catalog' },
		create: { description: 'Register a data store in the catalog' },
		get: { description: 'Get a data store by ID' },
		replace: { description: 'Write every field of a data store' },
		update: { description: 'Change fields of a data store with JSON Patch operations' },
		deleteMany: {
			action: 'Delete many data stores',
			description: 'Delete the data stores of the input items (only empty ones) in one request',
		},
		getAllDataAssets: {
			name: 'Get Data Assets',
			action: 'Get the data assets of data stores',
			description: 'List the data assets held by one or more data stores',
		},
		deleteDataAssets: {
			name: 'Delete Data Assets',
			action: 'Delete the data assets of data stores',
			description:
				'Delete every data asset (with its data sets) of the data stores of the input items, in one request',
		},
		getAllDataSets: {
			name: 'Get Data Sets',
			action: 'Get the data sets of data assets',
			description: 'List the data sets held by one or more data assets',
		},
		deleteDataSets: {
			name: 'Delete Data Sets',
			action: 'Delete the data sets of data assets',
			description: 'Delete every data set of the data assets of the input items, in one request',
		},
	},
	operations: {
		getAll: getAll(),
		get: get(),
		create: rowModule(R, 'create', storeBody(generatedRow(R, 'create'))),
		replace: rowModule(R, 'replace', storeBody(generatedRow(R, 'replace'))),
		deleteMany: deleteManyModule({
			resource: R,
			subject: 'Data store',
			what: 'data store',
			param: 'dataStoreIds',
			label: 'Data Store IDs',
			example: STORE_EXAMPLE,
		}),
		getAllDataAssets: getAllDataAssets(),
		deleteDataAssets: deleteDataAssets(),
		getAllDataSets: getAllDataSets(),
		deleteDataSets: deleteDataSets(),
	},
});
