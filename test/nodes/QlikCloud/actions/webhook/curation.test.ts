/**
 * Webhook → Create, Replace and Update pick event types from the tenant's list, with the loader
 * the trigger uses (nodes/QlikCloud/actions/webhook/curation.ts, methods/loadOptions.ts).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { QlikCloud } from '../../../../../nodes/QlikCloud/QlikCloud.node';
import { QlikCloudTrigger } from '../../../../../nodes/QlikCloudTrigger/QlikCloudTrigger.node';
import { loadOptionsContext, rl, runNode } from '../../../../helpers/n8n';
import { apiKeyCredential, requests, simApi, useSimulator } from '../../../../helpers/sim';

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
	it.each(['create', 'replace', 'update'])(
		'%s offers them from the trigger’s loader',
		(operation) => {
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
		},
	);

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

	it('Update replaces them with the picked types, at the one path the spec lists for them', async () => {
		const credential = apiKeyCredential(sim());
		const hook = await simApi(sim(), 'POST', '/api/v1/webhooks', {
			name: 'to change',
			url: 'https://example.com/hook',
			eventTypes: ['com.qlik.v1.app.created'],
		});
		const picked = ['com.qlik.v1.app.reload.finished', 'com.qlik.v1.app.deleted'];
		sim().clearLog();
		const result = await runNode({
			parameters: {
				resource: 'webhook',
				operation: 'update',
				webhookId: rl(String(hook.id)),
				updateFields: { eventTypes: picked, enabled: true },
			},
			credential,
		});
		expect(result.error).toBeUndefined();
		const [patch] = requests(sim(), 'PATCH', `/api/v1/webhooks/${String(hook.id)}`);
		expect(patch.body).toEqual([
			{ op: 'replace', path: '/eventTypes', value: picked },
			{ op: 'replace', path: '/enabled', value: true },
		]);
		const after = await simApi(sim(), 'GET', `/api/v1/webhooks/${String(hook.id)}`);
		expect(after).toMatchObject({ eventTypes: picked, enabled: true, name: 'to change' });
	});
});
