/** JSON Patch (RFC 6902) as Qlik's PATCH endpoints take it: checked with pointers, then applied. */
import { invalid } from './errors';

export interface PatchOp {
	op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
	path: string;
	value?: unknown;
	from?: string;
}

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const isObject = (v: unknown): v is Record<string, unknown> =>
	!!v && typeof v === 'object' && !Array.isArray(v);

/** The operations of a JSON Patch body; anything else is a 400 pointing at the culprit. */
export function readPatch(value: unknown, code = 'HTTP'): PatchOp[] {
	if (!Array.isArray(value))
		throw invalid(`${code}-400`, 'The request body must be a JSON Patch array.', { pointer: '' });
	return value.map((op: unknown, i) => {
		if (!isObject(op))
			throw invalid(`${code}-400`, 'Each patch operation must be an object.', { pointer: `/${i}` });
		if (typeof op.op !== 'string' || !OPS.includes(op.op))
			throw invalid(`${code}-400`, `op must be one of ${OPS.join(', ')}.`, { pointer: `/${i}/op` });
		if (typeof op.path !== 'string')
			throw invalid(`${code}-400`, 'path must be a string.', { pointer: `/${i}/path` });
		if (['add', 'replace', 'test'].includes(op.op) && !('value' in op))
			throw invalid(`${code}-400`, 'value is required.', { pointer: `/${i}/value` });
		return op as unknown as PatchOp;
	});
}

/** Segments of a pointer; Qlik also accepts paths without the leading slash ("name"). */
export function pointerSegments(path: string): string[] {
	const trimmed = path.startsWith('/') ? path.slice(1) : path;
	return trimmed === ''
		? []
		: trimmed.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A patched deep copy: add/replace set (creating missing objects), remove deletes; test, move and copy as the RFC says, leniently. */
export function applyPatch<T extends Record<string, unknown>>(target: T, ops: PatchOp[]): T {
	const doc = structuredClone(target);
	const get = (path: string): unknown =>
		pointerSegments(path).reduce<unknown>(
			(node, key) =>
				node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
			doc,
		);
	for (const op of ops) {
		const value =
			op.op === 'move' || op.op === 'copy' ? structuredClone(get(op.from ?? '')) : op.value;
		if (op.op === 'test') continue;
		if (op.op === 'move') write(doc, pointerSegments(op.from ?? ''), undefined, 'remove');
		write(doc, pointerSegments(op.path), value, WRITE[op.op]);
	}
	return doc;
}

const WRITE = {
	add: 'insert',
	copy: 'insert',
	move: 'insert',
	replace: 'set',
	remove: 'remove',
} as const;

function write(
	doc: Record<string, unknown>,
	segments: string[],
	value: unknown,
	mode: 'insert' | 'set' | 'remove',
) {
	if (!segments.length) return;
	const remove = mode === 'remove';
	let node: unknown = doc;
	for (const key of segments.slice(0, -1)) {
		const parent = node as Record<string, unknown>;
		if (!parent[key] || typeof parent[key] !== 'object') {
			if (remove) return;
			parent[key] = {};
		}
		node = parent[key];
	}
	const last = segments[segments.length - 1];
	if (Array.isArray(node)) {
		const index = last === '-' ? node.length : Number(last);
		if (!Number.isInteger(index)) return;
		if (remove) node.splice(index, 1);
		else if (mode === 'insert') node.splice(index, 0, value);
		else node[index] = value;
	} else if (remove) delete (node as Record<string, unknown>)[last];
	else (node as Record<string, unknown>)[last] = value;
}
