/**
 * The tool descriptions in the built node: one per offered operation, shown only on n8n's
 * *Qlik Cloud Tool*, written for a model (never n8n's automatic "{action} in Qlik Cloud"), and
 * what n8n's own helpers (n8n-workflow) then give a tool as its description.
 */
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { QlikCloud } from '../../../../nodes/QlikCloud/QlikCloud.node';
import { operationFor } from '../../../../nodes/QlikCloud/actions';
import { fileUse } from '../../../../nodes/QlikCloud/shared/tool';
import type { OperationSpec } from '../../../../nodes/QlikCloud/shared/types';
import {
	describeForTool,
	neededInputs,
	TOOL_DESCRIPTION,
} from '../../../../nodes/QlikCloud/shared/toolDescription';

const plain = new QlikCloud().description;
/** The tool n8n derives: the same properties under a name ending in `Tool` (what `@tool` reads). */
const tool: INodeTypeDescription = { ...plain, name: `${plain.name}Tool` };

const toolDescriptions = plain.properties.filter((p) => p.name === TOOL_DESCRIPTION);

/** Every resource and operation a new node can pick. */
const offered: Array<{ resource: string; option: INodePropertyOptions }> = (
	plain.properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]
).flatMap((r) =>
	plain.properties
		.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value))
		.flatMap((p) => p.options as INodePropertyOptions[])
		.map((option) => ({ resource: String(r.value), option })),
);

const visible = (description: INodeTypeDescription, parameters: INodeParameters) =>
	toolDescriptions.filter((p) =>
		NodeHelpers.displayParameter(parameters, p, { typeVersion: 1 }, description),
	);

const cases = offered.map(({ resource, option }) => [
	`${resource}.${String(option.value)}`,
	resource,
	option,
]) as Array<[string, string, INodePropertyOptions]>;

describe('the Tool Description of every offered operation', () => {
	it('covers all offered operations', () => {
		expect(offered.length).toBeGreaterThan(400);
	});

	it.each(cases)('%s: exactly one on the tool, none on the node', (_name, resource, option) => {
		const parameters = { resource, operation: option.value };
		const shown = visible(tool, parameters);
		expect(shown).toHaveLength(1);
		expect(visible(plain, parameters)).toHaveLength(0);
		const text = String(shown[0].default);
		expect(text.trim()).not.toBe('');
		expect(text).not.toBe(NodeHelpers.makeDescription(parameters, tool));
		expect(text).not.toBe(`${option.action} in ${plain.defaults.name}`);
	});

	it('says for each operation that uses n8n files that a tool cannot run it', () => {
		const files = offered.filter(({ resource, option }) =>
			fileUse(operationFor(resource, String(option.value))!),
		);
		expect(files.length).toBeGreaterThan(10);
		for (const { resource, option } of files) {
			const [shown] = visible(tool, { resource, operation: option.value });
			expect(String(shown.default)).toMatch(/Not for a tool: it (sends|answers with) a file/);
		}
	});

	it('says for each list that it is bounded by Most Results for the Agent', () => {
		for (const { resource, option } of offered) {
			const spec = operationFor(resource, String(option.value))!;
			if (fileUse(spec) || !['list', 'array'].includes(spec.response.kind)) continue;
			const [shown] = visible(tool, { resource, operation: option.value });
			expect(String(shown.default)).toContain('at most Most Results for the Agent');
		}
	});
});

describe("what n8n's helpers make of it", () => {
	const node = (parameters: INodeParameters): INode => ({
		id: '1',
		name: 'Get a space in Qlik Cloud',
		type: 'n8n-nodes-qlik-cloud.qlikCloudTool',
		typeVersion: 1,
		position: [0, 0],
		parameters:
			NodeHelpers.getNodeParameters(
				tool.properties,
				parameters,
				true,
				false,
				{ typeVersion: 1 },
				tool,
			) ?? {},
	});
	const spaceGet = visible(tool, { resource: 'space', operation: 'get' })[0];

	it("fills a tool's description with its operation's default (as the Workflow does)", () => {
		const filled = node({ resource: 'space', operation: 'get' });
		expect(filled.parameters.toolDescription).toBe(spaceGet.default);
		expect(NodeHelpers.getToolDescriptionForNode(filled, { description: tool } as never)).toBe(
			spaceGet.default,
		);
	});

	it('keeps a description the user wrote, and drops the old manual/auto switch', () => {
		const own = node({
			resource: 'space',
			operation: 'get',
			descriptionType: 'manual',
			toolDescription: 'Looks up one space.',
		});
		expect(own.parameters).not.toHaveProperty('descriptionType');
		expect(NodeHelpers.getToolDescriptionForNode(own, { description: tool } as never)).toBe(
			'Looks up one space.',
		);
	});

	it('gives the plain node no tool description', () => {
		expect(node({ resource: 'space', operation: 'get' }).parameters).toHaveProperty(
			TOOL_DESCRIPTION,
		);
		const asNode =
			NodeHelpers.getNodeParameters(
				plain.properties,
				{ resource: 'space', operation: 'get' },
				true,
				false,
				{ typeVersion: 1 },
				plain,
			) ?? {};
		expect(asNode).not.toHaveProperty(TOOL_DESCRIPTION);
	});
});

describe('describeForTool', () => {
	const option = (action: string, description: string): INodePropertyOptions => ({
		name: 'X',
		value: 'x',
		action,
		description,
	});
	const spec = (response: OperationSpec['response'], extra: Partial<OperationSpec> = {}) =>
		({
			method: 'GET',
			path: '/x',
			tier: { tier: '1', perMinute: 1000 },
			response,
			...extra,
		}) as OperationSpec;
	const list = spec({ kind: 'list', maxPageSize: 100 });

	it.each<[string, INodePropertyOptions, OperationSpec, string[], string | undefined, string]>([
		[
			'a list says what it lists and its bound, not the editor paging',
			option(
				'Get many glossaries',
				'Returns many glossaries, page by page (all of them, or up to the limit).',
			),
			list,
			[],
			undefined,
			'Lists glossaries. One object per result, at most Most Results for the Agent (20 unless changed); a last item "moreResults": true means there are more: narrow the request.',
		],
		[
			'an object says it answers one, and what it needs',
			option('Get a role', 'Returns a role.'),
			spec({ kind: 'object' }),
			['Role ID'],
			undefined,
			'Returns a role. Answers with one object. Needs: Role ID.',
		],
		[
			'an empty answer keeps what its sentence says it outputs',
			option('Delete a theme', 'Deletes a theme and outputs `deleted: true`.'),
			spec({ kind: 'empty', output: { deleted: true } }, { method: 'DELETE' }),
			['Theme ID'],
			undefined,
			'Deletes a theme and outputs `deleted: true`. Needs: Theme ID.',
		],
		[
			'text says its shape',
			option('Get app script', 'Returns app script as text.'),
			spec({ kind: 'text' }),
			[],
			undefined,
			'Returns app script as text. Answers with {"text": …}.',
		],
		[
			'a deprecated list keeps the deprecation first',
			option(
				'Get many reload tasks (deprecated)',
				'Deprecated by Qlik (sunset 2026-01-01); use Task instead. Returns many reload tasks, page by page (all of them, or up to the limit).',
			),
			list,
			[],
			undefined,
			'Deprecated by Qlik (sunset 2026-01-01); use Task instead. Lists reload tasks (deprecated). One object per result, at most Most Results for the Agent (20 unless changed); a last item "moreResults": true means there are more: narrow the request.',
		],
		[
			'a hand-written sentence replaces the rule, the bound and inputs stay',
			option('Get many users', 'Returns many users.'),
			list,
			['Tenant ID'],
			'Lists the users.',
			'Lists the users. One object per result, at most Most Results for the Agent (20 unless changed); a last item "moreResults": true means there are more: narrow the request. Needs: Tenant ID.',
		],
		[
			'an upload says a tool cannot run it',
			option('Upload a theme file', 'Uploads a theme file'),
			spec(
				{ kind: 'object' },
				{
					body: {
						kind: 'binary',
						field: { name: 'file', label: 'File', type: 'binary' },
						contentType: 'image/png',
					},
				},
			),
			['File'],
			undefined,
			'Uploads a theme file. Not for a tool: it sends a file from n8n, so a tool call is refused before any request. Use it in a workflow.',
		],
		[
			'a download says a tool cannot run it',
			option('Export an app', 'Exports an app and returns the file as binary data.'),
			spec({ kind: 'binary' }),
			[],
			undefined,
			'Exports an app and returns the file as binary data. Not for a tool: it answers with a file, so a tool call is refused before any request. Use it in a workflow.',
		],
	])('%s', (_label, opt, row, needs, own, expected) => {
		expect(describeForTool(opt, row, needs, own)).toBe(expected);
	});
});

describe('neededInputs', () => {
	const field = (p: Partial<INodeProperties>): INodeProperties =>
		({ displayName: 'X', name: 'x', type: 'string', default: '', ...p }) as INodeProperties;
	const show = { show: { resource: ['space'], operation: ['get'] } };

	it.each<[string, INodeProperties[], string[]]>([
		['a required field by its name', [field({ displayName: 'Name', required: true })], ['Name']],
		['an optional field: none', [field({ displayName: 'Name' })], []],
		[
			'a locator as an ID, once',
			[
				field({
					displayName: 'App ID',
					type: 'resourceLocator',
					required: true,
					modes: [{ displayName: 'By ID', name: 'id', type: 'string' }],
				}),
				field({ displayName: 'App ID', type: 'resourceLocator', required: true, modes: [] }),
			],
			['App ID'],
		],
		[
			'a locator with By Name as an ID or exact name',
			[
				field({
					displayName: 'Space',
					type: 'resourceLocator',
					required: true,
					displayOptions: show,
					modes: [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list',
							typeOptions: { searchListMethod: 'searchSpace' },
						},
						{ displayName: 'By Name', name: 'name', type: 'string' },
					],
				}),
			],
			['Space ID or exact name'],
		],
		[
			'a field shown only for some other choice: none',
			[
				field({
					displayName: 'Name',
					required: true,
					displayOptions: { show: { ...show.show, locateBy: ['name'] } },
				}),
			],
			[],
		],
		[
			'a notice: none',
			[field({ displayName: 'Calls GET /x', type: 'notice', required: true })],
			[],
		],
	])('%s', (_label, properties, expected) => {
		expect(neededInputs(properties)).toEqual(expected);
	});
});
