/**
 * Fields stage of the generator: what one endpoint sends and answers, as the table row's facts
 * (path parameters, query, headers, body, response kind, rate tier), read from its spec.
 */
import type {
	BodySpec,
	FieldSpec,
	PathParamSpec,
	ResponseSpec,
	TableOperation,
} from '../../nodes/QlikCloud/shared/types';
import { LISTED_ELSEWHERE } from './config';
import type { Draft, Json, Spec } from './spec';
import { camel, labelOf, titleOf } from './words';

/** Query parameters the transport sets itself while paging. */
export const PAGING_PARAMS = new Set([
	'next',
	'prev',
	'page',
	'cursor',
	'startingAfter',
	'endingBefore',
	'offset',
	'skip',
]);
/** Node parameter names the node already uses for something else. */
export const RESERVED = new Set([
	'resource',
	'operation',
	'authentication',
	'options',
	'filters',
	'additionalFields',
	'updateFields',
	'returnAll',
	'limit',
	'binaryPropertyName',
]);
export function scalarType(schema: Json): 'string' | 'integer' | 'number' | 'boolean' | undefined {
	const t = Array.isArray(schema.type)
		? (schema.type as string[]).find((x) => x !== 'null')
		: schema.type;
	if (t === 'string' || t === 'integer' || t === 'number' || t === 'boolean') return t;
	return undefined;
}

export function enumOf(schema: Json): string[] | undefined {
	if (!Array.isArray(schema.enum)) return undefined;
	const values = (schema.enum as unknown[]).filter((v) => typeof v === 'string') as string[];
	return values.length > 0 ? [...new Set(values)] : undefined;
}

/** A FieldSpec for one query parameter or body property. */
export function fieldOf(
	spec: Spec,
	name: string,
	raw: unknown,
	required: boolean,
	param: string,
	label = labelOf(name),
): FieldSpec {
	const schema = spec.resolve(raw);
	const field: FieldSpec = { name, label, type: 'json' };
	if (param !== name) field.param = param;
	const scalar = scalarType(schema);
	if (schema.format === 'binary') {
		field.type = 'binary';
	} else if (scalar) {
		field.type = scalar;
		const values = scalar === 'string' ? enumOf(schema) : undefined;
		if (values) field.enum = values;
		if (typeof schema.maxLength === 'number') field.maxLength = schema.maxLength;
		if (typeof schema.minimum === 'number') field.minimum = schema.minimum;
		if (typeof schema.maximum === 'number') field.maximum = schema.maximum;
		if (scalar === 'string' && !values && schema.format === 'date-time') field.type = 'dateTime';
		const d = schema.default;
		if (
			(typeof d === 'string' && (!values || values.includes(d))) ||
			(typeof d === 'number' && scalar !== 'string') ||
			(typeof d === 'boolean' && scalar === 'boolean')
		) {
			field.default = d as string | number | boolean;
		}
	} else if (schema.type === 'array') {
		const items = spec.resolve(schema.items);
		const itemType = scalarType(items);
		if (itemType) {
			field.type = 'array';
			field.items = itemType;
			const values = itemType === 'string' ? enumOf(items) : undefined;
			if (values) field.enum = values;
		}
	} else if (schema.type === 'object' && !schema.properties && !schema.additionalProperties) {
		field.type = 'object';
	}
	if (field.type === 'json' && (schema.type === 'object' || (!schema.type && schema.properties)))
		field.type = 'object';
	if (required) field.required = true;
	if (field.type === 'string' && /secret|password|token|apikey/i.test(name)) {
		field.typeOptions = { password: true };
	}
	return field;
}

export function contentTypes(spec: Spec, body: unknown): Array<[string, Json]> {
	const resolved = spec.resolve(body);
	return Object.entries((resolved.content ?? {}) as Record<string, Json>);
}

export function isJsonType(type: string): boolean {
	return type === '*/*' || /^application\/json(\+[a-z]+)?$/.test(type);
}

export function tierOf(op: Json): TableOperation['tier'] {
	const tier = (op['x-qlik-tier'] ?? {}) as { tier?: string; limit?: number };
	if (tier.tier === '1') return { tier: '1', perMinute: tier.limit ?? 1000 };
	if (tier.tier === '2') return { tier: '2', perMinute: tier.limit ?? 100 };
	if (tier.tier === 'special') return { tier: 'special', perMinute: tier.limit ?? 100 };
	throw new Error(`no x-qlik-tier on ${JSON.stringify(op.operationId)}`);
}

export function parametersOf(d: Draft): Json[] {
	const list = [
		...((d.pathItem.parameters as unknown[]) ?? []),
		...((d.op.parameters as unknown[]) ?? []),
	];
	const byKey = new Map<string, Json>();
	for (const raw of list) {
		const p = d.spec.resolve(raw);
		byKey.set(`${String(p.in)}:${String(p.name)}`, p);
	}
	return [...byKey.values()];
}

export function successResponse(d: Draft): { status: string; response: Json } | undefined {
	const responses = (d.op.responses ?? {}) as Json;
	for (const status of ['200', '201', '202', '207', '204', '206', '205']) {
		if (responses[status]) return { status, response: d.spec.resolve(responses[status]) };
	}
	return undefined;
}

export function limitParamOf(d: Draft): Json | undefined {
	return parametersOf(d).find((p) => p.in === 'query' && p.name === 'limit');
}

/**
 * What an endpoint's success answer carries, as its spec declares it: the content types of a body
 * (a 204 has none whatever the spec lists, and a JSON type without a schema declares none), and
 * the JSON schema among them, with the name the spec gives it (`NxApp`, `UserCount`). A JSON
 * type whose schema is a binary string is a file, not JSON.
 */
export function answerOf(d: Draft): {
	success?: { status: string; response: Json };
	content: Array<[string, Json]>;
	json?: { schema: Json; name?: string };
} {
	const success = successResponse(d);
	const declared = Object.entries((success?.response.content ?? {}) as Record<string, Json>);
	const content =
		success?.status === '204'
			? []
			: declared.filter(([type, value]) => !isJsonType(type) || value.schema !== undefined);
	const found = content.find(
		([type, value]) =>
			isJsonType(type) && type !== '*/*' && d.spec.resolve(value.schema).format !== 'binary',
	);
	if (!found) return { success, content };
	let raw = found[1].schema as Json;
	let schema = d.spec.resolve(raw);
	const alternatives = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
	if (!schema.properties && Array.isArray(alternatives)) {
		raw = alternatives[0] as Json;
		schema = d.spec.resolve(raw);
	}
	const name = typeof raw.$ref === 'string' ? raw.$ref.split('/').pop() : undefined;
	return { success, content, json: { schema, ...(name ? { name } : {}) } };
}

export function responseOf(d: Draft): ResponseSpec {
	const { success, content, json } = answerOf(d);
	if (d.method === 'GET' && content.length === 0) {
		// A file whose type the spec leaves open, or a redirect (users/me, tenants/me) to follow.
		if (/\/file\//.test(d.path)) return { kind: 'binary' };
		if (!success) return { kind: 'object' };
	}
	if (content.length === 0) {
		return { kind: 'empty', output: d.method === 'DELETE' ? { deleted: true } : { success: true } };
	}
	if (!json) {
		const [type] = content[0];
		if (type === 'text/plain') return { kind: 'text' };
		return isJsonType(type) ? { kind: 'binary' } : { kind: 'binary', mimeType: type };
	}
	const schema = json.schema;
	if (schema.type === 'array') return { kind: 'array' };
	const properties = (schema.properties ?? {}) as Json;
	const simplify = (of: unknown) =>
		isLarge(d.spec.resolve(of)) ? { simplify: true as const } : {};
	const data = d.spec.resolve(properties.data);
	// A few lists keep their items under another name next to `links` (sharingTasks, scripts).
	const limit = limitParamOf(d);
	const objects = Object.keys(properties).filter((key) => {
		const value = d.spec.resolve(properties[key]);
		const items = d.spec.resolve(value.items);
		return (
			key !== 'links' && value.type === 'array' && (items.type === 'object' || !!items.properties)
		);
	});
	const last = d.path.split('/').pop();
	const named = objects.length === 1 && (!!limit || objects[0] === last) ? objects[0] : undefined;
	const itemsKey = data.type === 'array' ? 'data' : properties.links ? named : undefined;
	if (itemsKey && (d.method === 'GET' || limit)) {
		const key = itemsKey === 'data' ? {} : { itemsKey };
		const large = simplify(d.spec.resolve(properties[itemsKey]).items);
		if (!limit) return { kind: 'list', maxPageSize: 100, single: true, ...key, ...large };
		const maximum = Number(d.spec.resolve(limit.schema).maximum);
		return {
			kind: 'list',
			maxPageSize: Number.isFinite(maximum) && maximum > 0 ? maximum : 100,
			...key,
			...large,
		};
	}
	return { kind: 'object', ...(d.method === 'GET' ? simplify(schema) : {}) };
}

/**
 * Qlik's large objects, which get a Simplify switch: more than ten properties, or `links` or
 * `meta` among them.
 */
export function isLarge(schema: Json): boolean {
	const keys = Object.keys((schema.properties ?? {}) as Json);
	return keys.length > 10 || keys.includes('links') || keys.includes('meta');
}

/** The resource an endpoint is in, as the path parameters see it. */
export interface ResourceView {
	resource: string;
	displayName: string;
	/** The node parameter of its item ID (from its first value, so a rename keeps it). */
	idParam: string;
	/** The resource's collection path (its paths' common base). */
	base: string;
}

/** The resource whose item a path prefix names (`/api/v1/spaces/{}` → space). */
export interface ItemOwner {
	resource: string;
	displayName: string;
	idParam: string;
	/** It has a Get Many to pick from. */
	listable: boolean;
}

export function norm(p: string): string {
	return p.replace(/\{[^}]+\}/g, '{}');
}

export function pathParamsOf(
	d: Draft,
	r: ResourceView,
	itemOf: Map<string, ItemOwner>,
): PathParamSpec[] {
	const params = parametersOf(d).filter((p) => p.in === 'path');
	const out: PathParamSpec[] = [];
	for (const match of d.path.matchAll(/\{([^}]+)\}/g)) {
		const name = match[1];
		const prefix = d.path.slice(0, (match.index ?? 0) + match[0].length);
		const declared = params.find((p) => p.name === name);
		const schema = d.spec.resolve(declared?.schema);
		const owner = itemOf.get(norm(prefix));
		const spec: PathParamSpec = { name, label: labelOf(name) };
		const values = enumOf(schema);
		if (owner) {
			spec.param = owner.idParam;
			const listable = owner.listable || LISTED_ELSEWHERE.has(owner.resource);
			spec.label = listable ? owner.displayName : `${owner.displayName} ID`;
			if (listable) spec.locator = owner.resource;
		} else if (values) {
			spec.param = camel(name);
			spec.enum = values;
		} else if (/^(id|qID|guid)$/i.test(name) && norm(prefix) === norm(`${r.base}/{x}`)) {
			spec.param = r.idParam;
			spec.label = `${r.displayName} ID`;
		} else {
			spec.param = camel(name);
			spec.label = labelOf(name);
		}
		if (spec.param === name) delete spec.param;
		if (/path$/i.test(name)) spec.kind = 'path';
		else if (!/id$/i.test(name) && !values) spec.kind = 'text';
		if (
			typeof schema.example === 'string' &&
			spec.kind === undefined &&
			schema.example.length <= 48
		)
			spec.example = schema.example;
		out.push(spec);
	}
	return out;
}

/**
 * A path a patch may set: `/name`, `/settings/color`, `/enable-sharing`, `name` (a spec that
 * leaves out the leading `/`); not `/list/-` or a pointer with escapes.
 */
const PATCH_PATH = /^\/?[A-Za-z][\w-]*(\/[A-Za-z][\w-]*)*$/;

/** The schema of the item the endpoint's GET answers with (what a patch path points into). */
function itemSchemaOf(d: Draft): Json {
	const get = d.pathItem.get as Json | undefined;
	const ok = ((get?.responses ?? {}) as Json)['200'];
	const content = (d.spec.resolve(ok).content ?? {}) as Record<string, Json>;
	const json = Object.entries(content).find(([type]) => isJsonType(type));
	return json ? d.spec.resolve(json[1].schema) : {};
}

/**
 * One Update Fields entry per path a JSON Patch may set: its type from the item's schema at that
 * path, else text when the patch's value may be a string, else any JSON value.
 */
export function patchFields(d: Draft, items: Json, paths: string[]): FieldSpec[] {
	const item = itemSchemaOf(d);
	const value = d.spec.resolve((items.properties as Json).value);
	const alternatives = ((value.oneOf ?? value.anyOf ?? [value]) as unknown[]).map((v) =>
		d.spec.resolve(v),
	);
	const textValue = alternatives.some((v) => v.type === 'string');
	return paths
		.filter((p) => PATCH_PATH.test(p))
		.map((p) => {
			const segments = p.replace(/^\//, '').split('/');
			let prop: unknown = undefined;
			let at: Json = item;
			for (const segment of segments) {
				prop = (at.properties as Json | undefined)?.[segment];
				at = d.spec.resolve(prop);
			}
			const key = camel(segments.join(' '));
			const name = segments.join('/');
			const schema = prop ?? (textValue ? { type: 'string' } : {});
			const field = fieldOf(d.spec, name, schema, false, `updateFields.${key}`, labelOf(key));
			if (field.type === 'binary') field.type = 'string';
			return field;
		});
}

/** Whether a body's array items are JSON Patch operations (an `op` and a `path`). */
function isPatchItem(items: Json): boolean {
	const props = items.properties as Json | undefined;
	return !!props?.op && !!props?.path;
}

/** The paths a JSON Patch may set, as its spec lists them (the `path` enum), if it does. */
function patchPathsIn(spec: Spec, items: Json): string[] | undefined {
	return enumOf(spec.resolve((items.properties as Json).path));
}

/**
 * The paths the endpoint's JSON Patch body may set, when its spec lists them: what an Update
 * Fields collection offers (the description check asks for one wherever this gives paths).
 */
export function listedPatchPaths(d: Draft): string[] | undefined {
	if (!d.op.requestBody) return undefined;
	const [first] = contentTypes(d.spec, d.op.requestBody);
	if (!first || !isJsonType(first[0])) return undefined;
	const schema = d.spec.resolve(first[1].schema);
	const items = schema.type === 'array' ? d.spec.resolve(schema.items) : {};
	return isPatchItem(items) ? patchPathsIn(d.spec, items) : undefined;
}

/** ID fields by name (`spaceId`, `ownerId`) → the resource whose list they are picked from. */
export type Locators = Map<string, string>;

/** The field picks its ID from a list when its name is a listable resource's ID. */
export function withLocator(field: FieldSpec, locators: Locators): FieldSpec {
	const resource = locators.get(field.name);
	if (resource && field.type === 'string' && !field.enum) field.locator = resource;
	return field;
}

/** The body's fields; `value` is the operation's first value (parameter names derive from it). */
export function bodyOf(
	d: Draft,
	taken: Set<string>,
	value: string,
	optionalQuery: Set<string>,
	locators: Locators = new Map(),
): BodySpec | undefined {
	if (!d.op.requestBody) return undefined;
	const types = contentTypes(d.spec, d.op.requestBody);
	if (types.length === 0) return undefined;
	const [type, media] = types[0];
	const requiredBody = d.spec.resolve(d.op.requestBody).required === true;
	const schema = d.spec.resolve(media.schema);
	const unique = (name: string) => {
		let param =
			RESERVED.has(name) || taken.has(name) ? `body${titleOf(name).replace(/ /g, '')}` : name;
		while (taken.has(param)) param += 'Value';
		taken.add(param);
		return param;
	};
	if (type === 'multipart/form-data') {
		const required = new Set((schema.required as string[]) ?? []);
		const fields = Object.entries((schema.properties ?? {}) as Json).map(([name, prop]) => {
			const field = fieldOf(d.spec, name, prop, required.has(name), name);
			if (field.type === 'binary') {
				field.param =
					name ===
					Object.keys((schema.properties ?? {}) as Json).find(
						(n) => fieldOf(d.spec, n, (schema.properties as Json)[n], false, n).type === 'binary',
					)
						? 'binaryPropertyName'
						: `${camel(name)}BinaryProperty`;
				field.label =
					field.param === 'binaryPropertyName'
						? 'Input Binary Field'
						: `${labelOf(name)} Binary Field`;
				field.default = field.param === 'binaryPropertyName' ? 'data' : '';
				return field;
			}
			field.param = required.has(name) ? unique(name) : `additionalFields.${name}`;
			return field;
		});
		return { kind: 'multipart', fields };
	}
	if (!isJsonType(type) || schema.format === 'binary') {
		return {
			kind: 'binary',
			contentType: type === '*/*' ? 'application/octet-stream' : type,
			field: {
				name: 'file',
				param: 'binaryPropertyName',
				label: 'Input Binary Field',
				type: 'binary',
				required: true,
				default: 'data',
			},
		};
	}
	const contentType = type === 'application/json' || type === '*/*' ? undefined : type;
	const props = schema.properties as Json | undefined;
	if (schema.type === 'array' || !props || Object.keys(props).length === 0) {
		const items = schema.type === 'array' ? d.spec.resolve(schema.items) : {};
		const isPatch = isPatchItem(items);
		const raw: FieldSpec = {
			name: 'body',
			param: isPatch ? 'patch' : 'body',
			label: isPatch ? 'Patch Operations (JSON)' : 'Body (JSON)',
			type: schema.type === 'array' ? 'json' : 'object',
			required: requiredBody || schema.type === 'array',
		};
		const paths = isPatch ? patchPathsIn(d.spec, items) : undefined;
		if (isPatch) {
			raw.hint = paths
				? `JSON Patch operations, e.g. [{"op": "replace", "path": "${paths[0]}", "value": …}]. Paths: ${paths.join(', ')}`
				: 'JSON Patch operations, e.g. [{"op": "replace", "path": "/name", "value": "New name"}]';
		}
		const fields = paths ? patchFields(d, items, paths) : [];
		if (fields.length > 0) {
			// The fields build the patch; raw operations stay one more (optional) way.
			delete raw.required;
			raw.hint = `More JSON Patch operations, sent after the Update Fields ones, e.g. [{"op": "replace", "path": "${paths![0]}", "value": …}]`;
			// One spec lists its ops as a single "replace, remove, add".
			const op = enumOf(d.spec.resolve((items.properties as Json).op))?.flatMap((v) =>
				v.split(/[\s,]+/).filter(Boolean),
			);
			const patch: BodySpec = { kind: 'jsonPatch', fields, raw };
			const chosen = op && !op.includes('replace') ? op[0] : undefined;
			if (chosen) patch.op = chosen;
			if (contentType) patch.contentType = contentType;
			return patch;
		}
		const body: BodySpec = { kind: 'raw', field: raw };
		if (contentType) (body as { contentType?: string }).contentType = contentType;
		return body;
	}
	const required = new Set((schema.required as string[]) ?? []);
	const collection =
		d.method === 'PATCH' || value.startsWith('update') ? 'updateFields' : 'additionalFields';
	let deep = false;
	// Read-only properties (created at, created by…) are Qlik's to set: no field offers them.
	const writable = Object.entries(props).filter(
		([name, prop]) => required.has(name) || d.spec.resolve(prop).readOnly !== true,
	);
	const fields: FieldSpec[] = writable.map(([name, prop]) => {
		const isRequired = required.has(name);
		const key =
			collection === 'additionalFields' && optionalQuery.has(name)
				? `body${titleOf(name).replace(/ /g, '')}`
				: name;
		const field = fieldOf(
			d.spec,
			name,
			prop,
			isRequired,
			isRequired ? unique(name) : `${collection}.${key}`,
		);
		if (field.type === 'json' || field.type === 'object') deep = true;
		if (field.type === 'binary') field.type = 'string';
		return withLocator(field, locators);
	});
	if (deep) {
		fields.push({
			name: 'json',
			param: `${collection}.json`,
			label: 'More Fields (JSON)',
			type: 'object',
			spread: true,
			hint: 'Further body properties as a JSON object; named fields win',
		});
	}
	const body: BodySpec = { kind: 'json', fields };
	if (requiredBody) body.required = true;
	if (contentType) body.contentType = contentType;
	return body;
}
