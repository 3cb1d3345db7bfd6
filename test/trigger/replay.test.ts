/**
 * Replayed deliveries (nodes/QlikCloudTrigger): a signed delivery whose event ID was seen
 * recently, or whose time is older than the window, is acknowledged and starts nothing; the
 * memory of seen IDs is bounded.
 */
import { createHmac } from 'node:crypto';

import { MAX_SEEN_EVENTS, REPLAY_WINDOW_MS } from '../../nodes/QlikCloudTrigger/events';
import { QlikCloudTrigger } from '../../nodes/QlikCloudTrigger/QlikCloudTrigger.node';
import { triggerHarness } from '../helpers/n8n';

const SECRET = 'a'.repeat(64);
const trigger = new QlikCloudTrigger();

function setup() {
	const h = triggerHarness(
		trigger,
		{ events: ['com.qlik.v1.app.reload.finished'] },
		{ type: 'qlikCloudApi', data: { tenantUrl: 'http://127.0.0.1:9', apiKey: 'k' } },
		'http://127.0.0.1:9/webhook',
	);
	Object.assign(h.staticData, { webhookId: 'w1', webhookSecret: SECRET, workflowId: 'wf1' });
	const send = async (event: Record<string, unknown>) => {
		const body = JSON.stringify({
			specversion: '1.0.2',
			type: 'com.qlik.v1.app.reload.finished',
			source: 'com.qlik/reloads',
			data: { status: 'ok' },
			...event,
		});
		const signature = createHmac('sha256', SECRET).update(body).digest('hex');
		return await h.deliver(body, { 'qlik-signature': signature });
	};
	return { h, send };
}

const now = () => new Date().toISOString();

describe('replayed deliveries', () => {
	it('the same event a second time is acknowledged and starts nothing', async () => {
		const { send } = setup();
		const first = await send({ id: 'event-1', time: now() });
		expect(first.response?.workflowData?.[0]).toHaveLength(1);
		const again = await send({ id: 'event-1', time: now() });
		expect(again.status).toBeUndefined();
		expect(again.response?.workflowData).toBeUndefined();
		expect(again.response?.webhookResponse).toBeDefined();
		const other = await send({ id: 'event-2', time: now() });
		expect(other.response?.workflowData?.[0]).toHaveLength(1);
	});

	it('an event older than the window is acknowledged and starts nothing', async () => {
		const { send } = setup();
		const old = new Date(Date.now() - REPLAY_WINDOW_MS - 60_000).toISOString();
		const result = await send({ id: 'event-old', time: old });
		expect(result.status).toBeUndefined();
		expect(result.response?.workflowData).toBeUndefined();
	});

	it('the memory of seen IDs is bounded, and the newest are kept', async () => {
		const { h, send } = setup();
		for (let i = 0; i < MAX_SEEN_EVENTS + 25; i++) await send({ id: `e-${i}`, time: now() });
		const seen = (h.staticData.seenEvents as Array<[string, number]>).map(([id]) => id);
		expect(seen).toHaveLength(MAX_SEEN_EVENTS);
		expect(seen).toContain(`e-${MAX_SEEN_EVENTS + 24}`);
		expect(seen).not.toContain('e-0');
		const replay = await send({ id: `e-${MAX_SEEN_EVENTS + 24}`, time: now() });
		expect(replay.response?.workflowData).toBeUndefined();
	});

	it('an unsigned delivery is still refused with 401 and remembered nowhere', async () => {
		const { h } = setup();
		const result = await h.deliver({ id: 'x', time: now() }, { 'qlik-signature': 'ab' });
		expect(result.status).toBe(401);
		expect(h.staticData.seenEvents).toBeUndefined();
	});
});
