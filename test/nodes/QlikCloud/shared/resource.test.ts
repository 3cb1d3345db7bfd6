import type { INodeProperties } from 'n8n-workflow';

import type { ResourceCuration } from '../../../../nodes/QlikCloud/shared/resource';
import { buildResource } from '../../../../nodes/QlikCloud/shared/resource';
import type { ResourceTable, TableOperation } from '../../../../nodes/QlikCloud/shared/types';

const row = (name: string, path: string): TableOperation => ({
	name,
	action: name,
	method: 'GET',
	path,
	tier: { tier: '1', perMinute: 1000 },
	status: 200,
	response: { kind: 'object' },
	pathParams: [{ name: 'widgetId', label: 'Widget ID' }],
});

const widget: ResourceTable = {
	resource: 'widget',
	displayName: 'Widget',
	spec: 'widgets.json',
	operations: { get: row('Get', '/w/{widgetId}'), getFile: row('Get File', '/w/{widgetId}/f') },
};
const tables = new Map([['widget', widget]]);

// A curation is typed by its resource's values; these keys are wrong on purpose.
const loose = (curation: object) => curation as ResourceCuration;

describe('buildResource', () => {
	it.each([
		['options', { options: { fetch: { name: 'Fetch' } } }, 'options.fetch'],
		[
			'operations',
			{ operations: { fetch: { description: [], operation: widget.operations.get } } },
			'operations.fetch',
		],
		['extend', { extend: { fetch: { properties: [], execute: async () => [] } } }, 'extend.fetch'],
	])(
		'refuses a curation key in %s that matches no row, naming the resource and the key',
		(_part, curation, key) => {
			expect(() => buildResource(widget, tables, loose(curation))).toThrow(
				`The curation of "widget" names ${key}, but "fetch" is no operation there`,
			);
		},
	);

	it('refuses to borrow a row that does not exist', () => {
		const curation = loose({
			borrow: { thing: { table: 'widget', operation: 'fetch', option: { name: 'Thing' } } },
		});
		expect(() => buildResource(widget, tables, curation)).toThrow(
			'The curation of "widget" names borrow.thing, but "widget.fetch" is no operation there',
		);
	});

	it('a borrowed value is a row to curate', () => {
		const curation = loose({
			borrow: { thing: { table: 'widget', operation: 'getFile', option: { name: 'Thing' } } },
			options: { thing: { action: 'Get the thing' } },
		});
		const built = buildResource(widget, tables, curation);
		expect(Object.keys(built.operations)).toEqual(['get', 'getFile', 'thing']);
		expect(built.description[0].options).toContainEqual(
			expect.objectContaining({ value: 'thing', name: 'Thing', action: 'Get the thing' }),
		);
	});

	it('fields of a renamed resource and operation are shown for their old values too', () => {
		const built = buildResource(
			widget,
			tables,
			{},
			{
				resource: ['gadget'],
				operations: { getFile: ['download'] },
			},
		);
		const shows = built.description.map((p: INodeProperties) => [p.name, p.displayOptions?.show]);
		expect(shows).toEqual([
			['operation', { resource: ['widget', 'gadget'] }],
			['endpointNotice', { resource: ['widget', 'gadget'], operation: ['get'] }],
			['widgetId', { resource: ['widget', 'gadget'], operation: ['get'] }],
			['endpointNotice', { resource: ['widget', 'gadget'], operation: ['getFile', 'download'] }],
			['widgetId', { resource: ['widget', 'gadget'], operation: ['getFile', 'download'] }],
		]);
		// The endpoint stays findable in the form.
		expect(built.description[1].displayName).toBe('Calls GET /w/{widgetId}');
		expect(built.description[0].options?.map((o) => ('value' in o ? o.value : ''))).toEqual([
			'get',
			'getFile',
		]);
	});

	it('offers no retired operation for new nodes, but keeps its row to fail with', () => {
		const retired = { operation: 'Widget → Get File', sunset: '2026-05' };
		const built = buildResource(
			{
				...widget,
				operations: { ...widget.operations, getFile: { ...widget.operations.getFile, retired } },
			},
			tables,
		);
		const values = (built.description[0].options as Array<{ value: string }>).map((o) => o.value);
		expect(values).toEqual(['get']);
		expect(built.description[0].default).toBe('get');
		expect(built.retired).toBeUndefined();
		expect(
			built.description.filter((p) => p.displayOptions?.show?.operation?.includes('getFile')),
		).toEqual([]);
		expect(built.operations.getFile.retired).toEqual(retired);

		const all = buildResource(
			{ ...widget, operations: { get: { ...widget.operations.get, retired } } },
			tables,
		);
		expect(all.retired).toBe(true);
	});

	it('gives each offered operation its tool description, only when asked (the node, not a curated row)', () => {
		const texts = (built: ReturnType<typeof buildResource>) =>
			built.description.filter((p) => p.name === 'toolDescription').map((p) => p.default);
		expect(texts(buildResource(widget, tables))).toEqual([]);
		expect(texts(buildResource(widget, tables, {}, undefined, { get: 'Gets a widget.' }))).toEqual([
			'Gets a widget. Needs: Widget ID.',
			'Get File. Answers with one object. Needs: Widget ID.',
		]);
		expect(() => buildResource(widget, tables, {}, undefined, { fetch: 'Fetches.' })).toThrow(
			'The curation of "widget" names the tool description fetch, but "fetch" is no operation there: rename or remove the key (actions/toolDescriptions.ts)',
		);
	});
});
