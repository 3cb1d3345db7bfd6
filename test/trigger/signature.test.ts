import { createHmac } from 'node:crypto';

import { normalizeEvent } from '../../nodes/QlikCloudTrigger/events';
import { QlikCloudTrigger } from '../../nodes/QlikCloudTrigger/QlikCloudTrigger.node';
import { triggerHarness } from '../helpers/n8n';

const SECRET = 'a'.repeat(32) + 'b'.repeat(32);
const sign = (body: string, secret = SECRET) =>
	createHmac('sha256', secret).update(body).digest('hex');

/** Deliveries are fresh: one older than the replay window starts nothing (see replay.test.ts). */
const LEGACY_TIME = new Date(Date.now() - 60_000).toISOString();
const CLOUD_EVENT_TIME = new Date().toISOString();

const legacy = {
	cloudEventsVersion: '0.1',
	source: 'com.qlik/engine',
	contentType: 'application/json',
	eventId: 'e-1',
	eventTime: LEGACY_TIME,
	eventTypeVersion: '1.0.0',
	eventType: 'com.qlik.v1.app.reload.finished',
	extensions: {
		ownerId: 'u-owner',
		tenantId: 't-1',
		userId: 'u-1',
		spaceId: 's-1',
		topLevelResourceId: 'app-1',
	},
	data: { id: 'app-1', status: 'ok' },
};
const cloudEvent = {
	specversion: '1.0.2',
	id: 'e-2',
	source: 'com.qlik/engine',
	type: 'com.qlik.v1.app.reload.finished',
	time: CLOUD_EVENT_TIME,
	tenantid: 't-1',
	userid: 'u-1',
	ownerid: 'u-owner',
	spaceid: 's-1',
	toplevelresourceid: 'app-2',
	datacontenttype: 'application/json',
	data: { id: 'app-2', status: 'error' },
};

function harness() {
	const h = triggerHarness(
		new QlikCloudTrigger(),
		{ events: ['com.qlik.v1.app.reload.finished'] },
		{ type: 'qlikCloudApi', data: { tenantUrl: 'http://localhost:1', apiKey: 'k' } },
		'http://localhost:5678/webhook/x/webhook',
	);
	h.staticData.webhookId = 'w-1';
	h.staticData.webhookSecret = SECRET;
	return h;
}

describe('Qlik Cloud Trigger: only deliveries signed with our secret start the workflow', () => {
	const body = JSON.stringify(cloudEvent);

	it('a valid signature starts the workflow with the event', async () => {
		const { response, status } = await harness().deliver(body, { 'Qlik-Signature': sign(body) });
		expect(status).toBeUndefined();
		expect(response?.workflowData?.[0]).toEqual([
			{
				json: expect.objectContaining({
					type: 'com.qlik.v1.app.reload.finished',
					resourceId: 'app-2',
				}),
			},
		]);
	});

	it.each([
		['missing', {}],
		['wrong', { 'Qlik-Signature': sign(body).replace(/^./, (c) => (c === '0' ? '1' : '0')) }],
		['not hex', { 'Qlik-Signature': 'not-a-signature' }],
		['for an altered body', { 'Qlik-Signature': sign(body.replace('app-2', 'app-3')) }],
		['made with another secret', { 'Qlik-Signature': sign(body, 'c'.repeat(64)) }],
		['cut short', { 'Qlik-Signature': sign(body).slice(0, 32) }],
	])('a signature %s answers 401 and starts nothing', async (_name, headers) => {
		const { response, status } = await harness().deliver(body, headers as Record<string, string>);
		expect(status).toBe(401);
		expect(response).toEqual({ noWebhookResponse: true });
	});

	it('with no secret stored (never registered), even a signed delivery is refused', async () => {
		const h = harness();
		delete h.staticData.webhookSecret;
		const { status, response } = await h.deliver(body, { 'Qlik-Signature': sign(body) });
		expect(status).toBe(401);
		expect(response?.workflowData).toBeUndefined();
	});
});

describe('events in both of Qlik formats come out in one shape', () => {
	it('legacy envelope', () => {
		expect(normalizeEvent(legacy)).toMatchObject({
			type: 'com.qlik.v1.app.reload.finished',
			time: LEGACY_TIME,
			id: 'e-1',
			resourceId: 'app-1',
			spaceId: 's-1',
			ownerId: 'u-owner',
			userId: 'u-1',
			tenantId: 't-1',
			source: 'com.qlik/engine',
			format: 'legacy',
			data: { id: 'app-1', status: 'ok' },
			event: legacy,
		});
	});

	it('CloudEvents 1.0.2', () => {
		expect(normalizeEvent(cloudEvent)).toMatchObject({
			type: 'com.qlik.v1.app.reload.finished',
			time: CLOUD_EVENT_TIME,
			id: 'e-2',
			resourceId: 'app-2',
			spaceId: 's-1',
			tenantId: 't-1',
			format: 'cloudevents',
			data: { id: 'app-2', status: 'error' },
		});
	});
});
