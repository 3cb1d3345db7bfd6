import type { ResourceCuration } from '../../shared/resource';
import { reloadAndWait } from '../reload/wait';

export const curation: ResourceCuration = {
	borrow: {
		reload: {
			table: 'reload',
			operation: 'create',
			option: {
				name: 'Reload',
				action: 'Reload an app',
				description: 'Start a reload of the app and, by default, wait for it to end',
			},
			extension: reloadAndWait,
		},
	},
};
