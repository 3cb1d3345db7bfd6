import { pickedFromTenant } from '../../shared/fieldLooks';
import { curate } from '../../shared/resource';

/** Event types picked from the tenant's list, as in the trigger (one loader for both). */
const eventTypes = pickedFromTenant(
	'Event Type Names or IDs',
	'getEventTypes',
	'The events Qlik Cloud sends to the webhook',
);

/** Webhooks: Create, Replace and Update pick their event types from the tenant's list. */
export const curation = curate('webhook', {
	fields: {
		'additionalFields.eventTypes': eventTypes,
		'updateFields.eventTypes': eventTypes,
	},
});
