/**
 * Requests checked against Qlik's own OpenAPI specs (`../shared/qlik-openapi`, the files that
 * `manage-scope.json` lists), not against the node's tables: what the node sends is compared
 * with what Qlik documents. openapi-backend (Ajv underneath) does the checking: path, query and
 * header parameters (coerced from text as a server would), and JSON and multipart bodies
 * (required properties, types, enums, patterns, lengths, ranges, `additionalProperties: false`).
 *
 * Each spec file is read and dereferenced once per process, when a request first needs it; an
 * operation's validators are compiled on its first request and kept. A schema that does not compile is an error (500 naming the
 * operation, and `compileAll()` in the tests), never a pass. Where a spec cannot be taken as
 * written, `REPAIRS` says what is changed and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	OpenAPIBackend,
	type Document,
	type Operation,
	type OpenAPIValidator,
} from 'openapi-backend';

import { ApiError, invalid, type ErrorItem } from './errors';
import { partValue } from './multipart';
import { isJsonType } from './validate';
import type { Route, RouteContext } from './types';

export const SPEC_DIR = path.resolve(__dirname, '../../../shared/qlik-openapi');

type Json = Record<string, unknown>;
/** Ajv's error (the Ajv that openapi-backend brings, not another one in node_modules). */
type AjvError = NonNullable<ReturnType<OpenAPIValidator['validateRequest']>['errors']>[number];

type RouteShape = Pick<Route, 'method' | 'path'>;

export interface SpecOperation {
	/** The spec file, e.g. `spaces.json`. */
	file: string;
	api: OpenAPIBackend;
	operation: Operation;
}

/** `/api/v1/glossaries/{id}/terms` → `/api/v1/glossaries/{}/terms` (also `{path*}`). */
export const shapeOf = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// repairs: the narrow places where a spec cannot be used as written

/**
 * An escape that JavaScript's unicode mode refuses: `\"`, `\<`, `\:` … (a backslash before a
 * character that needs none). Letters and digits (classes, `\u0000`) and syntax characters stay.
 */
const NEEDLESS_ESCAPE = /\\([^A-Za-z0-9^$\\.*+?()[\]{}|/-])/g;

export function repairPattern(pattern: string): string {
	return pattern.replace(NEEDLESS_ESCAPE, '$1');
}

/** Every schema object of a spec (components included), visited once, parents first. */
function eachNode(node: unknown, visit: (node: Json) => void) {
	if (Array.isArray(node)) return node.forEach((n) => eachNode(n, visit));
	if (!isObject(node)) return;
	visit(node);
	for (const value of Object.values(node)) eachNode(value, visit);
}

/** Like eachNode, following `$ref`s (each target once): what a request body's schema holds. */
function eachNodeDeep(doc: Json, node: unknown, visit: (node: Json) => void, seen = new Set()) {
	eachNode(node, (n) => {
		if (seen.has(n)) return;
		seen.add(n);
		visit(n);
		if (typeof n.$ref === 'string') eachNodeDeep(doc, deref(doc, n), visit, seen);
	});
}

/** `#/components/parameters/x` → the object it names. */
function deref(doc: Json, node: unknown): Json {
	let value = node;
	while (isObject(value) && typeof value.$ref === 'string') {
		let target: unknown = doc;
		for (const part of value.$ref.replace(/^#\//, '').split('/')) target = (target as Json)?.[part];
		value = target;
	}
	return isObject(value) ? value : {};
}

/** Each operation of a spec with its path template. */
function eachOperation(doc: Json, visit: (operation: Json, route: string, method: string) => void) {
	for (const [route, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>))
		for (const [method, operation] of Object.entries(item))
			if (isObject(operation) && isObject(operation.responses)) visit(operation, route, method);
}

/** The properties of a JSON Patch operation's schema (`op` and `path`), else undefined. */
const isPatchItem = (properties: unknown): properties is Json & { op: Json; path: Json } =>
	isObject(properties) && isObject(properties.op) && isObject(properties.path);

/** Each JSON Patch operation schema of a spec, by its properties. */
function eachPatchItem(doc: Json, visit: (properties: Json & { op: Json; path: Json }) => void) {
	eachNode(doc, (node) => {
		if (isPatchItem(node.properties)) visit(node.properties);
	});
}

/** Replaces the `value` schema of the JSON Patch items of `PATCH route`. */
function setPatchValue(doc: Json, route: string, value: (was: Json) => Json): void {
	const patch = deref(doc, (doc.paths as Record<string, Json>)[route]?.patch);
	eachNodeDeep(doc, patch.requestBody, (node) => {
		const properties = node.properties;
		if (isPatchItem(properties) && isObject(properties.value))
			properties.value = value(properties.value);
	});
}

interface Repair {
	what: string;
	why: string;
	apply(doc: Json, file: string): void;
}

/**
 * What is changed in the specs before validating, with the reason for each: places where a spec
 * cannot be used as written, or says less than the API it describes. Each is as narrow as the
 * fault it works around.
 */
export const REPAIRS: readonly Repair[] = [
	{
		what: 'patterns with needless escapes (spaces: `\\"`, `\\<`, `\\>`, `\\:` in the name pattern)',
		why: 'invalid in a unicode-mode JavaScript regex; the backslash is dropped, the meaning is the same',
		apply: (doc) =>
			eachNode(doc, (node) => {
				if (typeof node.pattern === 'string') node.pattern = repairPattern(node.pattern);
			}),
	},
	{
		what: 'patterns that describe a date format rather than match it (audits: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss.sssZ/…`)',
		why: 'as a regex it would match only those letters: each letter stands for a digit',
		apply: (doc) =>
			eachNode(doc, (node) => {
				if (typeof node.pattern === 'string' && /^YYYY[-YMDhmsTZ:./]*$/.test(node.pattern))
					node.pattern = `^${node.pattern.replace(/[YMDhms]/g, '\\d').replace(/\./g, '\\.')}$`;
			}),
	},
	{
		what: 'request bodies typed `*/*` with a JSON schema (apps: create, copy, import, owner …)',
		why: 'Qlik reads these bodies as JSON; the schema is checked when the request is JSON',
		apply: (doc) =>
			eachNode(doc, (node) => {
				const content = node.content;
				if (isObject(content) && isObject(content['*/*']) && !content['application/json'])
					content['application/json'] = content['*/*'];
			}),
	},
	{
		what: 'operations without an operationId (data connections …)',
		why: 'openapi-backend finds an operation by its id; such an operation gets `METHOD path` as id',
		apply: (doc) =>
			eachOperation(doc, (operation, route, method) => {
				operation.operationId ??= `${method.toUpperCase()} ${route}`;
			}),
	},
	{
		what: 'required entries that name no property (data files: `Json.Name` in the multipart form)',
		why: 'no form part can be named so; `Json` itself requires `name`, which is what is meant',
		apply: (doc) =>
			eachNode(doc, (node) => {
				if (!Array.isArray(node.required) || !isObject(node.properties)) return;
				const properties = node.properties;
				node.required = (node.required as unknown[]).filter(
					(name) => typeof name !== 'string' || !name.includes('.') || name in properties,
				);
			}),
	},
	{
		what: 'path parameters in a template that the operation does not declare (apps: `reloadId` of reload metadata)',
		why: 'the template names them, so a request has them: they are taken as text',
		apply: (doc) =>
			eachOperation(doc, (operation, route) => {
				const item = (doc.paths as Record<string, Json>)[route];
				const declared = [
					...((item.parameters as unknown[]) ?? []),
					...((operation.parameters as unknown[]) ?? []),
				].map((p) => deref(doc, p));
				for (const [, name] of route.matchAll(/\{([^}]+)\}/g))
					if (!declared.some((p) => p.in === 'path' && p.name === name))
						operation.parameters = [
							...((operation.parameters as unknown[]) ?? []),
							{ name, in: 'path', required: true, schema: { type: 'string' } },
						];
			}),
	},
	{
		what: 'path parameters typed array (data stores: `data-store-ids`, a comma-separated list)',
		why: 'openapi-backend does not split a path segment into an array; the segment is checked as text',
		apply: (doc) =>
			eachNode(doc, (node) => {
				if (node.in === 'path' && isObject(node.schema) && node.schema.type === 'array')
					node.schema = { type: 'string' };
			}),
	},
	{
		what: 'array query parameters (form style, exploded by default: `a=1&a=2`)',
		why: 'the node sends them comma-separated (`a=1,2`, explode false); until it is known which form Qlik reads, both pass (each item still checked)',
		apply: (doc) =>
			eachNode(doc, (node) => {
				if (node.in === 'query' && isObject(node.schema) && node.schema.type === 'array')
					node.explode = false;
			}),
	},
	{
		what: 'an enum on the Accept header (csp origins, task run logs: `application/json`, `text/plain`)',
		why: 'HTTP clients send lists and wildcards (`*/*`, `application/json, text/plain, */*`): any Accept passes',
		apply: (doc) =>
			eachNode(doc, (node) => {
				if (node.in === 'header' && String(node.name).toLowerCase() === 'accept')
					node.schema = { type: 'string' };
			}),
	},
	{
		what: 'an enum whose one value lists the values (transports: JSON Patch `op` "replace, remove, add")',
		why: 'a writing slip in the spec: each listed value is allowed',
		apply: (doc) =>
			eachNode(doc, (node) => {
				const values = node.enum;
				if (Array.isArray(values) && values.length === 1 && /^\w+(, \w+)+$/.test(String(values[0])))
					node.enum = String(values[0]).split(', ');
			}),
	},
	{
		what: 'JSON Patch paths listed without their leading slash (groups: `assignedRoles`, `name`, `description`)',
		why: "a JSON Patch path is a JSON pointer, and the same spec's example writes `/assignedRoles`: both forms pass",
		apply: (doc) =>
			eachPatchItem(doc, (properties) => {
				const values = properties.path.enum;
				if (Array.isArray(values) && values.some((v) => !String(v).startsWith('/')))
					properties.path.enum = [...values, ...values.map((v) => `/${String(v)}`)];
			}),
	},
	{
		what: 'a JSON Patch value typed object without properties (data alerts, data assets, data sets, data stores, report templates, sharing tasks)',
		why: 'the value is whatever the path holds (a name is text, a flag a boolean): any JSON value passes',
		apply: (doc) =>
			eachPatchItem(doc, (properties) => {
				const value = properties.value;
				if (
					isObject(value) &&
					value.type === 'object' &&
					!Object.keys(value.properties ?? {}).length
				)
					properties.value = {};
			}),
	},
	{
		what: '`oneOf` in request bodies (identity providers: OIDC, SAML and JWT payloads and patches)',
		why: 'the alternatives overlap (a patch of /description fits each), so exactly-one can never hold: one is enough (`anyOf`)',
		apply: (doc) =>
			eachOperation(doc, (operation) =>
				eachNodeDeep(doc, operation.requestBody, (node) => {
					if (!Array.isArray(node.oneOf)) return;
					node.anyOf = node.oneOf;
					delete node.oneOf;
				}),
			),
	},
	{
		what: 'the value of a space share JSON Patch typed string (spaces: `/roles`, `/disabled`)',
		why: 'the same schema says the value holds the roles (a list) or the disabled flag: a list of roles, a string or a boolean passes',
		apply: (doc, file) => {
			if (file === 'spaces.json')
				setPatchValue(doc, '/api/v1/spaces/{spaceId}/shares/{shareId}', () => ({
					anyOf: [
						{ type: 'string' },
						{ type: 'boolean' },
						{ type: 'array', items: { type: 'string' } },
					],
				}));
		},
	},
	{
		what: 'the value of a webhook JSON Patch, which leaves out lists (webhooks: `/eventTypes`, `/encryptedHeaders`)',
		why: 'the same spec lists both paths as patchable and types both properties as lists of strings: a list of strings passes too',
		apply: (doc, file) => {
			if (file === 'webhooks.json')
				setPatchValue(doc, '/api/v1/webhooks/{id}', (value) => ({
					anyOf: [value, { type: 'array', items: { type: 'string' } }],
				}));
		},
	},
	{
		what: 'the reloads list marks `appId` required (reloads: `GET /api/v1/reloads`)',
		why: "the same parameter's description says a tenant admin may leave it out to list every reload in the tenant; the simulator's admin may",
		apply: (doc, file) => {
			if (file !== 'reloads.json') return;
			const list = deref(doc, (doc.paths as Record<string, Json>)['/api/v1/reloads']?.get);
			for (const entry of (list.parameters as Json[] | undefined) ?? []) {
				const parameter = deref(doc, entry);
				if (parameter.in === 'query' && parameter.name === 'appId') parameter.required = false;
			}
		},
	},
];

/** Applies the repairs to a parsed spec (in place) and returns it. */
export function repairSpec(doc: Json, file = ''): Json {
	for (const repair of REPAIRS) repair.apply(doc, file);
	return doc;
}

// ---------------------------------------------------------------------------------------------
// loading

/** The spec files in scope, in the order of `manage-scope.json`. */
export function specFiles(dir = SPEC_DIR): string[] {
	const file = path.join(dir, 'manage-scope.json');
	if (!existsSync(file))
		throw new Error(
			`The simulator checks requests against Qlik's specs and needs them at ${dir} (manage-scope.json not found).`,
		);
	const scope = JSON.parse(readFileSync(file, 'utf8')) as {
		themes: Record<string, Array<{ spec: string }>>;
	};
	return Object.values(scope.themes).flatMap((list) => list.map((entry) => entry.spec));
}

/** One Ajv per kind of check, shared by every operation (a new one per schema costs seconds). */
const ajvs = new Map<string, unknown>();

/** Unknown formats (date-time, uri, email …) are not checked; any other Ajv warning is an error. */
const ajvLogger = {
	log: () => undefined,
	warn: (...args: unknown[]) => {
		const text = args.map(String).join(' ');
		if (!/^unknown format/.test(text)) throw new Error(`Ajv: ${text}`);
	},
	error: (...args: unknown[]) => {
		throw new Error(`Ajv: ${args.map(String).join(' ')}`);
	},
};

async function loadSpec(dir: string, file: string): Promise<OpenAPIBackend> {
	const doc = repairSpec(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json, file);
	const api = new OpenAPIBackend({
		definition: doc as unknown as Document,
		strict: true,
		// Quick: no check of the document against OpenAPI's schema, validators compiled lazily.
		quick: true,
		ajvOpts: { logger: ajvLogger },
		customizeAjv: (ajv, _opts, context) => {
			if (!ajvs.has(context)) ajvs.set(context, ajv);
			return ajvs.get(context) as typeof ajv;
		},
	});
	await api.init();
	return api;
}

export interface Specs {
	/** `METHOD shape` → the spec file that describes it (from `index.json`). */
	files: Map<string, string>;
	/** The operation for a route; its spec file is read on first use. */
	find(method: string, routePath: string): Promise<SpecOperation | undefined>;
}

/** A spec file read, repaired and dereferenced: its operations by `METHOD shape`. */
async function loadFile(dir: string, file: string): Promise<Map<string, SpecOperation>> {
	const api = await loadSpec(dir, file);
	const operations = new Map<string, SpecOperation>();
	const ids = new Set<string>();
	for (const operation of api.router.getOperations()) {
		if (ids.has(operation.operationId ?? ''))
			throw new Error(`${file}: operationId ${operation.operationId} is not unique`);
		ids.add(operation.operationId ?? '');
		operations.set(`${operation.method.toUpperCase()} ${shapeOf(operation.path)}`, {
			file,
			api,
			operation,
		});
	}
	return operations;
}

/**
 * Which file describes which operation comes from `index.json` (read at start); a spec file is
 * read when a request first needs it, so a simulator starts without reading all 51.
 */
function load(dir: string): Specs {
	const inScope = new Set(specFiles(dir));
	const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as Record<
		string,
		{ file: string; ops: Array<{ method: string; path: string }> }
	>;
	const files = new Map<string, string>();
	for (const file of inScope)
		for (const entry of Object.values(index))
			if (entry.file === file)
				for (const op of entry.ops) {
					const key = `${op.method.toUpperCase()} ${shapeOf(op.path)}`;
					if (!files.has(key)) files.set(key, file);
				}
	const loaded = new Map<string, Promise<Map<string, SpecOperation>>>();
	return {
		files,
		find: async (method, routePath) => {
			const key = `${method} ${shapeOf(routePath)}`;
			const file = files.get(key);
			if (!file) return undefined;
			if (!loaded.has(file)) loaded.set(file, loadFile(dir, file));
			const operation = (await loaded.get(file)!).get(key);
			if (!operation) throw new Error(`${file} has no ${key}, though index.json lists it there`);
			return operation;
		},
	};
}

let cached: Specs | undefined;

/** The specs' index, read once per process (the files themselves when first needed). */
export function specs(): Specs {
	cached ??= load(SPEC_DIR);
	return cached;
}

/** Reads every spec file and compiles every operation's request validators; throws on the first that fails. */
export async function compileAll(): Promise<number> {
	const { files, find } = specs();
	for (const key of files.keys()) {
		const [method, shape] = key.split(' ');
		validatorsOf((await find(method, shape))!);
	}
	return files.size;
}

function validatorsOf({ file, api, operation }: SpecOperation) {
	try {
		return api.validator.getRequestValidatorsForOperation(operation.operationId!);
	} catch (error) {
		throw new ApiError(
			500,
			'HTTP-500',
			'Internal Server Error',
			`${file} ${operation.method.toUpperCase()} ${operation.path}: its request schema does not compile: ${
				(error as Error).message
			}`,
		);
	}
}

// ---------------------------------------------------------------------------------------------
// checking a request

/** The route's parameters put in the spec's template (names may differ, order does not). */
function specPath(route: RouteShape, operation: Operation, params: Record<string, string>): string {
	const names = [...route.path.matchAll(/\{([^}*]+)\*?\}/g)].map((m) => m[1]);
	let i = 0;
	return operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[names[i++]] ?? ''));
}

/**
 * The body as the spec describes it: parsed JSON, or for multipart the parts by name (JSON parts
 * parsed, files as their name). Streamed bodies (uploads) are not read here: see the upload routes.
 */
function specBody(ctx: RouteContext, route: Route): unknown {
	if (route.body === 'stream' || !ctx.rawBody.length) return undefined;
	if (ctx.parts) {
		const out: Json = {};
		for (const part of ctx.parts) {
			const isJson = !!part.contentType && isJsonType(part.contentType);
			out[part.name] = part.filename !== undefined && !isJson ? part.filename : partValue(part);
		}
		return out;
	}
	return ctx.body;
}

/**
 * Checks a request against the operation the specs document for its route (none: nothing to
 * check, e.g. OAuth and the demo routes). A fault is a 400 in Qlik's envelope, one error each.
 */
export async function checkRequest(ctx: RouteContext, route: Route): Promise<void> {
	const entry = await specs().find(route.method, route.path);
	if (!entry) return;
	if (route.body !== 'stream') checkMedia(entry.operation, ctx);
	checkAgainst(entry, ctx, route, specBody(ctx, route));
}

/** The media types a request body may have, from the spec (none: any). */
function mediaTypes(operation: Operation): string[] {
	const body = operation.requestBody as { content?: Json } | undefined;
	return Object.keys(body?.content ?? {});
}

/** `application/octet-stream` is "bytes": a file of any type is such a body. */
const mediaMatches = (type: string, wanted: string) =>
	wanted === '*/*' ||
	wanted === 'application/octet-stream' ||
	wanted === type ||
	(wanted.endsWith('/*') && type.startsWith(wanted.slice(0, -1))) ||
	(wanted === 'application/json' && /\+json$/.test(type));

/**
 * What openapi-backend leaves to the server: a body the spec requires must be there (also a file
 * or bytes, whose content the schema cannot describe), in one of the media types it lists (415).
 */
function checkMedia(operation: Operation, ctx: RouteContext) {
	const body = operation.requestBody as { required?: boolean } | undefined;
	const types = mediaTypes(operation);
	if (!ctx.rawBody.length) {
		if (body?.required) throw invalid('HTTP-400', 'A request body is required.', { pointer: '' });
		return;
	}
	if (!types.length || types.some((type) => mediaMatches(ctx.contentType, type))) return;
	throw new ApiError(
		415,
		'HTTP-415',
		'Unsupported Media Type',
		`Send the body as ${types.join(' or ')}, not ${ctx.contentType || 'without a Content-Type'}.`,
	);
}

/**
 * Checks what a streamed multipart route read itself: its parts by name (the file part as its
 * file name, text parts as their text or the JSON they hold). `route` is the route's method and path pattern.
 */
export async function checkStreamedParts(
	ctx: RouteContext,
	route: RouteShape,
	parts: Array<{ name: string; filename?: string; text?: string }>,
): Promise<void> {
	const entry = await specs().find(route.method, route.path);
	if (!entry) return;
	const body: Json = {};
	for (const part of parts)
		body[part.name] =
			part.text === undefined
				? (part.filename ?? '')
				: partValue({ name: part.name, data: Buffer.from(part.text) });
	checkAgainst(entry, ctx, route, body);
}

function checkAgainst(entry: SpecOperation, ctx: RouteContext, route: RouteShape, body: unknown) {
	validatorsOf(entry);
	const result = entry.api.validator.validateRequest(
		{
			method: ctx.method,
			path: specPath(route, entry.operation, ctx.params),
			headers: ctx.headers as Record<string, string | string[]>,
			query: ctx.query,
			body,
		},
		entry.operation,
	);
	if (result.valid) return;
	const items = (result.errors ?? []).map(describe);
	const error = invalid(items[0].code, items[0].detail ?? '', items[0].source ?? {});
	error.items.push(...items.slice(1));
	throw error;
}

const PLACES: Record<string, string> = {
	path: 'path parameter',
	query: 'query parameter',
	header: 'header',
};

/** One Ajv error as an item of Qlik's envelope, naming the parameter or body field at fault. */
export function describe(e: AjvError): ErrorItem {
	const [, place = '', ...rest] = e.instancePath.split('/');
	const params = e.params as Record<string, unknown>;
	const item = (detail: string, source: ErrorItem['source']): ErrorItem => ({
		code: 'HTTP-400',
		title: 'Bad request',
		detail,
		status: '400',
		source,
		meta: { source },
	});
	const rule =
		e.keyword === 'enum'
			? `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
			: e.keyword === 'pattern'
				? `must match the pattern ${String(params.pattern)}`
				: (e.message ?? 'is not valid');
	if (place === 'requestBody' || (place === '' && e.keyword === 'required')) {
		if (place === '') return item('A request body is required.', { pointer: '' });
		const pointer = `/${rest.join('/')}`.replace(/\/$/, '');
		if (e.keyword === 'required')
			return item(`The body property ${pointer}/${String(params.missingProperty)} is required.`, {
				pointer: `${pointer}/${String(params.missingProperty)}`,
			});
		if (e.keyword === 'additionalProperties')
			return item(
				`The body property ${pointer}/${String(params.additionalProperty)} is not allowed here.`,
				{ pointer: `${pointer}/${String(params.additionalProperty)}` },
			);
		return item(`The body ${pointer ? `property ${pointer}` : ''} ${rule}.`.replace('  ', ' '), {
			pointer,
		});
	}
	const kind = PLACES[place] ?? place;
	if (rest.length === 0) {
		if (e.keyword === 'required') {
			const name = String(params.missingProperty);
			if (!kind) return item(`The ${name} parameters are required.`, { parameter: name });
			return item(`The ${kind} ${name} is required.`, { parameter: name });
		}
		if (e.keyword === 'additionalProperties') {
			const name = String(params.additionalProperty);
			return item(`The ${kind} ${name} is not documented for this operation.`, {
				parameter: name,
			});
		}
	}
	const name = rest[0] ?? place;
	const index = rest.length > 1 ? ` (item ${rest.slice(1).join('/')})` : '';
	return item(`The ${kind} ${name}${index} ${rule}.`, { parameter: name });
}
