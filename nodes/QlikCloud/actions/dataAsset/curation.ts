import { curate } from '../../shared/resource';
import {
	ASSET_EXAMPLE,
	PROJECTIONS,
	STORE_EXAMPLE,
	deleteManyModule,
	idListLocator,
	projectionsField,
	withParent,
} from '../../shared/catalog';
import { fieldOf, generatedRow, pathPicked, placed, rowModule } from '../../shared/rows';
import type { FieldSpec, TableOperation } from '../../shared/types';

const R = 'dataAsset';

/** The data asset of the path, picked from the data assets of the data stores. */
function picked(row: TableOperation): TableOperation {
	return pathPicked(row, 'Data Asset', 'dataAsset', ASSET_EXAMPLE);
}

/** Create and Replace: what a data asset needs at the top, the rest under Additional Fields. */
function assetModule(operation: 'create' | 'replace') {
	const row = generatedRow(R, operation);
	if (operation === 'replace') picked(row);
	const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);
	if (row.body?.kind !== 'json') throw new Error('data asset body');
	row.body = {
		...row.body,
		fields: [
			...placed('', [
				f('name', { hint: 'The name people see in the catalog' }),
				f('technicalName', { hint: 'The name of the asset in the system it comes from' }),
				f('appType', { hint: 'The kind of asset, e.g. qix-datafiles' }),
			]),
			...placed('additionalFields', [
				f('description'),
				f('technicalDescription'),
				f('tags', { hint: 'Separate tags with commas' }),
				f('spaceId', { hint: 'The space the asset belongs to' }),
				f('ownerId', { hint: 'User ID of the owner; by default you' }),
				f('appId', { hint: 'The app the asset belongs to, if any' }),
				f('dataFreshness', { hint: 'How fresh the data is, e.g. an ISO 8601 duration' }),
				f('properties', { hint: 'Properties of the asset as a JSON object' }),
			]),
			f('json'),
		],
	};
	const parent = withParent({
		row,
		property: 'dataStoreInfo',
		param: 'dataStoreId',
		label: 'Data Store',
		example: STORE_EXAMPLE,
	});
	const store = idListLocator({
		name: 'dataStoreId',
		displayName: 'Data Store',
		searchListMethod: 'searchDataStore',
		example: STORE_EXAMPLE,
		description: 'The data store that holds the asset',
	});
	return rowModule(R, operation, row, {
		run: parent.run,
		execute: parent.execute,
		extra: [store],
	});
}

function get() {
	const row = picked(generatedRow(R, 'get'));
	row.query = [projectionsField(PROJECTIONS.dataAsset, 'projections', 'data asset')];
	return rowModule(R, 'get', row);
}

/** Data assets: a member of a data store, holding data sets (a space's data files, a schema…). */
export const curation = curate('dataAsset', {
	description: 'A part of a data store that holds data sets',
	options: {
		create: { description: 'Add a data asset to a data store' },
		get: { description: 'Get a data asset by ID' },
		replace: { description: 'Write every field of a data asset' },
		update: { description: 'Change fields of a data asset with JSON Patch operations' },
		deleteMany: {
			action: 'Delete many data assets',
			description:
				'Delete the data assets of the input items, with their data sets, in one request',
		},
	},
	operations: {
		create: assetModule('create'),
		replace: assetModule('replace'),
		get: get(),
		update: rowModule(R, 'update', picked(generatedRow(R, 'update'))),
		deleteMany: deleteManyModule({
			resource: R,
			subject: 'Data asset',
			what: 'data asset',
			param: 'dataAssetIds',
			label: 'Data Asset IDs',
			example: ASSET_EXAMPLE,
		}),
	},
});
