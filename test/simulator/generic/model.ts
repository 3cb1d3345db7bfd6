/**
 * The generic routes' view of the committed operation tables: every operation, the collections
 * derived from them, and the role each operation plays against the generic store.
 */
import { tables } from '../../../nodes/QlikCloud/actions/generated';
import type { PathParamSpec, TableOperation } from '../../../nodes/QlikCloud/shared/types';

/**
 * list / create: GET / POST on a collection path C; get / replace / patch / delete: GET / PUT /
 * PATCH / DELETE on C/{id}; other: actions, settings, downloads, counts.
 */
export type Role = 'list' | 'create' | 'get' | 'replace' | 'patch' | 'delete' | 'other';

export interface GenericOperation {
	/** resource.operation, e.g. webhook.create. */
	id: string;
	op: TableOperation;
	/** The path with every parameter as `{}`. */
	shape: string;
	role: Role;
	/** Path prefixes (templates, e.g. `/api/v1/glossaries/{id}`) of items that must exist. */
	items: Array<{ template: string }>;
}

const ITEM_ROLES: Record<string, Role> = {
	GET: 'get',
	PUT: 'replace',
	PATCH: 'patch',
	DELETE: 'delete',
};

/** `/api/v1/glossaries/{id}/terms` → `/api/v1/glossaries/{}/terms`. */
export const shapeOf = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

/** A parameter that names an item (not an enum value or a file path). */
const namesItem = (param: PathParamSpec | undefined) =>
	!!param && !param.enum && param.kind !== 'path';

function lastParam(op: TableOperation): PathParamSpec | undefined {
	const name = /\{([^}]+)\}$/.exec(op.path)?.[1];
	return op.pathParams?.find((p) => p.name === name);
}

export function buildModel(source = tables) {
	const all = source.flatMap((table) =>
		Object.entries(table.operations).map(([name, op]) => ({
			id: `${table.resource}.${name}`,
			op,
			shape: shapeOf(op.path),
		})),
	);
	const has = (method: string, shape: string) =>
		all.some((o) => o.op.method === method && o.shape === shape);
	/** Item routes: C/{id} where {id} names an item. */
	const itemShapes = new Set(
		all
			.filter(
				(o) => o.op.method !== 'POST' && o.shape.endsWith('/{}') && namesItem(lastParam(o.op)),
			)
			.map((o) => o.shape),
	);
	const collections = new Set(
		[...itemShapes].map((s) => s.slice(0, -3)).filter((c) => has('GET', c) || has('POST', c)),
	);
	const isItem = (shape: string) =>
		shape.endsWith('/{}') && itemShapes.has(shape) && collections.has(shape.slice(0, -3));

	const operations: GenericOperation[] = all.map((o) => {
		const { method, response } = o.op;
		let role: Role = 'other';
		if (collections.has(o.shape)) {
			if (method === 'GET' && (response.kind === 'list' || response.kind === 'object'))
				role = 'list';
			if (method === 'POST' && (response.kind === 'object' || response.kind === 'empty'))
				role = 'create';
		} else if (isItem(o.shape) && namesItem(lastParam(o.op))) {
			role = ITEM_ROLES[method] ?? 'other';
		}
		const items: GenericOperation['items'] = [];
		const segments = o.op.path.split('/');
		segments.forEach((segment, i) => {
			const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
			const template = segments.slice(0, i + 1).join('/');
			const param = o.op.pathParams?.find((p) => p.name === name);
			if (name && namesItem(param) && isItem(shapeOf(template))) items.push({ template });
		});
		return { ...o, role, items };
	});
	return { operations, collections, isItem };
}

export type Model = ReturnType<typeof buildModel>;
