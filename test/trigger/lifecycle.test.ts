import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { QlikCloudTrigger } from '../../nodes/QlikCloudTrigger/QlikCloudTrigger.node';
import { loadOptionsContext, triggerHarness } from '../helpers/n8n';
import { apiKeyCredential, useSimulator } from '../helpers/sim';

const sim = useSimulator({ reloadTimes: { queuedMs: 50, runningMs: 100 } });
const trigger = new QlikCloudTrigger();

/** Stands in for n8n's webhook endpoint: records what the simulator delivers. */
let receiver: Server;
let receiverUrl: string;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
beforeAll(async () => {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/wf/webhook`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

function harness(parameters: Record<string, unknown> = {}) {
	return triggerHarness(
		trigger,
		{ events: ['com.qlik.v1.app.reload.finished'], ...parameters },
		apiKeyCredential(sim()),
		receiverUrl,
	);
}

async function deleteAtQlik(id: string) {
	const answer = await fetch(`${sim().url}/api/v1/webhooks/${id}`, {
		method: 'DELETE',
		headers: { Authorization: `Bearer ${sim().credentials.apiKey}` },
	});
	expect(answer.status).toBe(204);
}

describe('Qlik Cloud Trigger registration', () => {
	const methods = trigger.webhookMethods.default;

	it('create registers an enabled webhook with a random secret kept in static data', async () => {
		const h = harness({ options: { filter: 'data.status eq "ok"', level: 'tenant' } });
		expect(await methods.create.call(h.hooks)).toBe(true);
		expect(h.staticData).toEqual({
			webhookId: expect.any(String),
			webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
			workflowId: 'wf1',
		});
		const stored = sim()
			.events.webhooks()
			.find((w) => w.id === h.staticData.webhookId)!;
		expect(stored).toMatchObject({
			url: receiverUrl,
			eventTypes: ['com.qlik.v1.app.reload.finished'],
			enabled: true,
			level: 'tenant',
			filter: 'data.status eq "ok"',
			secret: h.staticData.webhookSecret,
		});
		// The secret never reaches the request log.
		expect(JSON.stringify(sim().log)).not.toContain(String(h.staticData.webhookSecret));
		expect(await methods.checkExists.call(h.hooks)).toBe(true);
		expect(await methods.delete.call(h.hooks)).toBe(true);
	});

	it('checkExists notices a webhook deleted at Qlik and forgets it; create makes a new one', async () => {
		const h = harness();
		await methods.create.call(h.hooks);
		const first = String(h.staticData.webhookId);
		await deleteAtQlik(first);
		expect(await methods.checkExists.call(h.hooks)).toBe(false);
		expect(h.staticData).toEqual({});
		await methods.create.call(h.hooks);
		expect(h.staticData.webhookId).not.toBe(first);
		expect(await methods.checkExists.call(h.hooks)).toBe(true);
		await methods.delete.call(h.hooks);
	});

	it('delete removes the webhook at Qlik and clears static data; one already gone counts as deleted', async () => {
		const h = harness();
		await methods.create.call(h.hooks);
		const id = String(h.staticData.webhookId);
		expect(await methods.delete.call(h.hooks)).toBe(true);
		expect(
			sim()
				.events.webhooks()
				.map((w) => w.id),
		).not.toContain(id);
		expect(h.staticData).toEqual({});

		await methods.create.call(h.hooks);
		await deleteAtQlik(String(h.staticData.webhookId));
		expect(await methods.delete.call(h.hooks)).toBe(true);
		expect(h.staticData).toEqual({});
		expect(h.logs.filter((l) => l.startsWith('warn'))).toEqual([]);
	});

	it('a webhook pointing at another URL (n8n moved) is deleted at Qlik and registered anew', async () => {
		const before = harness();
		await methods.create.call(before.hooks);
		const old = String(before.staticData.webhookId);
		const moved = triggerHarness(
			trigger,
			{ events: ['com.qlik.v1.app.reload.finished'] },
			apiKeyCredential(sim()),
			`${receiverUrl}-moved`,
		);
		Object.assign(moved.staticData, before.staticData);
		expect(await methods.checkExists.call(moved.hooks)).toBe(false);
		expect(moved.staticData).toEqual({});
		expect(
			sim()
				.events.webhooks()
				.map((w) => w.id),
		).not.toContain(old);
		await methods.create.call(moved.hooks);
		expect(
			sim()
				.events.webhooks()
				.find((w) => w.id === moved.staticData.webhookId)?.url,
		).toBe(`${receiverUrl}-moved`);
		await methods.delete.call(moved.hooks);
	});

	it('a delete that Qlik refuses is logged, reported as not done, and the webhook kept', async () => {
		const h = harness();
		await methods.create.call(h.hooks);
		const id = String(h.staticData.webhookId);
		sim().addFault({
			method: 'DELETE',
			path: `/api/v1/webhooks/${id}`,
			kind: 'status',
			status: 403,
			times: 1,
		});
		expect(await methods.delete.call(h.hooks)).toBe(false);
		expect(h.staticData.webhookId).toBe(id);
		expect(h.logs).toEqual([
			expect.stringMatching(new RegExp(`^warn Qlik Cloud Trigger: could not delete webhook ${id}`)),
		]);
		expect(await methods.delete.call(h.hooks)).toBe(true);
		expect(
			sim()
				.events.webhooks()
				.map((w) => w.id),
		).not.toContain(id);
	});

	const stored = (id: unknown) =>
		sim()
			.events.webhooks()
			.find((w) => w.id === id);

	it("without the Level option the level the form shows (User) is sent, not Qlik's default", async () => {
		const h = harness();
		await methods.create.call(h.hooks);
		expect(stored(h.staticData.webhookId)?.level).toBe('user');
		await methods.delete.call(h.hooks);
	});

	it('a webhook Qlik disabled is replaced by an enabled one', async () => {
		const h = harness();
		await methods.create.call(h.hooks);
		const old = h.staticData.webhookId;
		stored(old)!.enabled = false;
		expect(await methods.checkExists.call(h.hooks)).toBe(false);
		expect(stored(old)).toBeUndefined();
		await methods.create.call(h.hooks);
		expect(stored(h.staticData.webhookId)?.enabled).toBe(true);
		await methods.delete.call(h.hooks);
	});

	it.each([
		['events', { events: ['com.qlik.v1.app.created'] }],
		['filter', { options: { filter: 'data.status eq "error"' } }],
		['level', { options: { level: 'tenant' } }],
	])(
		'changed %s after a failed delete: the old registration is replaced',
		async (_what, changed) => {
			const before = harness();
			await methods.create.call(before.hooks);
			const old = String(before.staticData.webhookId);
			sim().addFault({
				method: 'DELETE',
				path: `/api/v1/webhooks/${old}`,
				kind: 'status',
				status: 503,
				times: 6,
			});
			expect(await methods.delete.call(before.hooks)).toBe(false);
			const after = harness(changed);
			Object.assign(after.staticData, before.staticData);
			expect(await methods.checkExists.call(after.hooks)).toBe(false);
			expect(stored(old)).toBeUndefined();
			await methods.create.call(after.hooks);
			const now = stored(after.staticData.webhookId)!;
			expect(now).toMatchObject({
				eventTypes: (changed as { events?: string[] }).events ?? [
					'com.qlik.v1.app.reload.finished',
				],
				level: (changed as { options?: { level?: string } }).options?.level ?? 'user',
			});
			expect(await methods.checkExists.call(after.hooks)).toBe(true);
			await methods.delete.call(after.hooks);
		},
	);

	it.each([
		['its answer was lost', { kind: 'drop' as const }],
		['Qlik answered 504 after making it', { kind: 'status' as const, status: 504 }],
	])('a create whose %s leaves no webhook behind', async (_label, fault) => {
		const h = harness();
		const before = sim().events.webhooks().length;
		sim().addFault({ method: 'POST', path: '/api/v1/webhooks', after: true, times: 1, ...fault });
		await expect(methods.create.call(h.hooks)).rejects.toThrow(/may or may not have been created/);
		expect(sim().events.webhooks()).toHaveLength(before);
		expect(h.staticData.webhookId).toBeUndefined();
	});

	it("a workflow with another's copied static data neither keeps nor deletes that webhook", async () => {
		const original = harness();
		await methods.create.call(original.hooks);
		const id = original.staticData.webhookId;
		const copy = harness();
		copy.hooks.getWorkflow = () => ({ id: 'wf-copy', name: 'Copy', active: true }) as never;
		Object.assign(copy.staticData, original.staticData);
		expect(await methods.delete.call(copy.hooks)).toBe(true);
		expect(stored(id)).toBeDefined();
		Object.assign(copy.staticData, original.staticData);
		expect(await methods.checkExists.call(copy.hooks)).toBe(false);
		expect(copy.staticData.webhookId).toBeUndefined();
		expect(stored(id)).toBeDefined();
		expect(await methods.checkExists.call(original.hooks)).toBe(true);
		await methods.delete.call(original.hooks);
	});

	it('the events to choose from come from Qlik', async () => {
		const context = loadOptionsContext({}, apiKeyCredential(sim())) as ILoadOptionsFunctions;
		const options = await trigger.methods.loadOptions.getEventTypes.call(context);
		expect(options).toContainEqual(
			expect.objectContaining({
				name: 'App reload finished',
				value: 'com.qlik.v1.app.reload.finished',
			}),
		);
	});
});

describe('a delivery from the simulator starts the workflow', () => {
	it.each([
		['CloudEvents', true, 'cloudevents'],
		['legacy', false, 'legacy'],
	])(
		'%s payload, signed: accepted; the same delivery altered: refused',
		async (_name, cloudEvents, format) => {
			const h = harness();
			await trigger.webhookMethods.default.create.call(h.hooks);
			if (!cloudEvents)
				sim()
					.events.webhooks()
					.find((w) => w.id === h.staticData.webhookId)!.enableCloudEventDelivery = false;
			received.length = 0;
			const reload = await fetch(`${sim().url}/api/v1/reloads`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${sim().credentials.apiKey}`,
					'Content-Type': 'application/json',
				},
				body: JSON.stringify({ appId: 'app-events' }),
			});
			expect(reload.status).toBe(201);
			while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
			const [delivery] = received;
			expect(delivery.headers['user-agent']).toBe('Qlik Webhook');
			const signature = String(delivery.headers['qlik-signature']);

			const accepted = await h.deliver(delivery.body, { 'qlik-signature': signature });
			expect(accepted.status).toBeUndefined();
			expect(accepted.response?.workflowData?.[0][0].json).toMatchObject({
				type: 'com.qlik.v1.app.reload.finished',
				resourceId: 'app-events',
				format,
				data: { status: 'ok', reloadStatus: 'SUCCEEDED' },
			});
			const altered = await h.deliver(delivery.body.replace('app-events', 'app-evil'), {
				'qlik-signature': signature,
			});
			expect(altered.status).toBe(401);
			expect(altered.response).toEqual({ noWebhookResponse: true });

			await sim().events.settle();
			const history = sim().events.deliveries(String(h.staticData.webhookId));
			expect(history).toEqual([
				expect.objectContaining({
					status: 'success',
					eventType: 'com.qlik.v1.app.reload.finished',
				}),
			]);
			await trigger.webhookMethods.default.delete.call(h.hooks);
		},
	);
});

describe('the simulator delivers what happens at the tenant', () => {
	it('a space created and a data file uploaded, each signed with the webhook secret', async () => {
		const secret = 'x'.repeat(48);
		const auth = { Authorization: `Bearer ${sim().credentials.apiKey}` };
		const created = await fetch(`${sim().url}/api/v1/webhooks`, {
			method: 'POST',
			headers: { ...auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				name: 'tenant events',
				url: receiverUrl,
				enabled: true,
				secret,
				eventTypes: ['com.qlik.v1.space.created', 'com.qlik.v1.data-file.created'],
			}),
		});
		expect(created.status).toBe(201);
		received.length = 0;
		const space = await fetch(`${sim().url}/api/v1/spaces`, {
			method: 'POST',
			headers: { ...auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: `Events ${Date.now()}`, type: 'shared' }),
		});
		expect(space.status).toBe(201);
		const form = new FormData();
		form.append('Json', JSON.stringify({ name: 'sales.csv' }));
		form.append('File', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'sales.csv');
		const file = await fetch(`${sim().url}/api/v1/data-files`, {
			method: 'POST',
			headers: auth,
			body: form,
		});
		expect(file.status).toBeLessThan(300);
		await sim().events.settle();
		while (received.length < 2) await new Promise((resolve) => setTimeout(resolve, 25));
		const types = received.map((r) => JSON.parse(r.body).type).sort();
		expect(types).toEqual(['com.qlik.v1.data-file.created', 'com.qlik.v1.space.created']);
		for (const delivery of received) {
			const expected = createHmac('sha256', secret).update(delivery.body).digest('hex');
			expect(delivery.headers['qlik-signature']).toBe(expected);
		}
	});
});
