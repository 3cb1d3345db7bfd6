import { curate } from '../../shared/resource';
import { reloadAndWait } from '../reload/wait';

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
	},
});
