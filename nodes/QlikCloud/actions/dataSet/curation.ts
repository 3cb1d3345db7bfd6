import { curate } from '../../shared/resource';
import {
	ASSET_EXAMPLE,
	PROJECTIONS,
	SET_EXAMPLE,
	deleteManyModule,
	idListLocator,
	projectionsField,
	withParent,
} from '../../shared/catalog';
import { fieldOf, generatedRow, pathPicked, placed, rowModule } from '../../shared/rows';
import type { FieldSpec, TableOperation } from '../../shared/types';

const R = 'dataSet';

/** The data set of the path, picked from the catalog's data sets (found through items). */
function picked(row: TableOperation): TableOperation {
	return pathPicked(row, 'Data Set', 'dataSet', SET_EXAMPLE);
}

/** Create and Replace: the QRIs, technical name and data asset at the top. */
function setModule(operation: 'create' | 'replace') {
	const row = generatedRow(R, operation);
	if (operation === 'replace') picked(row);
	const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);
	if (row.body?.kind !== 'json') throw new Error('data set body');
	row.body = {
		...row.body,
		fields: [
			...placed('', [
				f('name', { hint: 'The name people see in the catalog; by default the technical name' }),
				f('technicalName', {
					hint: 'The name of the data set in its source, e.g. a file or table name',
				}),
				f('qri', {
					label: 'QRI',
					hint: 'The Qlik resource identifier of the data, e.g. qdf:qix-datafiles:<tenant>:sid@<space>:sales.csv',
				}),
				f('secureQri', {
					label: 'Secure QRI',
					hint: 'The QRI that access checks use, e.g. qri:qdf:space://<space>#<id>',
				}),
			]),
			...placed('additionalFields', [
				f('description'),
				f('technicalDescription'),
				f('type', { hint: 'The kind of data, e.g. DelimitedFile' }),
				f('tags', { hint: 'Separate tags with commas' }),
				f('spaceId', { hint: 'The space the data set belongs to' }),
				f('ownerId', { hint: 'User ID of the owner; by default you' }),
				f('schema', {
					hint: 'The fields of the data as a JSON object, e.g. {"dataFields": [...]}',
				}),
				f('additionalSchemas', { hint: 'More schemas as a JSON array' }),
				f('operational', {
					hint: 'Operational facts (size, row count, last load) as a JSON object',
				}),
				f('properties', { hint: 'Properties of the data set as a JSON object' }),
				f('appTypeOverride'),
				f('createdByConnectionId', { label: 'Created by Connection ID' }),
			]),
			f('json'),
		],
	};
	const parent = withParent({
		row,
		property: 'dataAssetInfo',
		param: 'dataAssetId',
		label: 'Data Asset',
		example: ASSET_EXAMPLE,
	});
	const asset = idListLocator({
		name: 'dataAssetId',
		displayName: 'Data Asset',
		searchListMethod: 'searchDataAsset',
		example: ASSET_EXAMPLE,
		description: 'The data asset that holds the data set',
	});
	return rowModule(R, operation, row, { run: parent.run, execute: parent.execute, extra: [asset] });
}

function get() {
	const row = picked(generatedRow(R, 'get'));
	row.query = [projectionsField(PROJECTIONS.dataSet, 'projections', 'data set')];
	return rowModule(R, 'get', row);
}

function getAllProfiles() {
	const row = picked(generatedRow(R, 'getAllProfiles'));
	row.query = [
		projectionsField(PROJECTIONS.profile, 'projections', 'profile'),
		fieldOf(row, 'dataConnectionIds', {
			label: 'Data Connection IDs',
			hint: 'Only profiles made through these connections; separate IDs with commas',
		}),
		fieldOf(row, 'sort', {
			hint: 'Fields to sort by, separated by commas, "-" in front for descending',
		}),
	];
	return rowModule(R, 'getAllProfiles', row);
}

/** Data sets: one table or file of a data asset, with its schema and profiles. */
export const curation = curate('dataSet', {
	description: 'A table or file of the catalog, with its schema and profiles',
	options: {
		create: { description: 'Add a data set to a data asset' },
		get: { description: 'Get a data set by ID, with its schema' },
		replace: { description: 'Write every field of a data set' },
		update: { description: 'Change fields of a data set with JSON Patch operations' },
		getAllProfiles: {
			name: 'Get Profiles',
			action: 'Get the profiles of a data set',
			description: 'The statistics of each field of a data set (types, distinct and null values…)',
		},
		deleteMany: {
			action: 'Delete many data sets',
			description: 'Delete the data sets of the input items in one request',
		},
	},
	operations: {
		create: setModule('create'),
		replace: setModule('replace'),
		get: get(),
		update: rowModule(R, 'update', picked(generatedRow(R, 'update'))),
		getAllProfiles: getAllProfiles(),
		deleteMany: deleteManyModule({
			resource: R,
			subject: 'Data set',
			what: 'data set',
			param: 'dataSetIds',
			label: 'Data Set IDs',
			example: SET_EXAMPLE,
		}),
	},
});
