import type { ResourceCuration } from '../../shared/resource';
import { reloadAndWait } from './wait';

export const curation: ResourceCuration = {
	options: {
		create: {
			name: 'Create (Reload an App)',
			action: 'Reload an app',
			description: 'Start a reload and, by default, wait for it to end',
		},
	},
	extend: { create: reloadAndWait },
};
