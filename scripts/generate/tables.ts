/**
 * Writes each resource's operation table (`nodes/QlikCloud/actions/<resource>/table.json`) and the
 * list of tables (`nodes/QlikCloud/actions/tables.ts`) from Qlik's OpenAPI files.
 *
 *   ts-node --transpile-only scripts/generate/tables.ts [--check] [--specs <dir>]
 *
 * Facts carry over from the specs (paths, methods, parameter and property names, types, enums,
 * required flags, defaults, limits, tiers); every word shown to a user is derived by rule from
 * names or written in `config.ts`. `--check` writes nothing and fails when a committed table
 * differs from what the specs give (drift).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as prettier from 'prettier';

import type {
	BodySpec,
	FieldSpec,
	HttpMethod,
	PathParamSpec,
	ResourceTable,
	ResponseSpec,
	TableOperation,
} from '../../nodes/QlikCloud/shared/types';
import type { ResourceRule } from './config';
import { LISTED_ELSEWHERE, SPEC_RULES } from './config';
import { a, labelOf, nounPhrase, plural, singular, titleOf, sentenceOf, camel } from './words';

const ROOT = path.resolve(__dirname, '../..');
const ACTIONS = path.join(ROOT, 'nodes/QlikCloud/actions');
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Query parameters the transport sets itself while paging. */
const PAGING_PARAMS = new Set([
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
const RESERVED = new Set([
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
const VERBS = new Set([
	'copy',
	'export',
	'import',
	'publish',
	'upsert',
	'validate',
	'recommend',
	'start',
	'cancel',
	'activate',
	'deactivate',
	'test',
	'migrate',
	'execute',
	'trigger',
	'resend',
]);

type Json = Record<string, unknown>;

export function specsDir(args: string[] = process.argv): string {
	const i = args.indexOf('--specs');
	return i >= 0 ? path.resolve(args[i + 1]) : path.resolve(ROOT, '../shared/qlik-openapi');
}

/** Spec files in scope, in the order of `manage-scope.json`. */
export function specsInScope(
	dir: string,
): Array<{ spec: string; operations: number; deprecated: number; theme: string }> {
	const scope = JSON.parse(fs.readFileSync(path.join(dir, 'manage-scope.json'), 'utf8')) as {
		themes: Record<string, Array<{ spec: string; operations: number; deprecated: number }>>;
	};
	return Object.entries(scope.themes).flatMap(([theme, list]) =>
		list.map((entry) => ({ ...entry, theme })),
	);
}

class Spec {
	constructor(
		readonly file: string,
		readonly doc: Json,
	) {}

	resolve(node: unknown, depth = 0): Json {
		let value = (node ?? {}) as Json;
		for (let i = 0; i < 20 && typeof value.$ref === 'string'; i++) {
			const parts = (value.$ref as string).replace(/^#\//, '').split('/');
			let target: unknown = this.doc;
			for (const part of parts)
				target = (target as Json)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
			value = (target ?? {}) as Json;
		}
		if (Array.isArray(value.allOf) && depth < 10) {
			const merged: Json = { type: 'object', properties: {}, required: [] };
			for (const part of value.allOf as unknown[]) {
				const r = this.resolve(part, depth + 1);
				Object.assign(merged.properties as Json, (r.properties ?? {}) as Json);
				(merged.required as string[]).push(...((r.required as string[]) ?? []));
				if (r.type && r.type !== 'object') merged.type = r.type;
			}
			const rest = { ...value };
			delete rest.allOf;
			return {
				...merged,
				...rest,
				properties: { ...(merged.properties as Json), ...((rest.properties as Json) ?? {}) },
				required: [...(merged.required as string[]), ...((rest.required as string[]) ?? [])],
			};
		}
		return value;
	}
}

function scalarType(schema: Json): 'string' | 'integer' | 'number' | 'boolean' | undefined {
	const t = Array.isArray(schema.type)
		? (schema.type as string[]).find((x) => x !== 'null')
		: schema.type;
	if (t === 'string' || t === 'integer' || t === 'number' || t === 'boolean') return t;
	return undefined;
}

function enumOf(schema: Json): string[] | undefined {
	if (!Array.isArray(schema.enum)) return undefined;
	const values = (schema.enum as unknown[]).filter((v) => typeof v === 'string') as string[];
	return values.length > 0 ? [...new Set(values)] : undefined;
}

/** A FieldSpec for one query parameter or body property. */
function fieldOf(
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

function contentTypes(spec: Spec, body: unknown): Array<[string, Json]> {
	const resolved = spec.resolve(body);
	return Object.entries((resolved.content ?? {}) as Record<string, Json>);
}

function isJsonType(type: string): boolean {
	return type === '*/*' || /^application\/json(\+[a-z]+)?$/.test(type);
}

interface Draft {
	spec: Spec;
	rule: ResourceRule;
	method: HttpMethod;
	path: string;
	op: Json;
	pathItem: Json;
	value?: string;
	names?: Record<string, string>;
}

function tierOf(op: Json): TableOperation['tier'] {
	const tier = (op['x-qlik-tier'] ?? {}) as { tier?: string; limit?: number };
	if (tier.tier === '1') return { tier: '1', perMinute: tier.limit ?? 1000 };
	if (tier.tier === '2') return { tier: '2', perMinute: tier.limit ?? 100 };
	if (tier.tier === 'special') return { tier: 'special', perMinute: tier.limit ?? 100 };
	throw new Error(`no x-qlik-tier on ${JSON.stringify(op.operationId)}`);
}

function parametersOf(d: Draft): Json[] {
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

function successResponse(d: Draft): { status: string; response: Json } | undefined {
	const responses = (d.op.responses ?? {}) as Json;
	for (const status of ['200', '201', '202', '207', '204', '206', '205']) {
		if (responses[status]) return { status, response: d.spec.resolve(responses[status]) };
	}
	return undefined;
}

function limitParamOf(d: Draft): Json | undefined {
	return parametersOf(d).find((p) => p.in === 'query' && p.name === 'limit');
}

function responseOf(d: Draft): ResponseSpec {
	const success = successResponse(d);
	const content = Object.entries((success?.response.content ?? {}) as Record<string, Json>);
	if (d.method === 'GET' && content.length === 0) {
		// A file whose type the spec leaves open, or a redirect (users/me, tenants/me) to follow.
		if (/\/file\//.test(d.path)) return { kind: 'binary' };
		if (!success) return { kind: 'object' };
	}
	if (content.length === 0) {
		return { kind: 'empty', output: d.method === 'DELETE' ? { deleted: true } : { success: true } };
	}
	const json = content.find(([type]) => isJsonType(type) && type !== '*/*');
	if (!json) {
		const [type] = content[0];
		if (type === 'text/plain') return { kind: 'text' };
		return type === '*/*' ? { kind: 'binary' } : { kind: 'binary', mimeType: type };
	}
	let schema = d.spec.resolve(json[1].schema);
	const alternatives = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
	if (!schema.properties && Array.isArray(alternatives)) schema = d.spec.resolve(alternatives[0]);
	if (schema.type === 'array') return { kind: 'array' };
	const properties = (schema.properties ?? {}) as Json;
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
		if (!limit) return { kind: 'list', maxPageSize: 100, single: true, ...key };
		const maximum = Number(d.spec.resolve(limit.schema).maximum);
		return {
			kind: 'list',
			maxPageSize: Number.isFinite(maximum) && maximum > 0 ? maximum : 100,
			...key,
		};
	}
	return { kind: 'object' };
}

/** Segments of a path after the resource's collection path, with parameters as `{}`. */
function relative(base: string, p: string): string[] {
	const rest = p.slice(base.length).split('/').filter(Boolean);
	return rest.map((s) => (s.startsWith('{') ? '{}' : s));
}

function commonBase(paths: string[]): string {
	const split = paths.map((p) => p.split('/'));
	const out: string[] = [];
	for (let i = 0; ; i++) {
		const seg = split[0][i];
		if (seg === undefined || split.some((s) => s[i] !== seg)) break;
		out.push(seg);
	}
	while (out.length > 0 && out[out.length - 1].startsWith('{') && paths.includes(out.join('/')))
		out.pop();
	while (
		out.length > 0 &&
		(out[out.length - 1] === 'actions' || out[out.length - 1].startsWith('{'))
	)
		out.pop();
	return out.join('/');
}

function ruleName(d: Draft, base: string, siblings: Draft[], response: ResponseSpec): string {
	const rel = relative(base, d.path);
	const hasPatch = siblings.some((s) => s.path === d.path && s.method === 'PATCH');
	const isList = response.kind === 'list' && !response.single;
	const actionsAt = rel.indexOf('actions');
	const hasItemGet = siblings.some(
		(x) => x.method === 'GET' && relative(base, x.path).join('/') === '{}',
	);
	if (rel.length === 0) {
		return {
			GET: hasItemGet || response.kind === 'list' || response.kind === 'array' ? 'getAll' : 'get',
			POST: 'create',
			PUT: hasPatch ? 'replace' : 'update',
			PATCH: 'update',
			DELETE: 'deleteMany',
		}[d.method];
	}
	if (rel.length === 1 && rel[0] === '{}') {
		return {
			GET: 'get',
			POST: 'create',
			PUT: hasPatch ? 'replace' : 'update',
			PATCH: 'update',
			DELETE: 'delete',
		}[d.method];
	}
	const nouns = (segments: string[]) =>
		segments
			.map((s, i) => (s === '{}' ? '' : segments[i + 1] === '{}' ? singular(s) : s))
			.filter(Boolean)
			.map((s) => titleOf(s).replace(/ /g, ''))
			.join('');
	if (actionsAt >= 0) {
		const verb = camel(
			rel
				.slice(actionsAt + 1)
				.filter((s) => s !== '{}')
				.join('-'),
		);
		const before = rel.slice(0, actionsAt);
		const object = nouns(before);
		const itemLevel = before.includes('{}');
		const alsoPerItem = siblings.some((x) => {
			const other = relative(base, x.path);
			const at = other.indexOf('actions');
			return (
				at > 0 && other.slice(0, at).includes('{}') && camel(other.slice(at + 1).join('-')) === verb
			);
		});
		if (!itemLevel && (verb === 'delete' || verb === 'update' || alsoPerItem)) return `${verb}Many`;
		return object ? `${verb}${object}` : verb;
	}
	const last = rel[rel.length - 1];
	const object = nouns(rel);
	switch (d.method) {
		case 'GET':
			return `${isList ? 'getAll' : 'get'}${object}`;
		case 'POST':
			if (VERBS.has(last)) return camel(last);
			return `create${nouns(rel.slice(0, -1))}${titleOf(singular(last)).replace(/ /g, '')}`;
		case 'PUT':
			return `${hasPatch ? 'replace' : 'update'}${object}`;
		case 'PATCH':
			return `update${object}`;
		default:
			return `delete${object}`;
	}
}

function displayNameOf(value: string): string {
	if (value === 'getAll') return 'Get Many';
	if (value.startsWith('getAll')) return `Get Many ${titleOf(value.slice(6))}`;
	if (value.endsWith('Many') && value !== 'getMany') return `${titleOf(value.slice(0, -4))} (Many)`;
	return titleOf(value);
}

function actionOf(value: string, noun: string): string {
	switch (value) {
		case 'create':
			return `Create ${a(noun)}`;
		case 'get':
			return `Get ${a(noun)}`;
		case 'getAll':
			return `Get many ${plural(noun)}`;
		case 'update':
			return `Update ${a(noun)}`;
		case 'replace':
			return `Replace ${a(noun)}`;
		case 'delete':
			return `Delete ${a(noun)}`;
		default:
			return `${sentenceOf(displayNameOf(value))} (${noun})`;
	}
}

interface ResourceDraft {
	rule: ResourceRule;
	spec: Spec;
	drafts: Draft[];
	base: string;
	table: ResourceTable;
}

/** Builds every table from the specs in scope. */
export function buildTables(dir: string): ResourceTable[] {
	const resources = new Map<string, ResourceDraft>();
	for (const { spec: file } of specsInScope(dir)) {
		const config = SPEC_RULES.find((r) => r.spec === file);
		if (!config)
			throw new Error(`${file} is in scope but has no entry in scripts/generate/config.ts`);
		const spec = new Spec(file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json);
		for (const [p, pathItem] of Object.entries(spec.doc.paths as Record<string, Json>)) {
			for (const method of METHODS) {
				const op = pathItem[method.toLowerCase()] as Json | undefined;
				if (!op) continue;
				const rule = config.resources.find((r) => !r.match || r.match.test(p))!;
				let draft = resources.get(rule.resource);
				if (!draft) {
					draft = {
						rule,
						spec,
						drafts: [],
						base: '',
						table: {
							resource: rule.resource,
							displayName: rule.displayName,
							spec: file,
							operations: {},
						},
					};
					if (rule.description) draft.table.description = rule.description;
					resources.set(rule.resource, draft);
				}
				draft.drafts.push({ spec, rule, method, path: p, op, pathItem, names: config.names });
			}
		}
	}
	// Operation values, by rule or from config.
	for (const r of resources.values()) {
		r.base = commonBase(r.drafts.map((d) => d.path));
		for (const d of r.drafts) {
			const response = responseOf(d);
			d.value = d.names?.[`${d.method} ${d.path}`] ?? ruleName(d, r.base, r.drafts, response);
		}
		const seen = new Map<string, string>();
		for (const d of r.drafts) {
			const key = `${d.method} ${d.path}`;
			if (seen.has(d.value!)) {
				throw new Error(
					`${r.rule.resource}: "${d.value}" names both ${seen.get(d.value!)} and ${key}; add a name in scripts/generate/config.ts`,
				);
			}
			seen.set(d.value!, key);
		}
	}
	// Which resource's item each `{param}` prefix is: `/api/v1/spaces/{}` → space.
	const itemOf = new Map<string, { resource: string; listable: boolean }>();
	for (const r of resources.values()) {
		const get = r.drafts.find((d) => d.value === 'get' && /\/\{[^}]+\}$/.test(d.path));
		if (!get) continue;
		const list = r.drafts.find((d) => d.value === 'getAll');
		const listable = !!list && list.path === get.path.replace(/\/\{[^}]+\}$/, '');
		itemOf.set(norm(get.path), { resource: r.rule.resource, listable });
	}
	const tables: ResourceTable[] = [];
	for (const r of resources.values()) {
		for (const d of r.drafts) r.table.operations[d.value!] = operationOf(d, r, itemOf, resources);
		tables.push(r.table);
	}
	return tables.sort((x, y) => x.displayName.localeCompare(y.displayName));
}

function norm(p: string): string {
	return p.replace(/\{[^}]+\}/g, '{}');
}

function pathParamsOf(
	d: Draft,
	r: ResourceDraft,
	itemOf: Map<string, { resource: string; listable: boolean }>,
	resources: Map<string, ResourceDraft>,
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
			const ownerTable = resources.get(owner.resource)!.table;
			spec.param = `${owner.resource}Id`;
			const listable = owner.listable || LISTED_ELSEWHERE.has(owner.resource);
			spec.label = listable ? ownerTable.displayName : `${ownerTable.displayName} ID`;
			if (listable) spec.locator = owner.resource;
		} else if (values) {
			spec.param = camel(name);
			spec.enum = values;
		} else if (/^(id|qID|guid)$/i.test(name) && norm(prefix) === norm(`${r.base}/{x}`)) {
			spec.param = `${r.rule.resource}Id`;
			spec.label = `${r.table.displayName} ID`;
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

function bodyOf(
	d: Draft,
	taken: Set<string>,
	value: string,
	optionalQuery: Set<string>,
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
		const isPatch =
			!!(items.properties as Json | undefined)?.op &&
			!!(items.properties as Json | undefined)?.path;
		const body: BodySpec = {
			kind: 'raw',
			field: {
				name: 'body',
				param: isPatch ? 'patch' : 'body',
				label: isPatch ? 'Patch Operations (JSON)' : 'Body (JSON)',
				type: schema.type === 'array' ? 'json' : 'object',
				required: requiredBody || schema.type === 'array',
			},
		};
		if (isPatch) {
			const paths = enumOf(d.spec.resolve((items.properties as Json).path));
			body.field.hint = paths
				? `JSON Patch operations, e.g. [{"op": "replace", "path": "${paths[0]}", "value": …}]. Paths: ${paths.join(', ')}`
				: 'JSON Patch operations, e.g. [{"op": "replace", "path": "/name", "value": "New name"}]';
		}
		if (contentType) (body as { contentType?: string }).contentType = contentType;
		return body;
	}
	const required = new Set((schema.required as string[]) ?? []);
	const collection =
		d.method === 'PATCH' || value.startsWith('update') ? 'updateFields' : 'additionalFields';
	let deep = false;
	const fields: FieldSpec[] = Object.entries(props).map(([name, prop]) => {
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
		return field;
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

function deprecationOf(
	d: Draft,
	resources: Map<string, ResourceDraft>,
): TableOperation['deprecated'] | undefined {
	if (d.op['x-qlik-deprecated'] !== true && d.op.deprecated !== true) return undefined;
	const out: NonNullable<TableOperation['deprecated']> = {};
	if (typeof d.op['x-qlik-deprecated-sunset'] === 'string')
		out.sunset = d.op['x-qlik-deprecated-sunset'] as string;
	const replacedBy = (
		d.op['x-qlik-replaced-by'] as Array<{ uniqueIdentifier?: string }> | undefined
	)?.[0]?.uniqueIdentifier;
	let target: { method?: string; path: string; suffix?: boolean } | undefined;
	if (replacedBy) {
		const [method, p] = replacedBy.split(':');
		target = { method, path: `/api${p}` };
	} else {
		const text = String(d.op['x-qlik-deprecated-description'] ?? '');
		const call = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[\w/{}-]+)/.exec(text);
		const quoted = /`(\/[\w/{}-]+)`/.exec(text);
		if (call) target = { method: call[1], path: call[2], suffix: true };
		else if (quoted) target = { path: `/api${quoted[1]}` };
	}
	if (target) {
		const t = target;
		const matches = (x: Draft) =>
			(!t.method || x.method === t.method) &&
			(t.suffix
				? x.path.endsWith(t.path) && x !== d
				: t.method
					? x.path === t.path
					: x.path.startsWith(t.path));
		for (const r of resources.values()) {
			const hit = r.drafts.find(matches);
			if (hit) {
				out.replacement = t.method
					? `${r.table.displayName} → ${displayNameOf(hit.value!)}`
					: `the ${r.table.displayName} resource`;
				break;
			}
		}
	}
	return out;
}

function operationOf(
	d: Draft,
	r: ResourceDraft,
	itemOf: Map<string, { resource: string; listable: boolean }>,
	resources: Map<string, ResourceDraft>,
): TableOperation {
	const response = responseOf(d);
	const value = d.value!;
	const noun = nounPhrase(r.table.displayName);
	const pathParams = pathParamsOf(d, r, itemOf, resources);
	const taken = new Set(pathParams.map((p) => p.param ?? p.name));
	const isList = response.kind === 'list' && !response.single;
	const query: FieldSpec[] = [];
	const queryOptional = new Set<string>();
	for (const p of parametersOf(d).filter((x) => x.in === 'query')) {
		const name = String(p.name);
		if (isList && (PAGING_PARAMS.has(name) || name === 'limit')) continue;
		const required = p.required === true;
		let param: string;
		if (required) {
			param =
				RESERVED.has(name) || taken.has(name) ? `query${titleOf(name).replace(/ /g, '')}` : name;
			taken.add(param);
		} else {
			param = `${response.kind === 'list' ? 'filters' : 'additionalFields'}.${name}`;
			queryOptional.add(name);
		}
		const field = fieldOf(d.spec, name, p.schema, required, param);
		if (field.type === 'binary') field.type = 'string';
		query.push(field);
	}
	const headers: FieldSpec[] = [];
	for (const p of parametersOf(d).filter((x) => x.in === 'header')) {
		const name = String(p.name);
		// The credential signs requests; the transport sets content and accept types.
		if (/^(authorization|accept|content-type|content-length)$/i.test(name)) continue;
		const required = p.required === true;
		const key = camel(name);
		let param = `additionalFields.${key}`;
		if (required) {
			param = taken.has(key) ? `header${titleOf(name).replace(/ /g, '')}` : key;
			taken.add(param);
		}
		const field = fieldOf(d.spec, name, p.schema, required, param, labelOf(name));
		if (field.type !== 'string' && field.type !== 'integer' && field.type !== 'boolean') {
			field.type = 'string';
		}
		field.hint = `Sent as the ${name} header`;
		headers.push(field);
	}
	const deprecated = deprecationOf(d, resources);
	const operation: TableOperation = {
		name: displayNameOf(value) + (deprecated ? ' (Deprecated)' : ''),
		action: actionOf(value, noun) + (deprecated ? ' (deprecated)' : ''),
		description: deprecated
			? `Deprecated by Qlik${deprecated.sunset ? ` (sunset ${deprecated.sunset})` : ''}${deprecated.replacement ? `; use ${deprecated.replacement} instead` : '; Qlik names no replacement'}. ${d.method} ${d.path}`
			: `${d.method} ${d.path}`,
		method: d.method,
		path: d.path,
		tier: tierOf(d.op),
		status: Number(successResponse(d)?.status ?? 200),
		response,
	};
	if (typeof d.op.operationId === 'string') operation.operationId = d.op.operationId;
	if (deprecated) operation.deprecated = deprecated;
	if (pathParams.length) operation.pathParams = pathParams;
	if (query.length) operation.query = query;
	if (headers.length) operation.headers = headers;
	const body = bodyOf(d, taken, value, response.kind === 'list' ? new Set() : queryOptional);
	if (body) operation.body = body;
	return operation;
}

function registrySource(tables: ResourceTable[]): string {
	const imports = tables
		.map((t) => `import ${t.resource} from './${t.resource}/table.json';`)
		.join('\n');
	return `// Generated by scripts/generate/tables.ts: every resource's operation table, read from its
// table.json (facts from Qlik's spec). Do not edit: regenerate, and curate in curation.ts.
import type { ResourceTable } from '../shared/types';
${imports}

export const tables = [${tables.map((t) => t.resource).join(', ')}] as unknown as ResourceTable[];
`;
}

/** Every generated file: path → formatted content. */
export async function generate(dir: string): Promise<Map<string, string>> {
	const tables = buildTables(dir);
	const config = (await prettier.resolveConfig(path.join(ACTIONS, 'index.ts'))) ?? {};
	const files = new Map<string, string>();
	const format = (source: string) => prettier.format(source, { ...config, parser: 'typescript' });
	for (const table of tables) {
		files.set(
			path.join(ACTIONS, table.resource, 'table.json'),
			await prettier.format(JSON.stringify(table), { ...config, parser: 'json' }),
		);
	}
	files.set(path.join(ACTIONS, 'tables.ts'), await format(registrySource(tables)));
	return files;
}

async function main() {
	const dir = specsDir();
	const check = process.argv.includes('--check');
	const files = await generate(dir);
	const drift: string[] = [];
	for (const [file, content] of files) {
		const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
		if (current === content) continue;
		drift.push(path.relative(ROOT, file));
		if (!check) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, content);
		}
	}
	const stale = fs
		.readdirSync(ACTIONS, { withFileTypes: true })
		.filter((e) => e.isDirectory() && fs.existsSync(path.join(ACTIONS, e.name, 'table.json')))
		.map((e) => path.join(ACTIONS, e.name, 'table.json'))
		.filter((f) => !files.has(f));
	for (const file of stale) {
		drift.push(`${path.relative(ROOT, file)} (no longer generated)`);
		if (!check) fs.rmSync(file);
	}
	if (check && drift.length > 0) {
		console.error(
			`Operation tables differ from Qlik's specs in ${dir}:\n  ${drift.join('\n  ')}\nRun: npm run generate`,
		);
		process.exit(1);
	}
	console.log(
		check
			? `Operation tables match the specs (${files.size} files).`
			: `Wrote ${drift.length} of ${files.size} generated files.`,
	);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
