import type { IDataObject } from 'n8n-workflow';

import { QlikCloudPollingTrigger } from '../../nodes/QlikCloudPollingTrigger/QlikCloudPollingTrigger.node';
import type { SimCore } from '../simulator/core';
import { eventState } from '../simulator/events';
import { pollHarness } from '../helpers/n8n';
import { apiKeyCredential, requests, simApi, useSimulator } from '../helpers/sim';

const sim = useSimulator({ reloadTimes: { queuedMs: 10, runningMs: 20 } });
const trigger = new QlikCloudPollingTrigger();

const harness = (parameters: IDataObject, options: Parameters<typeof pollHarness>[3] = {}) =>
	pollHarness(trigger, parameters, apiKeyCredential(sim()), options);

/** The JSON of each emitted item, in order; [] for a poll that emitted nothing. */
async function emitted(h: ReturnType<typeof harness>): Promise<IDataObject[]> {
	const output = await h.poll();
	return output ? output[0].map((item) => item.json) : [];
}

/** Starts a reload of the app and waits until the simulator has ended it. */
async function reload(appId: string): Promise<string> {
	const { id } = await simApi(sim(), 'POST', '/api/v1/reloads', { appId });
	for (;;) {
		const r = await simApi(sim(), 'GET', `/api/v1/reloads/${String(id)}`);
		if (r.endTime) return String(id);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

async function upload(name: string, content: string, id?: string): Promise<IDataObject> {
	const form = new FormData();
	form.append('Json', JSON.stringify({ name }));
	form.append('File', new Blob([content], { type: 'text/csv' }), name);
	const answer = await fetch(`${sim().url}/api/v1/data-files${id ? `/${id}` : ''}`, {
		method: id ? 'PUT' : 'POST',
		headers: { Authorization: `Bearer ${sim().credentials.apiKey}` },
		body: form,
	});
	expect(answer.ok).toBe(true);
	return (await answer.json()) as IDataObject;
}

/** Audit events written straight into the simulator's log, with the times a test needs. */
function audit(eventType: string, id: string, eventTime: string) {
	eventState({ state: sim().state } as SimCore).audits.push({
		id,
		eventId: `event-${id}`,
		eventType,
		eventTypeVersion: '1.0.0',
		eventTime,
		source: 'com.qlik/test',
		contentType: 'application/json',
		tenantId: 'tenant',
		extensions: { topLevelResourceId: `resource-${id}`, spaceId: 'space-1' },
		data: { id: `resource-${id}` },
	});
}

describe('Qlik Cloud Polling Trigger', () => {
	it('reload failed: the first poll emits nothing; each later failure comes once, oldest first', async () => {
		sim().events.setReloadOutcome('app-poll', 'FAILED');
		await reload('app-poll');
		const h = harness({ event: 'reloadFailed', appId: 'app-poll' });
		expect(await emitted(h)).toEqual([]);
		expect(h.staticData.cursor).toEqual({ time: expect.any(String), keys: [expect.any(String)] });

		const first = await reload('app-poll');
		const second = await reload('app-poll');
		sim().events.setReloadOutcome('app-poll', 'SUCCEEDED');
		await reload('app-poll');
		const items = await emitted(h);
		expect(items.map((i) => i.id)).toEqual([first, second]);
		expect(items[0]).toMatchObject({
			type: 'com.qlik.v1.app.reload.finished',
			resourceId: 'app-poll',
			format: 'poll',
			data: { id: first, status: 'FAILED', appId: 'app-poll' },
		});
		expect(await emitted(h)).toEqual([]);
		const listed = requests(sim(), 'GET', '/api/v1/reloads').at(-1)!;
		expect(listed.query).toMatchObject({
			appId: 'app-poll',
			filter: 'status eq "FAILED"',
			sort: '-endTime',
		});
	});

	it('reload finished for every app (no App ID) includes every outcome', async () => {
		const h = harness({ event: 'reloadFinished' });
		expect(await emitted(h)).toEqual([]);
		sim().events.setReloadOutcome('app-a', 'FAILED');
		const a = await reload('app-a');
		const b = await reload('app-b');
		const items = await emitted(h);
		expect(items.map((i) => [i.id, (i.data as IDataObject).status])).toEqual([
			[a, 'FAILED'],
			[b, 'SUCCEEDED'],
		]);
	});

	it('a restart (a new context with the saved static data) neither repeats nor misses events', async () => {
		const before = harness({ event: 'reloadFinished', appId: 'app-restart' });
		expect(await emitted(before)).toEqual([]);
		const one = await reload('app-restart');
		expect((await emitted(before)).map((i) => i.id)).toEqual([one]);
		const saved = JSON.parse(JSON.stringify(before.staticData)) as IDataObject;

		const two = await reload('app-restart');
		const after = harness({ event: 'reloadFinished', appId: 'app-restart' }, { staticData: saved });
		expect((await emitted(after)).map((i) => i.id)).toEqual([two]);
		expect(await emitted(after)).toEqual([]);
	});

	it('events that share a time: those seen are not repeated, one listed later still comes', async () => {
		const type = 'com.qlik.v1.test.same-time';
		audit(type, 'old', '2026-01-01T00:00:00.000Z');
		const h = harness({ event: 'auditEvent', eventType: type });
		expect(await emitted(h)).toEqual([]);
		audit(type, 'a', '2026-01-02T00:00:00.000Z');
		audit(type, 'b', '2026-01-02T00:00:00.000Z');
		expect((await emitted(h)).map((i) => i.id)).toEqual(['a', 'b']);
		// Listed only now, with the same time as the last two.
		audit(type, 'c', '2026-01-02T00:00:00.000Z');
		expect((await emitted(h)).map((i) => i.id)).toEqual(['c']);
		expect(h.staticData.cursor).toEqual({
			time: '2026-01-02T00:00:00.000Z',
			keys: ['a', 'b', 'c'],
		});
		audit(type, 'd', '2026-01-03T00:00:00.000Z');
		const [d] = await emitted(h);
		expect(d).toMatchObject({
			id: 'd',
			type,
			time: '2026-01-03T00:00:00.000Z',
			resourceId: 'resource-d',
			spaceId: 'space-1',
		});
		expect(h.staticData.cursor).toEqual({ time: '2026-01-03T00:00:00.000Z', keys: ['d'] });
		const listed = requests(sim(), 'GET', '/api/v1/audits').at(-1)!;
		expect(listed.query).toMatchObject({
			eventType: type,
			sort: '-eventTime',
			eventTime: '2026-01-02T00:00:00.000Z/9999-12-31T23:59:59.999Z',
		});
	});

	it('data file created and updated, each from the data-files list', async () => {
		const created = harness({ event: 'dataFileCreated' });
		const updated = harness({ event: 'dataFileUpdated' });
		expect(await emitted(created)).toEqual([]);
		expect(await emitted(updated)).toEqual([]);
		const file = await upload(`poll-${Date.now()}.csv`, 'a\n1\n');
		expect(await emitted(updated)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 5));
		await upload(String(file.name), 'a\n2\n', String(file.id));
		const [c] = await emitted(created);
		expect(c).toMatchObject({
			type: 'com.qlik.v1.data-file.created',
			id: file.id,
			resourceId: file.id,
		});
		const [u] = await emitted(updated);
		expect(u).toMatchObject({ type: 'com.qlik.v1.data-file.updated', resourceId: file.id });
		expect(await emitted(created)).toEqual([]);
		expect(await emitted(updated)).toEqual([]);
	});

	it('app published, read from the audit log', async () => {
		const h = harness({ event: 'appPublished' });
		expect(await emitted(h)).toEqual([]);
		const app = await simApi(sim(), 'POST', '/api/v1/apps', { attributes: { name: 'Sales' } });
		const appId = String((app.attributes as IDataObject)?.id ?? app.id);
		await simApi(sim(), 'POST', `/api/v1/apps/${appId}/publish`, { spaceId: 'managed-1' });
		await sim().events.settle();
		const [published] = await emitted(h);
		expect(published).toMatchObject({
			type: 'com.qlik.v1.app.published',
			resourceId: appId,
			spaceId: 'managed-1',
		});
	});

	it('Fetch Test Event returns the newest event and leaves the cursor alone', async () => {
		const active = harness({ event: 'reloadFinished', appId: 'app-manual' });
		expect(await emitted(active)).toEqual([]);
		await reload('app-manual');
		const newest = await reload('app-manual');
		const saved = JSON.parse(JSON.stringify(active.staticData)) as IDataObject;
		const manual = harness(
			{ event: 'reloadFinished', appId: 'app-manual' },
			{ mode: 'manual', staticData: saved },
		);
		expect((await emitted(manual)).map((i) => i.id)).toEqual([newest]);
		expect(manual.staticData).toEqual(saved);
		expect(await emitted(active)).toHaveLength(2);

		const none = harness({ event: 'reloadFinished', appId: 'app-never' }, { mode: 'manual' });
		await expect(none.poll()).rejects.toThrow('Qlik Cloud lists no "Reload Finished" event yet');
	});

	it('changing the event starts anew from now', async () => {
		const h = harness({ event: 'reloadFinished', appId: 'app-change' });
		expect(await emitted(h)).toEqual([]);
		await reload('app-change');
		const other = harness(
			{ event: 'reloadFinished', appId: 'app-other' },
			{ staticData: h.staticData },
		);
		expect(await emitted(other)).toEqual([]);
		expect(other.staticData.watching).toBe(JSON.stringify(['reloadFinished', 'app-other', '']));
	});

	it.each([
		[{ event: 'reloadFinished', appId: '../spaces' }, 'App ID "../spaces" is not an app ID'],
		[{ event: 'auditEvent', eventType: '' }, 'Event Type is empty'],
		[{ event: 'auditEvent', eventType: 'a b' }, 'Event Type "a b" is not an event type'],
	])('bad settings %j are refused before any request', async (parameters, message) => {
		const before = sim().log.length;
		await expect(harness(parameters).poll()).rejects.toThrow(message);
		expect(sim().log.length).toBe(before);
	});
});
