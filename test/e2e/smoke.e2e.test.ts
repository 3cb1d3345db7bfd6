/**
 * Proves the real-n8n harness itself: CLI runs, the server, and the community-package loading path
 * (with a tiny generated package, independent of this repo's build).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createInstance, ensureN8n, type N8nInstance } from './harness';

const manualTrigger = {
	id: '6c1f0c1e-0000-4000-8000-000000000001',
	name: 'Manual',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
};

let instances: N8nInstance[] = [];

beforeAll(async () => {
	const install = await timed('ensureN8n', ensureN8n);
	console.log(`n8n ${install.version}: ${install.node} ${install.bin}`);
});

afterEach(async () => {
	await Promise.all(instances.map(async (instance) => await instance.cleanup()));
	instances = [];
});

async function instance(...args: Parameters<typeof createInstance>): Promise<N8nInstance> {
	const created = await createInstance(...args);
	instances.push(created);
	return created;
}

test('n8n execute runs Manual Trigger -> Set', async () => {
	const n8n = await instance({});
	const id = await timed('import:workflow', async () =>
		n8n.importWorkflow({
			name: 'smoke: set',
			nodes: [
				manualTrigger,
				{
					id: '6c1f0c1e-0000-4000-8000-000000000002',
					name: 'Set',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
					parameters: {
						mode: 'manual',
						assignments: {
							assignments: [
								{ id: 'a1', name: 'hello', value: 'world', type: 'string' },
								{ id: 'a2', name: 'sum', value: '={{ 1 + 2 }}', type: 'number' },
							],
						},
						options: {},
					},
				},
			],
			connections: { Manual: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		}),
	);
	const result = await timed('execute', async () => n8n.execute(id));
	if (!result.ok) console.log(result.raw);
	expect(result.ok).toBe(true);
	expect(result.runData.Set.map((item) => item.json)).toEqual([{ hello: 'world', sum: 3 }]);
});

test('n8n execute reports a failing node', async () => {
	const n8n = await instance({});
	const id = await n8n.importWorkflow({
		name: 'smoke: error',
		nodes: [
			manualTrigger,
			{
				id: '6c1f0c1e-0000-4000-8000-000000000003',
				name: 'Fail',
				type: 'n8n-nodes-base.stopAndError',
				typeVersion: 1,
				position: [220, 0],
				parameters: { errorMessage: 'planned failure {with braces}' },
			},
		],
		connections: { Manual: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] } },
	});
	const result = await timed('execute (failing)', async () => n8n.execute(id));
	expect(result.ok).toBe(false);
	expect(result.error).toBe('planned failure {with braces}');
	expect(result.runData.Fail[0].error).toMatchObject({ message: 'planned failure {with braces}' });
	expect(result.runData.Manual).toHaveLength(1);
});

test('n8n start answers /healthz and stops', async () => {
	const n8n = await instance({});
	await timed('start', async () => n8n.start());
	const health = await fetch(`${n8n.baseUrl}/healthz`);
	expect(health.status).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });
	expect((await fetch(`${n8n.baseUrl}/healthz/readiness`)).status).toBe(200);
	await timed('stop', async () => n8n.stop());
	await expect(fetch(`${n8n.baseUrl}/healthz`)).rejects.toThrow();
});

/** A minimal community package: one programmatic node and one credential type, in plain JS. */
function writeProbePackage(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-harness-probe-'));
	mkdirSync(path.join(dir, 'dist/nodes'), { recursive: true });
	mkdirSync(path.join(dir, 'dist/credentials'), { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-harness-probe',
				version: '0.0.1',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/HarnessProbeApi.credentials.js'],
					nodes: ['dist/nodes/HarnessProbe.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	writeFileSync(
		path.join(dir, 'dist/credentials/HarnessProbeApi.credentials.js'),
		`class HarnessProbeApi {
	constructor() {
		this.name = 'harnessProbeApi';
		this.displayName = 'Harness Probe API';
		this.properties = [
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
module.exports = { HarnessProbeApi };
`,
	);
	writeFileSync(
		path.join(dir, 'dist/nodes/HarnessProbe.node.js'),
		`const { NodeOperationError } = require('n8n-workflow'); // resolves to n8n's own copy
class HarnessProbe {
	constructor() {
		this.description = {
			displayName: 'Harness Probe',
			name: 'harnessProbe',
			group: ['transform'],
			version: 1,
			description: 'Echoes a greeting and its credential token',
			defaults: { name: 'Harness Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'harnessProbeApi', required: true }],
			properties: [{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hi' }],
		};
	}
	async execute() {
		const credentials = await this.getCredentials('harnessProbeApi');
		return [
			this.getInputData().map((item, index) => ({
				json: {
					greeting: this.getNodeParameter('greeting', index),
					token: credentials.token,
					n8nWorkflowLoaded: typeof NodeOperationError === 'function',
				},
				pairedItem: { item: index },
			})),
		];
	}
}
module.exports = { HarnessProbe };
`,
	);
	return dir;
}

test('a community package from packageDir loads and runs, with an imported credential', async () => {
	const packageDir = writeProbePackage();
	try {
		const n8n = await instance({ packageDir });
		await timed('import:credentials', async () =>
			n8n.importCredentials([
				{
					id: 'probeCred00000001',
					name: 'Probe token',
					type: 'harnessProbeApi',
					data: { token: 's3cret-token' },
				},
			]),
		);
		const id = await n8n.importWorkflow({
			name: 'smoke: community package',
			nodes: [
				manualTrigger,
				{
					id: '6c1f0c1e-0000-4000-8000-000000000004',
					name: 'Probe',
					type: 'n8n-nodes-harness-probe.harnessProbe',
					typeVersion: 1,
					position: [220, 0],
					parameters: { greeting: 'hello from the probe' },
					credentials: { harnessProbeApi: { id: 'probeCred00000001', name: 'Probe token' } },
				},
			],
			connections: { Manual: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		});
		const result = await timed('execute (community node)', async () => n8n.execute(id));
		if (!result.ok) console.log(result.raw);
		expect(result.ok).toBe(true);
		expect(result.runData.Probe.map((item) => item.json)).toEqual([
			{ greeting: 'hello from the probe', token: 's3cret-token', n8nWorkflowLoaded: true },
		]);
	} finally {
		rmSync(packageDir, { recursive: true, force: true });
	}
});
