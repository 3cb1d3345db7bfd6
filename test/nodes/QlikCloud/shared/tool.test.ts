import type { IDataObject } from 'n8n-workflow';

import { rowOf } from '../../../../nodes/QlikCloud/actions/api';
import { operationFor } from '../../../../nodes/QlikCloud/actions';
import {
	boundToolOutput,
	fileUse,
	TOOL_TRIM,
	trimForTool,
} from '../../../../nodes/QlikCloud/shared/tool';

const long = (n: number) => 'x'.repeat(n);
const nested = (depth: number): IDataObject =>
	depth === 0 ? { leaf: 1 } : { n: nested(depth - 1) };

describe('trimForTool', () => {
	it.each<[string, IDataObject, IDataObject]>([
		[
			'drops links and meta at every level',
			{ id: 'a', links: {}, meta: {}, owner: { id: 'u', links: {} } },
			{ id: 'a', owner: { id: 'u' } },
		],
		[
			'keeps short values as they are',
			{ name: 'Sales', size: 3, ok: true, none: null },
			{ name: 'Sales', size: 3, ok: true, none: null },
		],
		[
			'cuts long text at its start',
			{ description: long(TOOL_TRIM.maxStringLength + 5) },
			{ description: `${long(TOOL_TRIM.maxStringLength)}…[5 more characters left out]` },
		],
		[
			'keeps the end of a log',
			{ log: `start\n${long(TOOL_TRIM.maxStringLength)}\nThe reload failed` },
			{
				log: `…${`${long(TOOL_TRIM.maxStringLength)}\nThe reload failed`.slice(-TOOL_TRIM.maxStringLength)}`,
			},
		],
		[
			'cuts long lists and says how many were left out',
			{ tags: Array.from({ length: TOOL_TRIM.maxArrayItems + 2 }, (_, k) => k) },
			{
				tags: [
					...Array.from({ length: TOOL_TRIM.maxArrayItems }, (_, k) => k),
					'[2 more left out]',
				],
			},
		],
		[
			'summarises objects nested too deep',
			nested(TOOL_TRIM.maxDepth + 1),
			{ n: { n: { n: { n: { n: { n: '[object with 1 fields]' } } } } } },
		],
	])('%s', (_label, input, expected) => {
		expect(trimForTool(input)).toEqual(expected);
	});

	it("keeps a data set's field types (the schema depth an agent asks for)", () => {
		const dataSet = {
			schema: { dataFields: [{ name: 'Amount', dataType: { type: 'DOUBLE', properties: {} } }] },
		};
		expect(trimForTool(dataSet)).toEqual(dataSet);
	});
});

describe('boundToolOutput', () => {
	const items = (n: number) =>
		Array.from({ length: n }, (_, k) => ({ json: { k }, pairedItem: { item: 0 } }));

	it.each([
		[3, 5, 3, false],
		[5, 5, 5, false],
		[6, 5, 6, true],
	])('%i items with limit %i: %i out, a note: %s', (count, limit, out, note) => {
		const bounded = boundToolOutput(items(count), limit);
		expect(bounded).toHaveLength(out);
		expect(bounded.some((item) => item.json.moreResults === true)).toBe(note);
	});
});

describe('fileUse', () => {
	it.each([
		['dataFile', 'create', 'reads'],
		['dataFile', 'update', 'reads'],
		['tempContent', 'upload', 'reads'],
		['tempContent', 'download', 'writes'],
		['app', 'export', undefined],
		['space', 'getAll', undefined],
		['reload', 'get', undefined],
	])('%s → %s: %s', (resource, operation, expected) => {
		expect(fileUse(operationFor(resource, operation)!)).toBe(expected);
	});

	it('reads the generated rows for operations it does not curate', () => {
		expect(fileUse(rowOf('appMedia', 'download'))).toBe('writes');
	});
});
