/**
 * The polling example (examples/polling.json) active in real n8n against the simulator: failed
 * reloads happen between polls and n8n restarts between them; every failure is posted exactly
 * once. n8n polls at activation (each start) and then on its schedule (every minute, n8n's
 * shortest: a seconds field other than one number is refused), so restarts drive the polls here.
 */
import { startSimulator, type Simulator, n8nCredentials } from '../simulator';
import { n8nForSimulator, type N8nInstance } from '../../scripts/n8n';
import { fillSettings, loadWorkflow, withCredential } from '../../scripts/examples';
import { requests, simApi } from '../helpers/sim';

const CREDENTIAL = { id: 'e2eApiKey', name: 'Qlik API key', type: 'qlikCloudApi' };

let sim: Simulator;
let n8n: N8nInstance;
let workflowId: string;

async function until<T>(what: string, check: () => T | undefined, seconds = 300): Promise<T> {
	for (let i = 0; i < seconds * 4; i++) {
		const value = check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`timed out waiting for ${what}\n${n8n.log.slice(-3000)}`);
}

/** Starts n8n and waits for the poll it makes when it activates the workflow. */
async function start(): Promise<void> {
	const polls = requests(sim, 'GET', '/api/v1/reloads').length;
	await n8n.start();
	await until('the activation poll', () => requests(sim, 'GET', '/api/v1/reloads').length > polls);
}

/** Whether n8n has saved the trigger's cursor with the workflow (its static data). */
async function cursorSaved(): Promise<boolean> {
	const cookie = await n8n.login();
	const answer = await fetch(`${n8n.url}/rest/workflows/${workflowId}`, { headers: { cookie } });
	const { data } = (await answer.json()) as { data?: { staticData?: Record<string, unknown> } };
	return Object.values(data?.staticData ?? {}).some(
		(node) => typeof node === 'object' && node !== null && 'cursor' in node,
	);
}

/** A reload of the app that fails; resolves with its ID once it has ended. */
async function failedReload(appId: string): Promise<string> {
	sim.events.setReloadOutcome(appId, 'FAILED');
	const { id } = await simApi(sim, 'POST', '/api/v1/reloads', { appId });
	for (;;) {
		const reload = await simApi(sim, 'GET', `/api/v1/reloads/${String(id)}`);
		if (reload.endTime) return String(id);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** The reload IDs posted by the workflow's executions, in order. */
const posted = () =>
	sim.events.notifications().map((n) => String((n.body as { reloadId?: string }).reloadId));

beforeAll(async () => {
	sim = await startSimulator({
		quiet: true,
		rateLimits: false,
		reloadTimes: { queuedMs: 20, runningMs: 40 },
	});
	n8n = await n8nForSimulator(sim);
	await n8n.importCredentials([{ ...CREDENTIAL, ...n8nCredentials(sim).apiKey() }]);
	const workflow = fillSettings(withCredential(loadWorkflow('examples/polling.json'), CREDENTIAL), {
		notifyUrl: `${sim.url}/demo/notifications`,
	});
	workflowId = await n8n.importWorkflow(workflow);
	await n8n.publish(workflowId);
});

afterAll(async () => {
	await n8n?.cleanup();
	await sim?.close();
});

describe('the polling example in real n8n', () => {
	it('posts each failed reload once across polls and restarts, none from before activation', async () => {
		const before = await failedReload('app-before');
		await start();
		// The first poll only notes where things stand; n8n saves that with the workflow.
		while (!(await cursorSaved())) await new Promise((resolve) => setTimeout(resolve, 250));
		expect(posted()).toEqual([]);

		const first = await failedReload('app-sales');
		const second = await failedReload('app-other');
		await n8n.stop();
		await start();
		await until('the first two failures', () => (posted().length >= 2 ? true : undefined));
		expect(posted()).toEqual([first, second]);

		const third = await failedReload('app-sales');
		await n8n.stop();
		await start();
		await until('the third failure', () => (posted().length >= 3 ? true : undefined));

		const fourth = await failedReload('app-sales');
		await until('the fourth failure, from the scheduled poll', () =>
			posted().length >= 4 ? true : undefined,
		);
		expect(posted()).toEqual([first, second, third, fourth]);
		expect(posted()).not.toContain(before);
		const [message] = sim.events.notifications();
		expect(message.body).toMatchObject({
			text: expect.stringMatching(new RegExp(`^Reload ${first} of app app-sales failed at .+: `)),
		});
	});
});
