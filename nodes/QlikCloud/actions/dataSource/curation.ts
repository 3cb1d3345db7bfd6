import { fieldOf, generatedRow, pathPicked, placed, rowModule } from '../../shared/rows';
import { curate } from '../../shared/resource';
import type { OperationValues } from '../generated';
import type { TableOperation } from '../../shared/types';

const R = 'dataSource';
type Op = OperationValues[typeof R];

/** The data source of the path, picked from the tenant's connectors. */
function picked(operation: Op): TableOperation {
	return pathPicked(generatedRow(R, operation), 'Data Source', 'dataSource', 'postgres');
}

function getAll() {
	const row = generatedRow(R, 'getAll');
	row.query = placed('additionalFields', [
		fieldOf(row, 'dataSourceId', {
			label: 'Data Source IDs',
			hint: 'Only these data sources, separated by commas, e.g. postgres, snowflake',
		}),
		fieldOf(row, 'includeDisabled', { hint: 'Whether to list sources an admin turned off too' }),
		fieldOf(row, 'detail', {
			label: 'Include Details',
			hint: 'Whether to add what each source can do',
		}),
		fieldOf(row, 'includeui', {
			label: 'Include UI Information',
			hint: 'Whether to add what the connection dialog of each source shows',
		}),
	]);
	// Qlik answers every source at once, under `dataSources`: one output item per source.
	row.response = { kind: 'list', maxPageSize: 1000, single: true, itemsKey: 'dataSources' };
	return rowModule(R, 'getAll', row);
}

function updateSettings() {
	const row = picked('updateSettings');
	if (row.body?.kind === 'json') {
		row.body.fields = [
			fieldOf(row, 'disabled', {
				hint: 'Whether to turn the source off, so that no new connections are made with it',
			}),
		];
	}
	return rowModule(R, 'updateSettings', row);
}

/** Data sources: the connectors a data connection is made with (PostgreSQL, Snowflake, REST…). */
export const curation = curate('dataSource', {
	description: 'The connectors data connections are made with',
	options: {
		getAll: { description: 'List the connectors of the tenant' },
		getApiSpecs: {
			name: 'Get Connection Properties',
			action: 'Get the connection properties of a data source',
			description: 'The properties a connection made with this source asks for',
		},
		getGateways: {
			action: 'Get the gateways of a data source',
			description: 'The Data Movement gateways that can reach this source',
		},
		getSettings: {
			action: 'Get the settings of a data source',
			description: 'Whether the source is turned off',
		},
		updateSettings: {
			name: 'Turn On or Off',
			action: 'Turn a data source on or off',
			description: 'Turn a source off for the tenant, or on again (admins)',
		},
	},
	operations: {
		getAll: getAll(),
		getApiSpecs: rowModule(R, 'getApiSpecs', picked('getApiSpecs')),
		getGateways: rowModule(R, 'getGateways', picked('getGateways')),
		getSettings: rowModule(R, 'getSettings', picked('getSettings')),
		updateSettings: updateSettings(),
	},
});
