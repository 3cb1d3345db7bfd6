/**
 * Webhook → Create, Replace and Update pick event types from the tenant's list, with the loader
 * the trigger uses (nodes/QlikCloud/actions/webhook/curation.ts, methods/loadOptions.ts).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { QlikCloud } from '../../../../../nodes/QlikCloud/QlikCloud.node';
import { QlikCloudTrigger } from '../../../../../nodes/QlikCloudTrigger/QlikCloudTrigger.node';
import { loadOptionsContext, runNode } from '../../../../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../../../../helpers/sim';

const sim = useSimulator();
const node = new QlikCloud();

/** The Event Types field shown for a webhook operation (inside its collection). */
function eventTypesField(operation: string): INodeProperties | undefined {
	for (const p of node.description.properties) {
		const show = p.displayOptions?.show;
		if (!show?.resource?.includes('webhook') || !show.operation?.includes(operation)) continue;
		if (p.name === 'eventTypes') return p;
		const inner = (p.options ?? []) as INodeProperties[];
		const found = inner.find((o) => o.name === 'eventTypes');
		if (p.type === 'collection' && found) return found;
	}
	return undefined;
}

describe('Webhook event types come from the tenant', () => {
	it.each(['create', 'replace'])('%s offers them from the trigger’s loader', (operation) => {
		const field = eventTypesField(operation);
		expect(field).toMatchObject({
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getEventTypes' },
			default: [],
		});
		expect(field?.hint).toBeUndefined();
		expect(node.methods.loadOptions.getEventTypes).toBe(
			new QlikCloudTrigger().methods.loadOptions.getEventTypes,
		);
	});

	it('the list loads from the simulator, and Create sends the picked types', async () => {
		const credential = apiKeyCredential(sim());
		const context = loadOptionsContext({ resource: 'webhook', operation: 'create' }, credential);
		const options = await node.methods.loadOptions.getEventTypes.call(context);
		const values = options.map((o) => o.value);
		expect(values).toContain('com.qlik.v1.app.reload.finished');
		expect(options.find((o) => o.value === 'com.qlik.v1.app.created')?.name).toBe('App created');

		const picked = ['com.qlik.v1.app.created', 'com.qlik.v1.app.reload.finished'];
		sim().clearLog();
		const result = await runNode({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				name: 'picked',
				url: 'https://example.com/hook',
				additionalFields: { eventTypes: picked },
			},
			credential,
		});
		expect(result.error).toBeUndefined();
		const [post] = requests(sim(), 'POST', '/api/v1/webhooks');
		expect((post.body as IDataObject).eventTypes).toEqual(picked);
		expect(result.items[0].json.eventTypes).toEqual(picked);
	});
});
