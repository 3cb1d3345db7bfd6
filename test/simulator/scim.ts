/**
 * SCIM filter expressions (RFC 7644 §3.4.2.2) as the users and groups APIs take them in `filter`:
 * `eq ne co sw ew gt ge lt le pr`, `and`, `or`, `not (...)`, parentheses; comparisons are
 * case-insensitive. `attributes` maps the allowed attribute names to getters.
 */
import { invalid } from './errors';

type Value = string | number | boolean | null;
type Node =
	| { kind: 'cmp'; attr: string; op: string; value: Value }
	| { kind: 'pr'; attr: string }
	| { kind: 'and' | 'or'; left: Node; right: Node }
	| { kind: 'not'; inner: Node };

export type AttributeGetter<T> = (item: T) => unknown;

const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

export function scimFilter<T>(
	text: string,
	attributes: Record<string, AttributeGetter<T>>,
	code: string,
): (item: T) => boolean {
	const tokens = tokenize(text, code);
	let pos = 0;
	const fail = (why: string): never => {
		throw invalid(`${code}-400`, `Invalid filter: ${why}.`, { parameter: 'filter' });
	};
	const peek = () => tokens[pos];
	const word = (w: string) => {
		const t = peek();
		return t !== undefined && t.type === 'word' && t.text.toLowerCase() === w;
	};

	const parseOr = (): Node => {
		let left = parseAnd();
		while (word('or')) {
			pos++;
			left = { kind: 'or', left, right: parseAnd() };
		}
		return left;
	};
	const parseAnd = (): Node => {
		let left = parseNot();
		while (word('and')) {
			pos++;
			left = { kind: 'and', left, right: parseNot() };
		}
		return left;
	};
	const parseNot = (): Node => {
		if (word('not')) {
			pos++;
			if (peek()?.type !== '(') fail('"not" must be followed by "("');
			return { kind: 'not', inner: parsePrimary() };
		}
		return parsePrimary();
	};
	const parsePrimary = (): Node => {
		const t = peek();
		if (!t) return fail('unexpected end');
		if (t.type === '(') {
			pos++;
			const inner = parseOr();
			if (peek()?.type !== ')') fail('missing ")"');
			pos++;
			return inner;
		}
		if (t.type !== 'word') return fail(`unexpected ${t.text}`);
		const attr = t.text;
		const known = Object.keys(attributes).find((a) => a.toLowerCase() === attr.toLowerCase());
		if (!known) return fail(`cannot filter on "${attr}"`);
		pos++;
		const opToken = peek();
		if (!opToken || opToken.type !== 'word') return fail(`missing operator after ${attr}`);
		const op = opToken.text.toLowerCase();
		pos++;
		if (op === 'pr') return { kind: 'pr', attr: known };
		if (!OPS.includes(op)) return fail(`unknown operator "${opToken.text}"`);
		const v = peek();
		if (!v) return fail(`missing value after ${attr} ${op}`);
		pos++;
		let value: Value;
		if (v.type === 'string') value = v.text;
		else if (v.type === 'word' && /^(true|false)$/i.test(v.text))
			value = v.text.toLowerCase() === 'true';
		else if (v.type === 'word' && /^null$/i.test(v.text)) value = null;
		else if (v.type === 'word' && /^-?\d+(\.\d+)?$/.test(v.text)) value = Number(v.text);
		else return fail(`bad value ${v.text}`);
		return { kind: 'cmp', attr: known, op, value };
	};

	const tree = parseOr();
	if (pos !== tokens.length) fail(`unexpected "${tokens[pos].text}"`);

	const evaluate = (node: Node, item: T): boolean => {
		switch (node.kind) {
			case 'and':
				return evaluate(node.left, item) && evaluate(node.right, item);
			case 'or':
				return evaluate(node.left, item) || evaluate(node.right, item);
			case 'not':
				return !evaluate(node.inner, item);
			case 'pr': {
				const v = attributes[node.attr](item);
				return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '';
			}
			case 'cmp': {
				const raw = attributes[node.attr](item);
				const values = Array.isArray(raw) ? raw : [raw];
				return values.some((v) => compare(v, node.op, node.value));
			}
		}
	};
	return (item: T) => evaluate(tree, item);
}

function compare(actual: unknown, op: string, expected: Value): boolean {
	if (expected === null) return op === 'eq' ? actual == null : op === 'ne' ? actual != null : false;
	const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
	const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
	switch (op) {
		case 'eq':
			return a === e;
		case 'ne':
			return a !== e;
		case 'co':
			return typeof a === 'string' && typeof e === 'string' && a.includes(e);
		case 'sw':
			return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
		case 'ew':
			return typeof a === 'string' && typeof e === 'string' && a.endsWith(e);
		case 'gt':
			return a !== undefined && a !== null && (a as number) > (e as number);
		case 'ge':
			return a !== undefined && a !== null && (a as number) >= (e as number);
		case 'lt':
			return a !== undefined && a !== null && (a as number) < (e as number);
		case 'le':
			return a !== undefined && a !== null && (a as number) <= (e as number);
		default:
			return false;
	}
}

interface Token {
	type: 'word' | 'string' | '(' | ')';
	text: string;
}

function tokenize(text: string, code: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === '(' || c === ')') {
			tokens.push({ type: c, text: c });
			i++;
		} else if (c === '"' || c === "'") {
			let j = i + 1;
			let out = '';
			while (j < text.length && text[j] !== c) {
				if (text[j] === '\\' && j + 1 < text.length) j++;
				out += text[j];
				j++;
			}
			if (j >= text.length)
				throw invalid(`${code}-400`, 'Invalid filter: unterminated string.', {
					parameter: 'filter',
				});
			tokens.push({ type: 'string', text: out });
			i = j + 1;
		} else {
			let j = i;
			while (j < text.length && !/[\s()"']/.test(text[j])) j++;
			tokens.push({ type: 'word', text: text.slice(i, j) });
			i = j;
		}
	}
	return tokens;
}
