import {
	bodyOf,
	fieldOf,
	pathParamsOf,
	responseOf,
	tierOf,
	withLocator,
} from '../../../scripts/generate/fields';
import type { Draft, Json } from '../../../scripts/generate/spec';
import { draftsOf } from '../../../scripts/generate/spec';
import { widgetRules, widgetsSpec } from './fixture';

function draft(endpoint: string): Draft {
	const found = draftsOf([widgetsSpec()], widgetRules).find((d) => d.endpoint === endpoint);
	if (!found) throw new Error(`no ${endpoint} in the fixture`);
	return found;
}

const widget = { resource: 'widget', displayName: 'Widget', base: '/api/v1/widgets' };

describe('fields stage', () => {
	it.each([
		['GET /api/v1/widgets', { kind: 'list', maxPageSize: 50 }],
		['POST /api/v1/widgets', { kind: 'object' }],
		['PATCH /api/v1/widgets/{widgetId}', { kind: 'empty', output: { success: true } }],
		['DELETE /api/v1/widgets/{widgetId}', { kind: 'empty', output: { deleted: true } }],
		['GET /api/v1/widgets/{widgetId}/file', { kind: 'binary', mimeType: 'application/zip' }],
		['GET /api/v1/widgets/{widgetId}/parts', { kind: 'array' }],
	])('%s answers %j', (endpoint, response) => {
		expect(responseOf(draft(endpoint))).toEqual(response);
	});

	it.each<[string, 'put' | 'delete' | 'get', Json, unknown]>([
		[
			'a 204, whatever content it lists',
			'delete',
			{ '204': { content: { 'application/json': {} } } },
			{ kind: 'empty', output: { deleted: true } },
		],
		[
			'a 204 with a schema',
			'delete',
			{ '204': { content: { 'application/json': { schema: { type: 'object' } } } } },
			{ kind: 'empty', output: { deleted: true } },
		],
		[
			'JSON without a schema',
			'put',
			{ '200': { content: { 'application/json': {} } } },
			{ kind: 'empty', output: { success: true } },
		],
		[
			'a file that is also listed as JSON',
			'get',
			{
				'200': {
					content: {
						'image/png': { schema: { type: 'string', format: 'binary' } },
						'application/json': { schema: { type: 'string', format: 'binary' } },
					},
				},
			},
			{ kind: 'binary', mimeType: 'image/png' },
		],
	])('%s answers as declared', (_, method, responses, response) => {
		const spec = widgetsSpec();
		const item = (spec.doc.paths as Record<string, Json>)['/api/v1/widgets/{widgetId}'];
		(item[method] as Json).responses = responses;
		const endpoint = `${method.toUpperCase()} /api/v1/widgets/{widgetId}`;
		const found = draftsOf([spec], widgetRules).find((d) => d.endpoint === endpoint)!;
		expect(responseOf(found)).toEqual(response);
	});

	it('reads the rate tier, with its default limit', () => {
		expect(tierOf(draft('GET /api/v1/widgets').op)).toEqual({ tier: '1', perMinute: 1000 });
		expect(tierOf(draft('POST /api/v1/widgets').op)).toEqual({ tier: '2', perMinute: 100 });
		expect(() => tierOf({ operationId: 'x' })).toThrow('no x-qlik-tier on "x"');
	});

	it('a JSON body: required properties at the top, the rest under Additional Fields', () => {
		const d = draft('POST /api/v1/widgets');
		expect(bodyOf(d, new Set(), 'create', new Set())).toEqual({
			kind: 'json',
			required: true,
			fields: [
				{ name: 'name', label: 'Name', type: 'string', maxLength: 50, required: true },
				{
					name: 'description',
					label: 'Description',
					type: 'string',
					param: 'additionalFields.description',
				},
				{
					name: 'clientSecret',
					label: 'Client Secret',
					type: 'string',
					param: 'additionalFields.clientSecret',
					typeOptions: { password: true },
				},
				{
					name: 'size',
					label: 'Size',
					type: 'integer',
					param: 'additionalFields.size',
					minimum: 1,
					default: 3,
				},
				{
					name: 'tags',
					label: 'Tags',
					type: 'array',
					items: 'string',
					param: 'additionalFields.tags',
				},
				{ name: 'settings', label: 'Settings', type: 'object', param: 'additionalFields.settings' },
				{
					name: 'json',
					param: 'additionalFields.json',
					label: 'More Fields (JSON)',
					type: 'object',
					spread: true,
					hint: 'Further body properties as a JSON object; named fields win',
				},
			],
		});
	});

	it('an operation whose first value starts with "update" takes Update Fields', () => {
		const body = bodyOf(draft('PUT /api/v1/widgets/{widgetId}'), new Set(), 'updateAll', new Set());
		expect(body?.kind === 'json' && body.fields[1].param).toBe('updateFields.description');
	});

	it('a JSON Patch body: Update Fields for the listed paths, typed from the item, raw operations optional', () => {
		const body = bodyOf(draft('PATCH /api/v1/widgets/{widgetId}'), new Set(), 'update', new Set());
		expect(body).toEqual({
			kind: 'jsonPatch',
			fields: [
				{ name: 'name', label: 'Name', type: 'string', maxLength: 50, param: 'updateFields.name' },
				{
					name: 'description',
					label: 'Description',
					type: 'string',
					param: 'updateFields.description',
				},
				{
					name: 'settings/color',
					label: 'Settings Color',
					type: 'string',
					param: 'updateFields.settingsColor',
				},
				{
					name: 'size',
					label: 'Size',
					type: 'integer',
					param: 'updateFields.size',
					minimum: 1,
					default: 3,
				},
			],
			raw: {
				name: 'body',
				param: 'patch',
				label: 'Patch Operations (JSON)',
				type: 'json',
				hint: 'More JSON Patch operations, sent after the Update Fields ones, e.g. [{"op": "replace", "path": "/name", "value": …}]',
			},
		});
	});

	it('a JSON Patch body whose paths the spec does not list stays one raw field', () => {
		const d = draft('PATCH /api/v1/widgets/{widgetId}');
		const items = (d.op.requestBody as Json).content as Json;
		const schema = (items['application/json'] as Json).schema as Json;
		delete (((schema.items as Json).properties as Json).path as Json).enum;
		expect(bodyOf(d, new Set(), 'update', new Set())).toMatchObject({
			kind: 'raw',
			field: { param: 'patch', label: 'Patch Operations (JSON)', type: 'json', required: true },
		});
	});

	it('a required body property whose name is taken gets a prefix', () => {
		const d = draft('POST /api/v1/widgets');
		const body = bodyOf(d, new Set(['name']), 'create', new Set());
		expect(body?.kind === 'json' && body.fields[0].param).toBe('bodyName');
	});

	it("the collection's own ID is named after the resource's first value", () => {
		const d = draft('GET /api/v1/widgets/{widgetId}');
		expect(pathParamsOf(d, { ...widget, idParam: 'widgetId' }, new Map())).toEqual([
			{ name: 'widgetId', label: 'Widget ID' },
		]);
		expect(
			pathParamsOf(
				d,
				{ ...widget, idParam: 'gadgetId' },
				new Map([
					[
						'/api/v1/widgets/{}',
						{ resource: 'widget', displayName: 'Widget', listable: true, idParam: 'gadgetId' },
					],
				]),
			),
		).toEqual([{ name: 'widgetId', label: 'Widget', param: 'gadgetId', locator: 'widget' }]);
	});

	it('a string enum becomes a choice with its default', () => {
		const spec = widgetsSpec();
		expect(
			fieldOf(
				spec,
				'sort',
				{ type: 'string', enum: ['name', '-name'], default: '-name' },
				false,
				'filters.sort',
			),
		).toEqual({
			name: 'sort',
			label: 'Sort',
			type: 'string',
			param: 'filters.sort',
			enum: ['name', '-name'],
			default: '-name',
		});
	});

	it.each([
		['spaceId', 'string', undefined, 'space'],
		['ownerId', 'string', undefined, 'user'],
		['spaceId', 'array', undefined, undefined],
		['spaceId', 'string', ['personal'], undefined],
		['colorId', 'string', undefined, undefined],
	] as const)(
		'an ID %s (%s, enum %j) is picked from the list of %s',
		(name, type, values, resource) => {
			const locators = new Map([
				['spaceId', 'space'],
				['ownerId', 'user'],
			]);
			const field = withLocator(
				{ name, label: 'X', type, ...(values ? { enum: values } : {}) },
				locators,
			);
			expect(field.locator).toBe(resource);
		},
	);
});
