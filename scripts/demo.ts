/**
 * The demo on the simulated tenant.
 *   npm start     simulator + n8n with this package, credentials and the examples imported, the
 *                 owner preset: open the printed URL and log in.
 *   npm run demo  the same without the editor: runs every example and prints what each step did.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { n8nCredentials, startSimulator, type Simulator } from '../test/simulator';
import { n8nForSimulator, nodeType, OWNER, repoRoot, type ExecutionResult } from './n8n';

const headless = process.argv.includes('--headless');

function examples(sim: Simulator) {
	const dir = path.join(repoRoot, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => {
			const workflow = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
			for (const node of workflow.nodes) {
				// Example settings nodes carry placeholders that the demo fills from the simulator.
				for (const assignment of node.parameters?.assignments?.assignments ?? []) {
					if (assignment.name === 'memberUserId')
						assignment.value = sim.credentials.users.member.id;
				}
			}
			return workflow as {
				id: string;
				name: string;
				nodes: Array<{ name: string; type: string; parameters: any }>;
			};
		});
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

function printTable(workflow: ReturnType<typeof examples>[number], run: ExecutionResult) {
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
	const workflows = examples(sim);
	for (const workflow of workflows) await n8n.importWorkflow(workflow);

	if (headless) {
		let failed = 0;
		for (const workflow of workflows) {
			const run = await n8n.execute(workflow.id);
			printTable(workflow, run);
			if (!run.ok) failed++;
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
