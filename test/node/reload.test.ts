import { NodeOperationError } from 'n8n-workflow';

import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';

const sim = useSimulator({ reloadTimes: { queuedMs: 150, runningMs: 500 } });

async function reload(appId: string, extra: Record<string, unknown> = {}, continueOnFail = false) {
	return await runNode({
		parameters: { resource: 'app', operation: 'reload', appId, ...extra },
		credential: apiKeyCredential(sim()),
		continueOnFail,
	});
}

describe('App → Reload waits for the reload to end', () => {
	beforeEach(() => {
		sim().clearLog();
		sim().events.setReloadTimes({ queuedMs: 150, runningMs: 500 });
	});

	it('a reload that succeeds: the item is the finished reload, polled with growing pauses', async () => {
		const result = await reload('app-ok', { additionalFields: { partial: true } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			appId: 'app-ok',
			status: 'SUCCEEDED',
			partial: true,
			log: expect.stringContaining('Finished successfully'),
		});
		const [post] = requests(sim(), 'POST', '/api/v1/reloads');
		expect(post.body).toEqual({ appId: 'app-ok', partial: true });
		const polls = requests(sim(), 'GET', `/api/v1/reloads/${String(result.items[0].json.id)}`);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.length).toBeLessThanOrEqual(3);
	});

	it.each([
		[
			'FAILED',
			/ended FAILED \(EngineReloadFailed: The reload failed: field not found\)/,
			/Field not found/,
		],
		['EXCEEDED_LIMIT', /ended EXCEEDED_LIMIT \(ReloadTimeLimitExceeded/, /exceeded the time limit/],
	] as const)(
		'a reload that ends %s fails the item with the log',
		async (outcome, message, log) => {
			sim().events.setReloadOutcome(`app-${outcome}`, outcome);
			const result = await reload(`app-${outcome}`);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(log);
		},
	);

	it('with continue-on-fail a failed reload is an item with the error, and the run goes on', async () => {
		sim().events.setReloadOutcome('app-bad', 'FAILED');
		const result = await reload('app-bad', {}, true);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			error: expect.stringMatching(/ended FAILED/),
			description: expect.stringMatching(/Field not found/),
		});
	});

	it('a reload cancelled while the node waits ends CANCELED and fails the item', async () => {
		sim().events.setReloadTimes({ queuedMs: 100, runningMs: 60000 });
		const running = reload('app-cancel');
		let id: string | undefined;
		while (!id) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			id = requests(sim(), 'POST', '/api/v1/reloads').length
				? sim().events.reloadsOf('app-cancel')[0]
				: undefined;
		}
		const answer = await fetch(`${sim().url}/api/v1/reloads/${id}/actions/cancel`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim().credentials.apiKey}` },
		});
		expect(answer.status).toBe(202);
		const result = await running;
		expect(result.error?.message).toMatch(
			new RegExp(`Reload ${id} of app app-cancel ended CANCELED`),
		);
		expect(result.error?.description).toMatch(/canceled by user/);
	});

	it('the timeout fails the item and says the reload goes on', async () => {
		sim().events.setReloadTimes({ queuedMs: 100, runningMs: 60000 });
		const result = await reload('app-slow', { waitTimeout: 1 });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/Reload \w+ is still (QUEUED|RELOADING) after 1 s/);
		expect(result.error?.description).toMatch(/goes on in Qlik Cloud/);
	});

	it('without waiting, the item is the reload as started', async () => {
		const result = await reload('app-nowait', { waitForCompletion: false });
		expect(result.items[0].json).toMatchObject({ appId: 'app-nowait', status: 'QUEUED' });
		expect(requests(sim(), 'GET', /^\/api\/v1\/reloads\//)).toHaveLength(0);
	});

	it('Reload → Start is the same operation', async () => {
		const result = await runNode({
			parameters: { resource: 'reload', operation: 'start', appId: 'app-create' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.items[0].json).toMatchObject({ appId: 'app-create', status: 'SUCCEEDED' });
	});
});

describe('Scheduling Task → Start waits for the run it started', () => {
	async function start(taskId: string, extra: Record<string, unknown> = {}) {
		return await runNode({
			parameters: {
				resource: 'schedulingTask',
				operation: 'start',
				schedulingTaskId: rl(taskId),
				...extra,
			},
			credential: apiKeyCredential(sim()),
		});
	}

	it('a run that succeeds: the item is the finished run', async () => {
		sim().seed('/api/scheduling/tasks/task-ok', { name: 'Nightly sales' });
		const result = await start('task-ok');
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ taskId: 'task-ok', status: 'SUCCEEDED' });
		expect(requests(sim(), 'POST', '/api/scheduling/tasks/task-ok/actions/start')).toHaveLength(1);
	});

	it('a run that fails fails the item with its log', async () => {
		sim().seed('/api/scheduling/tasks/task-bad', { name: 'Broken' });
		sim().events.setReloadOutcome('task-bad', 'FAILED');
		const result = await start('task-bad');
		expect(result.error?.message).toMatch(/The run \S+ of scheduling task task-bad ended FAILED/);
		expect(result.error?.description).toMatch(/the reload step failed/);
	});

	it('a second start reports the second run, not the first', async () => {
		sim().seed('/api/scheduling/tasks/task-again', { name: 'Twice' });
		expect((await start('task-again')).items[0].json.status).toBe('SUCCEEDED');
		sim().events.setReloadOutcome('task-again', 'FAILED');
		const second = await start('task-again');
		expect(second.error?.message).toMatch(/ended FAILED/);
	});
});
