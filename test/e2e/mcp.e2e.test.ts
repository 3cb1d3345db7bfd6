/**
 * The Qlik Manage MCP server (examples/mcp-server.json) in real n8n: an MCP client made with the
 * official SDK connects to the published workflow's MCP Server Trigger over streamable HTTP,
 * lists its Qlik Cloud tools with their descriptions and input schemas (a tool without a written
 * description has the node's own for its operation), and calls them, which runs the node as a
 * tool against the simulator; the reload tool takes the app's name.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { readFileSync } from 'node:fs';

import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { loadWorkflow, toolType, withCredential, type WorkflowFile } from '../../scripts/examples';
import { n8nForSimulator, N8nInstance } from '../../scripts/n8n';
import { n8nCredentials, startSimulator, type Simulator } from '../simulator';
import { requests, simApi } from '../helpers/sim';

const CREDENTIAL = { id: 'mcpApiKey', name: 'Qlik API key', type: 'qlikCloudApi' };
const example = loadWorkflow('examples/mcp-server.json');
const trigger = example.nodes.find((n) => n.type.endsWith('.mcpTrigger'))!;
const mcpPath = String(trigger.parameters.path);

/** A tool added to the example with no description of its own: n8n lists the node's. */
const UNDESCRIBED = 'Who am I';
const undescribed = { resource: 'user', operation: 'getCurrent' };
const served: WorkflowFile = {
	...example,
	nodes: [
		...example.nodes,
		{
			parameters: { authentication: 'qlikCloudApi', ...undescribed },
			id: 'ex000000-0004-4000-8000-000000000200',
			name: UNDESCRIBED,
			type: toolType,
			typeVersion: 1,
			position: [0, 300],
		} as WorkflowFile['nodes'][number],
	],
	connections: {
		...(example.connections as object),
		[UNDESCRIBED]: { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] },
	},
};

/** The Tool Description the node gives an operation on the tool (`@tool`). */
function ownDescription(parameters: { resource: string; operation: string }): string {
	const { description } = new QlikCloud();
	const tool = { ...description, name: `${description.name}Tool` };
	const [shown] = description.properties.filter(
		(p) =>
			p.name === 'toolDescription' &&
			NodeHelpers.displayParameter(parameters, p, { typeVersion: 1 }, tool),
	);
	return String(shown.default);
}

let sim: Simulator;
let n8n: N8nInstance;
let client: Client;

interface ToolAnswer {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

/** A tool's answer as JSON: n8n sends the tool's output items' JSON as one text part. */
function answerJson(answer: ToolAnswer): unknown {
	expect(answer.isError ?? false).toBe(false);
	const text = answer.content.find((part) => part.type === 'text')?.text ?? '';
	return JSON.parse(text) as unknown;
}

/** The workflow's MCP endpoint; n8n registers published webhooks a moment after readiness. */
async function connect(): Promise<Client> {
	const url = new URL(`${n8n.url}/mcp/${mcpPath}`);
	for (let attempt = 0; ; attempt++) {
		const mcp = new Client({ name: 'qlik-e2e', version: '1.0.0' });
		try {
			await mcp.connect(new StreamableHTTPClientTransport(url));
			return mcp;
		} catch (error) {
			if (attempt >= 60) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

beforeAll(async () => {
	sim = await startSimulator({
		quiet: true,
		rateLimits: false,
		reloadTimes: { queuedMs: 100, runningMs: 300 },
	});
	n8n = await n8nForSimulator(sim);
	await n8n.importCredentials([{ ...CREDENTIAL, ...n8nCredentials(sim).apiKey() }]);
	const workflow = withCredential(served, CREDENTIAL);
	await n8n.importWorkflow(workflow);
	await n8n.publish(workflow.id);
	for (const name of ['Finance reports', 'Finance staging', 'Marketing']) {
		await simApi(sim, 'POST', '/api/v1/spaces', { name, type: 'shared' });
	}
	await n8n.start();
	client = await connect();
});

afterAll(async () => {
	await client?.close();
	await n8n?.cleanup();
	await sim?.close();
});

describe('the Qlik Manage MCP server', () => {
	it('lists every Qlik Cloud tool of the example with its description and input schema', async () => {
		const { tools } = await client.listTools();
		const qlikNodes = served.nodes.filter((n) => n.type === toolType);
		expect(tools).toHaveLength(qlikNodes.length);
		for (const node of qlikNodes.filter((n) => n.name !== UNDESCRIBED)) {
			const tool = tools.find((t) => t.description === node.parameters.toolDescription);
			expect(tool).toBeDefined();
			expect(tool?.inputSchema.type).toBe('object');
		}
		const findSpaces = tools.find((t) => t.description?.startsWith('Finds Qlik Cloud spaces'));
		expect(findSpaces?.inputSchema.properties).toHaveProperty('name');
		expect(findSpaces?.inputSchema.required).toEqual(['name']);
		const reload = tools.find((t) => t.description?.startsWith('Starts a reload'));
		expect(Object.keys(reload?.inputSchema.properties ?? {})).toEqual(['appName']);
	});

	it("gives n8n's Qlik Cloud Tool the node's descriptions, and n8n adds none of its own", () => {
		const types = JSON.parse(readFileSync(n8n.nodeTypesFile(), 'utf8')) as INodeTypeDescription[];
		const tool = types.find((t) => t.name === toolType);
		const names = tool?.properties.map((p) => p.name) ?? [];
		expect(names).toContain('toolItemLimit');
		expect(names).not.toContain('descriptionType');
		const ours = new QlikCloud().description.properties.filter((p) => p.name === 'toolDescription');
		expect(names.filter((name) => name === 'toolDescription')).toHaveLength(ours.length);
	});

	it("lists a tool without a written description with the node's description of its operation", async () => {
		const { tools } = await client.listTools();
		const tool = tools.find((t) => t.name === 'Who_am_I');
		expect(tool?.description).toBe(ownDescription(undescribed));
		expect(tool?.description).toMatch(/^Gets the Qlik Cloud user that this tool acts as/);
		const [me] = answerJson(
			(await client.callTool({ name: tool!.name, arguments: {} })) as ToolAnswer,
		) as Array<Record<string, unknown>>;
		expect(me).toMatchObject({ id: sim.credentials.users.admin.id });
	});

	it('finds spaces by part of their name', async () => {
		const { tools } = await client.listTools();
		const tool = tools.find((t) => t.description?.startsWith('Finds Qlik Cloud spaces'))!;
		sim.clearLog();
		const spaces = answerJson(
			(await client.callTool({ name: tool.name, arguments: { name: 'finance' } })) as ToolAnswer,
		) as Array<Record<string, unknown>>;
		expect(spaces.map((s) => s.name).sort()).toEqual(['Finance reports', 'Finance staging']);
		for (const space of spaces) expect(space).not.toHaveProperty('links');
		const [list] = requests(sim, 'GET', '/api/v1/spaces');
		expect(list.query.name).toBe('finance');
	});

	it('reloads an app given by its name and answers with the finished reload', async () => {
		const { tools } = await client.listTools();
		const tool = tools.find((t) => t.description?.startsWith('Starts a reload'))!;
		sim.seed('/api/v1/items/65f1a0b2c3d4e5f6a7b8c9e0', {
			name: 'Quarterly sales',
			resourceType: 'app',
			resourceId: 'app-from-mcp',
		});
		sim.clearLog();
		const [reload] = answerJson(
			(await client.callTool({
				name: tool.name,
				arguments: { appName: 'Quarterly sales' },
			})) as ToolAnswer,
		) as Array<Record<string, unknown>>;
		expect(reload).toMatchObject({
			appId: 'app-from-mcp',
			status: 'SUCCEEDED',
			log: expect.stringContaining('Finished successfully'),
		});
		expect(requests(sim, 'GET', '/api/v1/items')[0].query).toMatchObject({
			resourceType: 'app',
			name: 'Quarterly sales',
		});
		expect(requests(sim, 'POST', '/api/v1/reloads')[0].body).toEqual({ appId: 'app-from-mcp' });
	});

	it('answers every other tool, each fed from an earlier answer as an agent would', async () => {
		const { tools } = await client.listTools();
		const call = async (description: string, args: Record<string, unknown>) => {
			const tool = tools.find((t) => t.description?.startsWith(description));
			expect(tool).toBeDefined();
			return answerJson(
				(await client.callTool({ name: tool!.name, arguments: args })) as ToolAnswer,
			) as Array<Record<string, unknown>>;
		};
		sim.clearLog();

		const users = await call('Finds users', { name: 'member' });
		expect(users.map((u) => u.name)).toEqual(['Max Member']);
		expect(requests(sim, 'GET', '/api/v1/users')[0].query.filter).toBe('name co "member"');

		sim.seed('/api/v1/items/65f1a0b2c3d4e5f6a7b8c9d1', {
			name: 'Sales dashboard',
			resourceType: 'app',
			resourceId: 'app-failing',
		});
		const apps = await call('Finds Qlik Cloud apps', { name: 'Sales' });
		expect(apps.map((a) => a.resourceId)).toContain('app-failing');
		expect(requests(sim, 'GET', '/api/v1/items')[0].query).toMatchObject({
			resourceType: 'app',
			query: 'Sales',
		});

		sim.events.setReloadOutcome('app-failing', 'FAILED');
		await simApi(sim, 'POST', '/api/v1/reloads', { appId: 'app-failing' });
		await new Promise((resolve) => setTimeout(resolve, 600));
		const [failed] = await call('Lists the failed reloads', { appId: 'app-failing' });
		expect(failed).toMatchObject({ appId: 'app-failing', status: 'FAILED' });
		expect(requests(sim, 'GET', '/api/v1/reloads')[0].query).toMatchObject({
			appId: 'app-failing',
			filter: 'status eq "FAILED"',
			sort: '-creationTime',
		});
		const [status] = await call('Gets one reload', { reloadId: failed.id });
		expect(status).toMatchObject({ id: failed.id, status: 'FAILED' });
		expect(String(status.log)).toMatch(/The reload failed$/);

		const dataSetId = '65f1a0b2c3d4e5f6a7b8c9d2';
		const schema = { dataFields: [{ name: 'amount', dataType: { type: 'DOUBLE' } }] };
		sim.seed(`/api/v1/data-sets/${dataSetId}`, { name: 'Orders', schema });
		const [dataSet] = await call('Gets a data set', { dataSetId });
		expect(dataSet).toMatchObject({ id: dataSetId, schema });

		await call('Lists the newest audit events', {});
		const [audits] = requests(sim, 'GET', '/api/v1/audits');
		expect(audits.query.sort).toBe('-eventTime');
		expect(audits.query).not.toHaveProperty('eventType');

		const [space] = (await call('Finds Qlik Cloud spaces', { name: 'marketing' })) as Array<{
			id: string;
		}>;
		const [connection] = await call('Gets the DataFiles connection', { spaceId: space.id });
		expect(connection).toMatchObject({ spaceId: space.id });
		await call('Lists the data files', { connectionId: connection.id });
		const [files] = requests(sim, 'GET', '/api/v1/data-files');
		expect(files.query.connectionId).toBe(connection.id);
	});
});
