import type { Json } from '../../../scripts/generate/spec';
import { buildTables, isRetired } from '../../../scripts/generate/tables';
import { widgetRules, widgetsSpec } from './fixture';

const empty = { renames: [], endpoints: {} };

describe('assembly', () => {
	it('gives one table per resource, rows keyed by value, with the facts of the spec', () => {
		const { tables } = buildTables([widgetsSpec()], empty, widgetRules);
		expect(tables.map((t) => [t.resource, Object.keys(t.operations)])).toEqual([
			[
				'widget',
				['getAll', 'create', 'get', 'replace', 'update', 'delete', 'changeOwner', 'getFile'],
			],
			['widgetPart', ['getAll']],
		]);
		const [widget, part] = tables;
		expect(widget.operations.getAll).toMatchObject({
			name: 'Get Many',
			action: 'Get many widgets',
			description: 'Returns many widgets, page by page (all of them, or up to the limit).',
			method: 'GET',
			path: '/api/v1/widgets',
			tier: { tier: '1', perMinute: 1000 },
			status: 200,
			operationId: 'listWidgets',
			response: { kind: 'list', maxPageSize: 50 },
			query: [
				{
					name: 'sort',
					label: 'Sort',
					type: 'string',
					param: 'sort',
					enum: ['name', '-name'],
					sort: true,
				},
			],
		});
		expect(widget.operations.changeOwner).toMatchObject({
			name: 'Change Owner',
			status: 200,
			pathParams: [{ name: 'widgetId', label: 'Widget', locator: 'widget' }],
			body: { kind: 'json', fields: [{ name: 'ownerId', required: true }] },
		});
		// The parts' widget is picked from the widgets' list.
		expect(part.operations.getAll.pathParams).toEqual([
			{ name: 'widgetId', label: 'Widget', locator: 'widget', hint: 'ID of the widget' },
		]);
	});

	it('the lock wins over the rules, and a renamed resource keeps its ID parameter', () => {
		const { tables, resolution } = buildTables(
			[widgetsSpec()],
			{
				renames: [{ resource: 'gadget', to: 'widget' }],
				endpoints: {
					'GET /api/v1/widgets/{widgetId}': { resource: 'gadget', operation: 'get' },
					'GET /api/v1/widgets/{widgetId}/file': { resource: 'gadget', operation: 'download' },
				},
			},
			widgetRules,
		);
		const widget = tables.find((t) => t.resource === 'widget')!;
		expect(Object.keys(widget.operations)).toContain('download');
		expect(Object.keys(widget.operations)).not.toContain('getFile');
		expect(widget.operations.get.pathParams).toEqual([
			{
				name: 'widgetId',
				label: 'Widget',
				param: 'gadgetId',
				locator: 'widget',
				hint: 'ID of the widget',
			},
		]);
		expect(resolution.problems).toEqual([
			expect.stringContaining(
				'the naming rules now give widget.getFile, the lock holds widget.download',
			),
		]);
	});

	it.each([
		['2026-09', '2026-09-30', false],
		['2026-09', '2026-10-01', true],
		['2026-09-15', '2026-09-15', false],
		['2026-09-15', '2026-09-16', true],
		['2027-01', '2026-12-01', false],
	])('a sunset of %s is past on %s: %s', (sunset, today, past) => {
		expect(isRetired(sunset, today)).toBe(past);
	});

	it('an operation past its sunset on the generation date is retired, naming the replacement', () => {
		const spec = widgetsSpec();
		const put = (spec.doc.paths as Json)['/api/v1/widgets/{widgetId}'] as Json;
		Object.assign(put.put as Json, {
			'x-qlik-deprecated': true,
			'x-qlik-deprecated-sunset': '2026-09',
			'x-qlik-replaced-by': [{ uniqueIdentifier: 'PATCH:/v1/widgets/{widgetId}' }],
		});
		const replace = (today: string) =>
			buildTables([spec], empty, widgetRules, today).tables[0].operations.replace;
		expect(replace('2026-09-30').retired).toBeUndefined();
		expect(replace('2026-10-01')).toMatchObject({
			deprecated: { sunset: '2026-09', replacement: 'Widget → Update' },
			retired: { operation: 'Widget → Replace', sunset: '2026-09', replacement: 'Widget → Update' },
		});
	});
});
