/**
 * The demo on the simulated tenant.
 *   npm start     simulator + n8n with this package, credentials and the examples imported, the
 *                 owner preset: open the printed URL and log in.
 *   npm run demo  the same without the editor: runs every example and prints what each step did.
 */
import { n8nCredentials, startSimulator, type Simulator } from '../test/simulator';
import {
	examples,
	isMcpServer,
	isPolled,
	isTriggered,
	pollingTriggerType,
	triggerType,
	type WorkflowFile,
} from './examples';
import { n8nForSimulator, nodeType, OWNER, type ExecutionResult } from './n8n';

const headless = process.argv.includes('--headless');

const DEMO_APP_ID = 'demo-sales-app';

/** What the demo makes happen at the simulated tenant for a triggered example. */
const DEMO_EVENTS: Record<string, Parameters<Simulator['events']['emit']>[0]> = {
	'com.qlik.v1.data-file.created': {
		type: 'com.qlik.v1.data-file.created',
		resourceId: 'demo-file',
		data: { id: 'demo-file', name: 'sales-2026-11.csv' },
	},
	'com.qlik.v1.app.reload.finished': {
		type: 'com.qlik.v1.app.reload.finished',
		resourceId: DEMO_APP_ID,
		data: { id: DEMO_APP_ID, status: 'ok' },
	},
};

async function until<T>(check: () => T | undefined, seconds = 60): Promise<T | undefined> {
	for (let i = 0; i < seconds * 4; i++) {
		const value = check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return undefined;
}

/** Activates a triggered example's event at the simulator and prints what the workflow posted. */
async function runTriggered(sim: Simulator, workflow: WorkflowFile): Promise<boolean> {
	const trigger = workflow.nodes.find((node) => node.type === triggerType)!;
	const type = String(trigger.parameters.events?.[0]);
	const registered = await until(() =>
		sim.events.webhooks().find((w) => w.eventTypes.includes(type)),
	);
	const before = sim.events.notifications().length;
	if (registered) sim.events.emit(DEMO_EVENTS[type]);
	const posted = registered ? await until(() => sim.events.notifications()[before]) : undefined;
	console.log(`\n${workflow.name}: ${posted ? 'succeeded' : 'FAILED'}`);
	console.log(
		`  ${trigger.name.padEnd(20)}  ${registered ? `webhook registered; event ${type} sent` : 'webhook not registered'}`,
	);
	console.log(
		`  ${'Posted'.padEnd(20)}  ${posted ? JSON.stringify(posted.body) : 'nothing within 60 s'}`,
	);
	return !!posted;
}

/**
 * Makes a reload of the demo app fail once n8n has activated a polled example (its first poll
 * only notes where things stand), and prints what the workflow posted after its next poll.
 */
async function runPolled(sim: Simulator, workflow: WorkflowFile) {
	const trigger = workflow.nodes.find((node) => node.type === pollingTriggerType)!;
	// n8n polls once when it activates the workflow.
	const activated = await until(() =>
		sim.log.some((e) => e.method === 'GET' && e.path === '/api/v1/reloads') ? true : undefined,
	);
	const before = sim.events.notifications().length;
	sim.events.setReloadOutcome(DEMO_APP_ID, 'FAILED');
	const answer = await fetch(`${sim.url}/api/v1/reloads`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${sim.credentials.apiKey}`,
			'Content-Type': 'application/json',
		},
		body: JSON.stringify({ appId: DEMO_APP_ID }),
	});
	const reload = (await answer.json()) as { id?: string };
	// n8n polls every minute at the least.
	const posted = activated ? await until(() => sim.events.notifications()[before], 90) : undefined;
	console.log(`\n${workflow.name}: ${posted ? 'succeeded' : 'FAILED'}`);
	console.log(
		`  ${trigger.name.padEnd(20)}  ${activated ? `active; reload ${String(reload.id)} of ${DEMO_APP_ID} made to fail` : 'not activated'}`,
	);
	console.log(
		`  ${'Posted'.padEnd(20)}  ${posted ? JSON.stringify(posted.body) : 'nothing within 90 s'}`,
	);
	return !!posted;
}

function describeStep(
	node: { type: string; parameters: any },
	items: Array<{ json: Record<string, unknown> }>,
): string {
	if (node.type !== nodeType) return `${items.length} item(s)`;
	const { resource, operation } = node.parameters;
	const first = items[0]?.json ?? {};
	if (first.error) return `error: ${String(first.error)}`;
	if (operation === 'delete') return `${resource} deleted`;
	if (operation === 'getAll' || operation === 'getTypes')
		return `${items.length} ${resource}(s) found`;
	const label = first.name ?? first.assigneeId ?? first.id;
	return `${resource} ${operation}: ${String(label)}${first.id ? ` (id ${String(first.id)})` : ''}`;
}

function printTable(workflow: WorkflowFile, run: ExecutionResult) {
	console.log(`\n${workflow.name}: ${run.ok ? 'succeeded' : 'FAILED'}`);
	const rows = workflow.nodes.map((node) => {
		const error = run.errors[node.name]?.message;
		const items = run.nodes[node.name];
		return [node.name, error ? `error: ${error}` : items ? describeStep(node, items) : 'not run'];
	});
	const width = Math.max(...rows.map(([name]) => name.length));
	for (const [name, what] of rows) console.log(`  ${name.padEnd(width)}  ${what}`);
}

async function main() {
	console.log('Installing or finding n8n (the first run downloads it: a few minutes)...');
	const sim = await startSimulator({
		quiet: true,
		demo: true,
		port: Number(process.env.QLIK_SIM_PORT ?? 0),
	});
	const n8n = await n8nForSimulator(
		sim,
		headless ? undefined : Number(process.env.N8N_PORT ?? 5678),
	);
	const made = n8nCredentials(sim);
	await n8n.importCredentials([
		{ id: 'qlikSimApiKey', name: 'Qlik Cloud (simulator, API key)', ...made.apiKey() },
		{ id: 'qlikSimM2m', name: 'Qlik Cloud (simulator, OAuth M2M)', ...made.m2m() },
		{
			id: 'qlikSimOAuth',
			name: 'Qlik Cloud (simulator, OAuth interactive)',
			...made.interactive(),
		},
	]);
	const workflows = examples({
		memberUserId: sim.credentials.users.member.id,
		groupId: sim.credentials.groups.analysts,
		appId: DEMO_APP_ID,
		notifyUrl: `${sim.url}/demo/notifications`,
	});
	for (const workflow of workflows) await n8n.importWorkflow(workflow);

	if (headless) {
		let failed = 0;
		// An MCP server only answers MCP clients (test/e2e/mcp.e2e.test.ts calls it).
		for (const workflow of workflows.filter(
			(w) => !isTriggered(w) && !isPolled(w) && !isMcpServer(w),
		)) {
			const run = await n8n.execute(workflow.id);
			printTable(workflow, run);
			if (!run.ok) failed++;
		}
		const triggered = workflows.filter(isTriggered);
		const polled = workflows.filter(isPolled);
		for (const workflow of [...triggered, ...polled]) await n8n.publish(workflow.id);
		if (triggered.length || polled.length) await n8n.start();
		for (const workflow of triggered) {
			if (!(await runTriggered(sim, workflow))) failed++;
		}
		for (const workflow of polled) {
			if (!(await runPolled(sim, workflow))) failed++;
		}
		await n8n.cleanup();
		await sim.close();
		process.exitCode = failed ? 1 : 0;
		return;
	}

	await n8n.start();
	console.log(`
Qlik Cloud simulator: ${sim.url}
n8n editor:           ${n8n.url}
Log in as:            ${OWNER.email} / ${OWNER.password}
Credentials are set up for the simulator (API key, OAuth M2M, OAuth interactive: click Connect).
Examples imported:    ${workflows.map((w) => w.name).join(', ')}
Press Ctrl+C to stop.`);
	const stop = async () => {
		await n8n.cleanup();
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
