import type { INodeProperties } from 'n8n-workflow';

import { curate } from '../../shared/resource';

/** Event types picked from the tenant's list, as in the trigger (one loader for both). */
const eventTypes: Partial<INodeProperties> = {
	displayName: 'Event Type Names or IDs',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getEventTypes' },
	default: [],
	hint: undefined,
	placeholder: undefined,
	description:
		'The events Qlik Cloud sends to the webhook. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Webhooks: Create, Replace and Update pick their event types from the tenant's list. */
export const curation = curate('webhook', {
	fields: {
		'additionalFields.eventTypes': eventTypes,
		'updateFields.eventTypes': eventTypes,
	},
});
