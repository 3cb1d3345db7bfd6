import { coerceField, type Coerced } from '../../../../nodes/QlikCloud/actions/coerce';
import type { FieldSpec } from '../../../../nodes/QlikCloud/shared/types';

const field = (type: FieldSpec['type'], more: Partial<FieldSpec> = {}): FieldSpec => ({
	name: 'x',
	label: 'X',
	type,
	...more,
});

const value = (v: unknown): Coerced => ({ value: v });
const problem = (text: string | RegExp) =>
	expect.objectContaining({ problem: expect.stringMatching(text) as unknown });

describe('coerceField', () => {
	it.each<[string, FieldSpec, unknown, unknown]>([
		// Empty values.
		['an empty optional field is left out', field('string'), '', value(undefined)],
		['blank text counts as empty', field('string'), '   ', value(undefined)],
		['an empty list counts as empty', field('array'), [], value(undefined)],
		['null counts as empty', field('integer'), null, value(undefined)],
		[
			'an empty required field',
			field('string', { required: true }),
			'',
			{ problem: 'is required', fix: 'Enter a value for "X".' },
		],
		// Numbers.
		['an integer from text', field('integer'), ' 42 ', value(42)],
		['a number stays a number', field('number'), 1.5, value(1.5)],
		['a decimal where a whole number is asked', field('integer'), '1.5', problem(/whole number/)],
		['text where a number is asked', field('number'), 'abc', problem(/must be a number/)],
		// Dates and times, sent as ISO 8601 in UTC.
		[
			'a date with its zone',
			field('dateTime'),
			'2026-12-01T09:30:00+01:00',
			value('2026-12-01T08:30:00.000Z'),
		],
		[
			'a Date',
			field('dateTime'),
			new Date(Date.UTC(2026, 11, 1)),
			value('2026-12-01T00:00:00.000Z'),
		],
		[
			'a Luxon DateTime ($now)',
			field('dateTime'),
			{ toISO: () => '2026-12-01T10:00:00.000+02:00' },
			value('2026-12-01T08:00:00.000Z'),
		],
		['text that is no date', field('dateTime'), 'next Tuesday', problem(/is not a date and time/)],
		// Booleans.
		['a boolean', field('boolean'), false, value(false)],
		['"true" as text', field('boolean'), 'true', value(true)],
		['anything else', field('boolean'), 'yes', problem(/true or false/)],
		[
			'a switch that is on sends its value',
			field('boolean', { whenTrue: 'all' }),
			true,
			value('all'),
		],
		[
			'a switch that is off sends nothing',
			field('boolean', { whenTrue: 'all' }),
			false,
			value(undefined),
		],
		// Lists.
		['a list from commas', field('array'), 'a, b,,c ', value(['a', 'b', 'c'])],
		['a list stays a list', field('array'), ['a'], value(['a'])],
		['numbers from commas', field('array', { items: 'integer' }), '1,2', value([1, 2])],
		['a list of numbers with text', field('array', { items: 'number' }), '1,x', problem(/"x"/)],
		['an object where a list is asked', field('array'), { a: 1 }, problem(/must be a list/)],
		['a list value outside the enum', field('array', { enum: ['a', 'b'] }), 'a,c', problem(/"c"/)],
		// References.
		[
			'names become references',
			field('array', { refs: 'name' }),
			'Developer, TenantAdmin',
			value([{ name: 'Developer' }, { name: 'TenantAdmin' }]),
		],
		['picked IDs become references', field('array', { refs: 'id' }), ['g1'], value([{ id: 'g1' }])],
		[
			'references as Qlik writes them pass',
			field('array', { refs: 'name' }),
			'[{"name": "Developer"}, {"id": "r1"}]',
			value([{ name: 'Developer' }, { id: 'r1' }]),
		],
		['references in broken JSON', field('array', { refs: 'id' }), '[{', problem(/not valid JSON/)],
		// JSON.
		['JSON text', field('json'), '[{"a":1}]', value([{ a: 1 }])],
		['broken JSON', field('json'), '[{', problem(/not valid JSON/)],
		['an object', field('object'), '{"a":1}', value({ a: 1 })],
		['JSON that is not an object', field('object'), '3', problem(/JSON object/)],
		['an object given as an object', field('object'), { a: 1 }, value({ a: 1 })],
		// Text.
		['a number where text is asked', field('string'), 7, value('7')],
		['a value in the enum', field('string', { enum: ['a', 'b'] }), 'b', value('b')],
		['a value outside the enum', field('string', { enum: ['a', 'b'] }), 'c', problem(/"c"/)],
		['text within maxLength', field('string', { maxLength: 3 }), 'abc', value('abc')],
		['text over maxLength', field('string', { maxLength: 3 }), 'abcd', problem(/longer than 3/)],
		[
			'a forbidden character',
			field('string', { forbiddenCharacters: '/:' }),
			'a/b',
			{ problem: 'must not contain "/"', fix: 'Remove these characters: / :' },
		],
		['a binary property name is trimmed', field('binary'), ' data ', value('data')],
	])('%s', (_name, spec, raw, expected) => {
		expect(coerceField(spec, raw)).toEqual(expected);
	});
});
