/** A small spec for the generator's stage tests: widgets, their parts, and an owner action. */
import type { SpecRule } from '../../../scripts/generate/config';
import type { Json } from '../../../scripts/generate/spec';
import { Spec } from '../../../scripts/generate/spec';

const tier1 = { 'x-qlik-tier': { tier: '1' } };
const tier2 = { 'x-qlik-tier': { tier: '2' } };
const json = (schema: Json) => ({ content: { 'application/json': { schema } } });
const widget = { $ref: '#/components/schemas/Widget' };
const list = { $ref: '#/components/schemas/WidgetList' };
const id = { in: 'path', name: 'widgetId', required: true, schema: { type: 'string' } };

export const widgetsDoc: Json = {
	paths: {
		'/api/v1/widgets': {
			get: {
				...tier1,
				operationId: 'listWidgets',
				parameters: [
					{ in: 'query', name: 'limit', schema: { type: 'integer', maximum: 50 } },
					{ in: 'query', name: 'next', schema: { type: 'string' } },
					{ in: 'query', name: 'sort', schema: { type: 'string', enum: ['name', '-name'] } },
				],
				responses: { '200': json(list) },
			},
			post: {
				...tier2,
				requestBody: { required: true, ...json(widget) },
				responses: { '201': json(widget) },
			},
		},
		'/api/v1/widgets/{widgetId}': {
			parameters: [id],
			get: { ...tier1, responses: { '200': json(widget) } },
			put: { ...tier2, requestBody: json(widget), responses: { '200': json(widget) } },
			patch: {
				...tier2,
				requestBody: json({
					type: 'array',
					items: {
						type: 'object',
						properties: {
							op: { type: 'string', enum: ['add, replace'] },
							path: {
								type: 'string',
								enum: ['/name', '/description', '/settings/color', 'size', '/tags/-'],
							},
							value: { oneOf: [{ type: 'string' }, { type: 'array' }] },
						},
					},
				}),
				responses: { '204': {} },
			},
			delete: { ...tier2, responses: { '204': {} } },
		},
		'/api/v1/widgets/{widgetId}/actions/change-owner': {
			post: {
				...tier2,
				parameters: [id],
				requestBody: json({
					type: 'object',
					required: ['ownerId'],
					properties: { ownerId: { type: 'string' } },
				}),
				responses: { '200': json(widget) },
			},
		},
		'/api/v1/widgets/{widgetId}/file': {
			get: {
				...tier1,
				parameters: [id],
				responses: { '200': { content: { 'application/zip': {} } } },
			},
		},
		'/api/v1/widgets/{widgetId}/parts': {
			get: {
				...tier1,
				parameters: [id],
				responses: { '200': json({ type: 'array', items: { type: 'object' } }) },
			},
		},
	},
	components: {
		schemas: {
			Widget: {
				allOf: [
					{
						type: 'object',
						required: ['name'],
						properties: { name: { type: 'string', maxLength: 50 } },
					},
					{
						type: 'object',
						properties: {
							description: { type: 'string' },
							clientSecret: { type: 'string' },
							size: { type: 'integer', minimum: 1, default: 3 },
							tags: { type: 'array', items: { type: 'string' } },
							settings: { type: 'object', properties: { color: { type: 'string' } } },
						},
					},
				],
			},
			WidgetList: {
				type: 'object',
				properties: {
					data: { type: 'array', items: widget },
					links: { type: 'object' },
				},
			},
		},
	},
};

export const widgetRules: SpecRule[] = [
	{
		spec: 'widgets.json',
		resources: [
			{
				resource: 'widgetPart',
				displayName: 'Widget Part',
				match: /^\/api\/v1\/widgets\/\{widgetId\}\/parts/,
			},
			{ resource: 'widget', displayName: 'Widget' },
		],
	},
];

/** A fresh copy of the spec (stages may be run on it more than once). */
export function widgetsSpec(): Spec {
	return new Spec('widgets.json', JSON.parse(JSON.stringify(widgetsDoc)) as Json);
}
