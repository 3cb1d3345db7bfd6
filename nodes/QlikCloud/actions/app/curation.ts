import { curate } from '../../shared/resource';
import { reloadAndWait } from '../reload/wait';
import * as getAll from './getAll.operation';

export const curation = curate('app', {
	borrow: {
		reload: {
			table: 'reload',
			operation: 'start',
			option: {
				name: 'Reload',
				action: 'Reload an app',
				description: 'Start a reload of the app and, by default, wait for it to end',
			},
			extension: reloadAndWait,
		},
		getAll: {
			table: 'item',
			operation: 'getAll',
			option: {
				name: 'Get Many',
				action: 'Get many apps',
				description: 'List apps (through the items of the catalog) by name, space or owner',
			},
		},
	},
	operations: { getAll },
});
