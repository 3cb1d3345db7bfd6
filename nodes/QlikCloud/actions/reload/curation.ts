import { curate } from '../../shared/resource';
import { reloadAndWait } from './wait';

export const curation = curate('reload', {
	options: {
		start: {
			name: 'Start (Reload an App)',
			action: 'Reload an app',
			description: 'Start a reload and, by default, wait for it to end',
		},
	},
	extend: { start: reloadAndWait },
});
