import { curate } from '../../shared/resource';
import { startAndWait } from './wait';

export const curation = curate('schedulingTask', {
	options: {
		start: {
			action: 'Start a scheduling task',
			description: 'Run the task now and, by default, wait for the run to end',
		},
	},
	extend: { start: startAndWait },
});
