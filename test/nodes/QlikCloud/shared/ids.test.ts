/** The one rule for IDs and path segments (nodes/QlikCloud/shared/ids.ts), from tables. */
import {
	ID_LIST_REGEX,
	ID_REGEX,
	isId,
	segmentProblem,
} from '../../../../nodes/QlikCloud/shared/ids';

/** Values URL normalisation would change, or that leave their path segment. */
const REFUSED = [
	'',
	'.',
	'..',
	'%2e',
	'%2E',
	'%2e%2e',
	'%2E%2e',
	'.%2e',
	'%252e%252e',
	'a/b',
	'a\\b',
	'a?b',
	'a#b',
	'a\tb',
	'a\nb',
	'a\u0000b',
	'a\u007fb',
	'a b',
	'x'.repeat(257),
];

const IDS = [
	'62716f4b39b865ece543cd45',
	'b2c1ab1f-392c-4cd1-87bd-4c3cd256f5fd',
	'postgres',
	'qri:app:sense:abc',
	'user@example.com',
	'a.b',
	'...',
	'.a',
	'a..',
	'~x_y-z',
	'x'.repeat(256),
];

describe('IDs', () => {
	it.each(REFUSED.map((v) => [JSON.stringify(v), v]))('refuses %s', (_label, value) => {
		expect(isId(value)).toBe(false);
		expect(new RegExp(ID_REGEX).test(value)).toBe(false);
		expect(new RegExp(ID_LIST_REGEX).test(value)).toBe(false);
	});

	it.each(IDS.map((v) => [v.slice(0, 40), v]))('accepts %s', (_label, value) => {
		expect(isId(value)).toBe(true);
		expect(new RegExp(ID_REGEX).test(value)).toBe(true);
		expect(new RegExp(ID_LIST_REGEX).test(value)).toBe(true);
	});

	it.each([
		['a, b ,c', true],
		[' 62716f4b39b865ece543cd45 ,  b2c1ab1f ', true],
		['a,..', false],
		['..,a', false],
		['a,,b', false],
		['a,.', false],
		['a, ...', true],
		['a,%2e%2e', false],
		['a/b,c', false],
	])('a list "%s": %s', (value, ok) => {
		expect(new RegExp(ID_LIST_REGEX).test(value)).toBe(ok);
	});
});

describe('free-text path segments', () => {
	it.each([
		['', /empty/],
		['  ', /empty/],
		['.', /"\." or "\.\."/],
		['..', /"\." or "\.\."/],
		['%2e%2E', /"\." or "\.\."/],
		['%252e%252e', /"\." or "\.\."/],
		['a/b', /"\/"/],
		['a%2fb', /"\/"/],
		['a\\b', /"\/"/],
		['a?b', /"\/"/],
		['a#b', /"\/"/],
		['a\nb', /control/],
		['%00', /control/],
	])('refuses %j', (value, problem) => {
		expect(segmentProblem(value)).toMatch(problem);
	});

	it.each([
		'Sales database',
		'arn:aws:kms:eu-west-1:1:key/x'.replace('/', '-'),
		'100%',
		'a.b',
		'...',
	])('accepts %j', (value) => {
		expect(segmentProblem(value)).toBeUndefined();
	});
});
