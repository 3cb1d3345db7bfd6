/**
 * Simplify: Qlik's large objects (more than ten properties, `links`, `meta`; the generator marks
 * their operations) cut to the fields people use. A pure function, so that other output paths
 * (the node as an AI tool) can call it too.
 *
 * The rule: keep values that are text, numbers, booleans or lists of those (IDs, names, types,
 * statuses, owners, spaces, dates…); drop `links`, `meta` and deep objects. An `attributes`
 * object (Qlik's apps keep everything there) is lifted one level; the object's own fields win
 * over the lifted ones.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Never kept: navigation and paging, not data. */
const DROPPED = new Set(['links', 'meta', '_links', '_meta']);

/** Lifted one level: objects that hold the resource's own fields. */
const LIFTED = new Set(['attributes']);

type Scalar = string | number | boolean | null;

function isScalar(value: unknown): value is Scalar {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isKept(value: unknown): boolean {
	return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

function flat(object: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (!DROPPED.has(key) && isKept(value)) out[key] = value as IDataObject[string];
	}
	return out;
}

/** The fields people use of one of Qlik's objects. */
export function simplify(object: IDataObject): IDataObject {
	let lifted: IDataObject = {};
	for (const key of LIFTED) {
		const inner = object[key];
		if (inner && typeof inner === 'object' && !Array.isArray(inner))
			lifted = { ...lifted, ...flat(inner as IDataObject) };
	}
	return { ...lifted, ...flat(object) };
}

/** The node parameter of the switch. */
export const SIMPLIFY = 'simplify';

/** The Simplify switch, on as in n8n's nodes; resources curated before it start it off (`index.ts`). */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: SIMPLIFY,
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Item `i`'s output objects, simplified when the operation has the switch and it is on. */
export function simplifiedIfAsked(
	ctx: IExecuteFunctions,
	i: number,
	objects: IDataObject[],
	hasSwitch = true,
): IDataObject[] {
	if (!hasSwitch || ctx.getNodeParameter(SIMPLIFY, i, false) !== true) return objects;
	return objects.map(simplify);
}
