/**
 * The node as n8n's *Qlik Cloud Tool* (an AI agent's or an MCP client's tool): its output is
 * bounded for a model's context, and operations that need n8n files are refused before any
 * request. Runs go through the node against the simulator, as the tool type n8n derives.
 */
import { NodeOperationError } from 'n8n-workflow';

import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, simApi, useSimulator } from '../helpers/sim';

const sim = useSimulator({ reloadTimes: { queuedMs: 50, runningMs: 100 } });

const listSpaces = async (asTool: boolean, extra: Record<string, unknown> = {}) =>
	await runNode({
		parameters: {
			resource: 'space',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'tool-test' },
			...extra,
		},
		credential: apiKeyCredential(sim()),
		asTool,
	});

beforeAll(async () => {
	for (let n = 0; n < 30; n++) {
		await simApi(sim(), 'POST', '/api/v1/spaces', { name: `tool-test ${n}`, type: 'shared' });
	}
});

describe('a Get Many run as a tool', () => {
	it('returns the first 20 results, trimmed, and says that more exist', async () => {
		const result = await listSpaces(true);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(21);
		const spaces = result.items.slice(0, 20).map((item) => item.json);
		for (const space of spaces) {
			expect(space.name).toMatch(/^tool-test \d+$/);
			expect(space).not.toHaveProperty('links');
			expect(space).not.toHaveProperty('meta');
		}
		expect(result.items[20].json).toEqual({
			moreResults: true,
			note: expect.stringContaining('first 20 results'),
		});
	});

	it('stops fetching once it has one more than it shows', async () => {
		sim().clearLog();
		await listSpaces(true, { toolItemLimit: 3 });
		const [list] = requests(sim(), 'GET', '/api/v1/spaces');
		expect(list.query.limit).toBe('4');
	});

	it('shows all results when there are no more than the limit, with no note', async () => {
		const result = await listSpaces(true, { toolItemLimit: 50 });
		expect(result.items).toHaveLength(30);
		expect(result.items.some((item) => item.json.moreResults)).toBe(false);
	});

	it('is not bounded when the node runs in a workflow', async () => {
		const result = await listSpaces(false);
		expect(result.items).toHaveLength(30);
		expect(result.items[0].json).toHaveProperty('links');
	});
});

describe('a tool run of one object', () => {
	it("keeps the end of a reload's log", async () => {
		sim().events.setReloadOutcome('tool-app', 'FAILED');
		const started = await simApi(sim(), 'POST', '/api/v1/reloads', { appId: 'tool-app' });
		await new Promise((resolve) => setTimeout(resolve, 300));
		const result = await runNode({
			parameters: { resource: 'reload', operation: 'get', reloadId: started.id },
			credential: apiKeyCredential(sim()),
			asTool: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			id: started.id,
			status: 'FAILED',
			log: expect.stringMatching(/The reload failed$/),
		});
		expect(result.items[0].json).not.toHaveProperty('links');
	});
});

describe('operations that need n8n files', () => {
	it.each([
		[
			'reads a file (data file upload)',
			{ resource: 'dataFile', operation: 'create' },
			/sends a file/,
		],
		[
			'answers with a file (app export download)',
			{ resource: 'tempContent', operation: 'download', fileId: '65f1a0b2c3d4e5f6a7b8c9d0' },
			/answers with a file/,
		],
	])(
		'are refused as a tool before any request: one that %s',
		async (_label, parameters, message) => {
			sim().clearLog();
			const result = await runNode({
				parameters,
				credential: apiKeyCredential(sim()),
				asTool: true,
			});
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(/Qlik Cloud node in a workflow/);
			expect(sim().log).toHaveLength(0);
		},
	);
});

describe('the tool option', () => {
	it('is shown only on the tool', () => {
		const property = new QlikCloud().description.properties.find((p) => p.name === 'toolItemLimit');
		expect(property?.displayOptions).toEqual({ show: { '@tool': [true] } });
		expect(property?.default).toBe(20);
	});
});
