/**
 * Every operation of the committed tables (nodes/QlikCloud/actions/generated) that no
 * hand-written route serves, answered from a generic store (the server has checked the request
 * against Qlik's spec first: openapi.ts).
 *
 * - Collections: a path C with GET or POST on C and GET/PUT/PATCH/DELETE on C/{id}. POST C
 *   creates `{ id, ...body, createdAt, updatedAt }`, GET C lists (cursor pages, equality filters
 *   on query parameters the objects have, `sort`), C/{id} is got, replaced, patched (JSON Patch
 *   or merge) and deleted (with what lies under it). Items a path goes through must exist (404).
 * - Everything else answers the documented status and response kind; what a PUT/PATCH wrote to
 *   a path (settings) is what a GET of it returns; an uploaded file is what a download returns.
 */
import { randomBytes } from 'node:crypto';

import type { FieldSpec, TableOperation } from '../../../nodes/QlikCloud/shared/types';
import { recordSecretsIn } from '../../secrets/capture';
import type { SimCore } from '../core';
import { ApiError } from '../errors';
import { buildModel, shapeOf, type GenericOperation } from '../generic/model';
import { applyPatch, readPatch } from '../jsonPatch';
import { partValue } from '../multipart';
import { paginate, queryValue, sortItems } from '../paging';
import { objectId, type GenericObject, type StoredFile } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import { emitInBackground, eventState } from '../events';
import { seedGroup } from './groups';
import { seedReload } from './reloads';
import { seedSpace } from './spaces';
import { seedUser } from './users';
import { seedDelivery, seedWebhook } from './webhooks';

const model = buildModel();

/** Collections whose items Qlik answers with an `executionToken`. */
const EXECUTION_TOKENS = ['/api/v1/automations', '/api/workflows/automations'];

/** Collections whose records the hand-written routes keep: seeding and lookups go there. */
const HAND_WRITTEN: Record<
	string,
	{
		has(core: SimCore, id: string): boolean;
		seed(core: SimCore, id: string, o: GenericObject): GenericObject;
	}
> = {
	'/api/v1/users': {
		has: (core, id) => (core.state.users.get(id)?.status ?? 'deleted') !== 'deleted',
		seed: seedUser,
	},
	'/api/v1/groups': { has: (core, id) => core.state.groups.has(id), seed: seedGroup },
	'/api/v1/webhooks': {
		has: (core, id) => eventState(core).webhooks.has(id),
		seed: seedWebhook,
	},
	'/api/v1/reloads': { has: (core, id) => eventState(core).reloads.has(id), seed: seedReload },
	'/api/v1/spaces': { has: (core, id) => core.state.spaces.has(id), seed: seedSpace },
};

/** A route for every table operation whose method and path no route in `own` serves. */
export function genericRoutes(own: Route[]): Route[] {
	const taken = new Set(own.map((r) => `${r.method} ${shapeOf(r.path)}`));
	const routes: Route[] = [];
	for (const g of model.operations) {
		const key = `${g.op.method} ${g.shape}`;
		if (taken.has(key)) continue;
		taken.add(key);
		routes.push({
			method: g.op.method,
			path: routerPath(g.op),
			tier: g.op.tier.tier,
			limit: g.op.tier.perMinute,
			handler: (ctx) => handle(ctx, g),
		});
	}
	return routes;
}

/** File-path parameters match several segments. */
function routerPath(op: TableOperation): string {
	let path = op.path;
	for (const p of op.pathParams ?? [])
		if (p.kind === 'path') path = path.replace(`{${p.name}}`, `{${p.name}*}`);
	return path;
}

const fill = (template: string, params: Record<string, string>) =>
	template.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? '');

const nowIso = () => new Date().toISOString();
const isObject = (v: unknown): v is GenericObject =>
	!!v && typeof v === 'object' && !Array.isArray(v);

function split(itemPath: string): [collection: string, id: string] {
	const at = itemPath.lastIndexOf('/');
	return [itemPath.slice(0, at), itemPath.slice(at + 1)];
}

function collection(core: SimCore, path: string): Map<string, GenericObject> {
	const { items } = core.state.generic;
	let map = items.get(path);
	if (!map) {
		map = new Map();
		items.set(path, map);
	}
	return map;
}

function exists(core: SimCore, itemPath: string): boolean {
	const [path, id] = split(itemPath);
	return HAND_WRITTEN[path]?.has(core, id) || !!core.state.generic.items.get(path)?.has(id);
}

const notFound = (itemPath: string) =>
	new ApiError(404, 'HTTP-404', 'Not Found', `Nothing exists at ${itemPath}.`);

// ---------------------------------------------------------------------------------------------

function handle(ctx: RouteContext, g: GenericOperation): RouteResult {
	const { op } = g;
	for (const item of g.items) {
		const itemPath = fill(item.template, ctx.params);
		if (!exists(ctx.core, itemPath)) throw notFound(itemPath);
	}
	const path = fill(op.path, ctx.params);
	const { generic } = ctx.core.state;
	const headers = tusHeaders(ctx);
	const now = nowIso();
	const file = upload(ctx, op);

	switch (g.role) {
		case 'list':
			return { status: op.status, body: listBody(ctx, op, listed(ctx, path)) };
		case 'create': {
			const id = objectId();
			const created = Object.assign({ id }, bodyObject(ctx, op), {
				id,
				createdAt: now,
				updatedAt: now,
			});
			// Qlik gives every automation a token that runs it (a secret).
			if (EXECUTION_TOKENS.includes(path)) {
				created.executionToken = randomBytes(24).toString('hex');
				recordSecretsIn(created);
			}
			collection(ctx.core, path).set(id, created);
			if (file) generic.files.set(`${path}/${id}`, file);
			headers.Location = `${ctx.baseUrl}${path}/${id}`;
			if (path === '/api/v1/data-files') {
				emitInBackground(ctx.core, {
					type: 'com.qlik.v1.data-file.created',
					resourceId: id,
					spaceId: typeof created.spaceId === 'string' ? created.spaceId : undefined,
					ownerId: ctx.principal?.userId,
					userId: ctx.principal?.userId,
					data: { id, name: created.name ?? file?.filename, size: file?.data.length },
				});
			}
			return answer(ctx, op, path, { object: created, headers });
		}
		case 'get':
		case 'replace':
		case 'patch':
		case 'delete': {
			const [parent, id] = split(path);
			const items = collection(ctx.core, parent);
			const current = items.get(id);
			if (!current) throw notFound(path); // kept by a hand-written route, not here
			if (file) generic.files.set(path, file);
			if (g.role === 'get') return answer(ctx, op, path, { object: current, items: [current] });
			if (g.role === 'delete') {
				items.delete(id);
				forget(ctx.core, path);
				return answer(ctx, op, path, { object: current });
			}
			const next =
				g.role === 'replace'
					? Object.assign({ id }, bodyObject(ctx, op), { id, createdAt: current.createdAt })
					: patched(ctx, op, current);
			Object.assign(next, { id, updatedAt: now });
			items.set(id, next);
			return answer(ctx, op, path, { object: next, headers });
		}
		default:
			return other(ctx, g, path, file, headers);
	}
}

/** Actions, settings, downloads, counts, lists that are no collection. */
function other(
	ctx: RouteContext,
	g: GenericOperation,
	path: string,
	file: StoredFile | undefined,
	headers: Record<string, string>,
): RouteResult {
	const { op } = g;
	const { singletons, files } = ctx.core.state.generic;
	const last = /\{([^}]+)\}$/.exec(op.path)?.[1];
	const base: GenericObject = last ? { id: ctx.params[last] } : {};
	if (file) files.set(path, file);
	switch (op.method) {
		case 'PUT':
			singletons.set(path, bodyObject(ctx, op));
			break;
		case 'PATCH':
			singletons.set(path, patched(ctx, op, singletons.get(path) ?? {}));
			break;
		case 'DELETE':
			forget(ctx.core, path);
			return answer(ctx, op, path, { object: base, headers });
		case 'POST':
			if (op.path === '/api/v1/apps/{appId}/publish') {
				emitInBackground(ctx.core, {
					type: 'com.qlik.v1.app.published',
					resourceId: ctx.params.appId,
					spaceId: String(bodyObject(ctx, op).spaceId ?? '') || undefined,
					ownerId: ctx.principal?.userId,
					userId: ctx.principal?.userId,
					data: { id: ctx.params.appId, ...bodyObject(ctx, op) },
				});
			}
			return answer(ctx, op, path, {
				object: Object.assign({ id: objectId() }, bodyObject(ctx, op), { createdAt: nowIso() }),
				items: listed(ctx, path),
				headers,
			});
	}
	return answer(ctx, op, path, {
		object: { ...base, ...singletons.get(path) },
		items: listed(ctx, path),
		headers,
	});
}

/** Removes what is stored at a path and under it. */
function forget(core: SimCore, path: string) {
	const { items, singletons, files } = core.state.generic;
	for (const map of [items, singletons, files])
		for (const key of map.keys()) if (key === path || key.startsWith(`${path}/`)) map.delete(key);
}

/** The answer in the operation's documented status and response kind. */
function answer(
	ctx: RouteContext,
	op: TableOperation,
	path: string,
	what: { object?: GenericObject; items?: GenericObject[]; headers?: Record<string, string> },
): RouteResult {
	const status = op.status;
	const headers = what.headers ?? {};
	const response = op.response;
	switch (response.kind) {
		case 'object':
			return { status, headers, body: what.object ?? {} };
		case 'list':
			return { status, headers, body: listBody(ctx, op, what.items ?? []) };
		case 'array':
			return { status, headers, body: what.items ?? [] };
		case 'empty':
			return { status, headers };
		case 'text':
			return {
				status,
				headers,
				text:
					ctx.core.state.generic.files.get(path)?.data.toString('utf8') ??
					`Simulated text of ${path}\n`,
				contentType: 'text/plain; charset=utf-8',
			};
		case 'binary': {
			const file = ctx.core.state.generic.files.get(path);
			const contentType = file?.contentType ?? response.mimeType ?? 'application/octet-stream';
			const filename = file?.filename ?? downloadName(path, contentType);
			return {
				status,
				headers: { ...headers, 'Content-Disposition': `attachment; filename="${filename}"` },
				bytes: file?.data ?? Buffer.from(`Simulated content of ${path}\n`),
				contentType,
			};
		}
	}
}

const EXTENSIONS: Record<string, string> = {
	'application/zip': '.zip',
	'application/json': '.json',
	'text/markdown': '.md',
	'text/csv': '.csv',
	'text/plain': '.txt',
};

function downloadName(path: string, contentType: string): string {
	const name = (path.split('/').pop() || 'download').replace(/"/g, '');
	return /\.\w+$/.test(name) ? name : `${name}${EXTENSIONS[contentType] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// bodies

/** The object a request body describes (JSON object, multipart parts, or a file's facts). */
function bodyObject(ctx: RouteContext, op: TableOperation): GenericObject {
	switch (op.body?.kind) {
		case 'json':
		case 'raw':
			return isObject(ctx.body) ? structuredClone(ctx.body) : {};
		case 'multipart': {
			const out: GenericObject = {};
			const fields = op.body.fields;
			for (const part of ctx.parts ?? []) {
				if (part.filename !== undefined) continue;
				const value = partValue(part);
				const field = fields.find((f) => f.name === part.name);
				if (field?.type === 'object' && isObject(value)) Object.assign(out, value);
				else out[part.name] = value;
			}
			const file = ctx.parts?.find((p) => p.filename !== undefined);
			if (file) Object.assign(out, { name: out.name ?? file.filename, size: file.data.length });
			return out;
		}
		case 'binary':
			return {
				size: ctx.rawBody.length,
				contentType: ctx.contentType || 'application/octet-stream',
			};
		default:
			return {};
	}
}

/** A raw body field that holds JSON Patch operations. */
const isPatchField = (field: FieldSpec) =>
	field.param === 'patch' || /JSON Patch/i.test(field.hint ?? '');

/** PATCH: a JSON Patch array applied, or an object merged. */
function patched(ctx: RouteContext, op: TableOperation, current: GenericObject): GenericObject {
	const patchBody =
		Array.isArray(ctx.body) ||
		op.body?.kind === 'jsonPatch' ||
		(op.body?.kind === 'raw' && isPatchField(op.body.field));
	if (patchBody) return applyPatch(current, readPatch(ctx.body));
	return { ...current, ...bodyObject(ctx, op) };
}

/** The file a request uploads: a binary body, or the first file part. */
function upload(ctx: RouteContext, op: TableOperation): StoredFile | undefined {
	if (op.body?.kind === 'binary' && ctx.rawBody.length)
		return {
			data: Buffer.from(ctx.rawBody),
			contentType: ctx.contentType || 'application/octet-stream',
			filename: queryValue(ctx, 'filename'),
		};
	const part =
		op.body?.kind === 'multipart' ? ctx.parts?.find((p) => p.filename !== undefined) : undefined;
	return (
		part && {
			data: Buffer.from(part.data),
			contentType: part.contentType ?? 'application/octet-stream',
			filename: part.filename,
		}
	);
}

/** tus (resumable uploads): the protocol version, and the offset after a chunk. */
function tusHeaders(ctx: RouteContext): Record<string, string> {
	if (ctx.headers['tus-resumable'] === undefined) return {};
	const headers: Record<string, string> = { 'Tus-Resumable': '1.0.0' };
	if (ctx.method === 'PATCH')
		headers['Upload-Offset'] = String(
			Number(ctx.headers['upload-offset'] ?? 0) + ctx.rawBody.length,
		);
	return headers;
}

// ---------------------------------------------------------------------------------------------
// lists

const NOT_FILTERS = new Set(['limit', 'next', 'prev', 'page', 'offset', 'sort', 'cursor']);

/** The objects stored under a path, filtered by the query parameters they have, and sorted. */
function listed(ctx: RouteContext, path: string): GenericObject[] {
	const all = [...(ctx.core.state.generic.items.get(path)?.values() ?? [])];
	let items = all;
	for (const [name, raw] of Object.entries(ctx.query)) {
		if (NOT_FILTERS.has(name) || !all.some((item) => name in item)) continue;
		const wanted = Array.isArray(raw) ? raw : [raw];
		items = items.filter((item) =>
			(Array.isArray(item[name]) ? (item[name] as unknown[]) : [item[name]]).some((v) =>
				wanted.includes(isObject(v) ? JSON.stringify(v) : String(v)),
			),
		);
	}
	const sort = queryValue(ctx, 'sort');
	if (!sort) return items;
	const keys = sort.split(',').map((k) => k.trim().replace(/^[+-]/, ''));
	const scalar = (v: unknown) =>
		typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
	return sortItems(
		ctx,
		items,
		Object.fromEntries(keys.map((k) => [k, (i: GenericObject) => scalar(i[k])])),
		undefined,
	);
}

/** `{ data, links }`: cursor pages of at most the table's page size, or one page when single. */
function listBody(ctx: RouteContext, op: TableOperation, items: GenericObject[]) {
	const response = op.response;
	// A few lists keep their items under another name than `data` (sharingTasks, scripts).
	const key = (response.kind === 'list' && response.itemsKey) || 'data';
	if (response.kind === 'list' && response.single)
		return {
			[key]: items,
			links: { self: { href: `${ctx.baseUrl}${ctx.url.pathname}${ctx.url.search}` } },
		};
	const max = response.kind === 'list' ? response.maxPageSize : 100;
	const page = paginate({ ctx, items, defaultLimit: Math.min(20, max), maxLimit: max });
	return { [key]: page.data, links: page.links };
}

// ---------------------------------------------------------------------------------------------
// seeding

/**
 * Stores `object` at a concrete item path (`/api/v1/data-alerts/abc` → `{ id: 'abc', ...object }`).
 * Users, groups and spaces become records of their hand-written routes.
 */
export function seedItem(
	core: SimCore,
	itemPath: string,
	object: GenericObject = {},
): GenericObject {
	const clean = itemPath.split('?')[0].replace(/\/+$/, '');
	const [path, rawId] = split(clean);
	const id = decodeURIComponent(rawId);
	if (!path.startsWith('/') || !id)
		throw new Error(`seed() needs an item path like /api/v1/things/<id>, got "${itemPath}"`);
	const hand = HAND_WRITTEN[path];
	if (hand) return hand.seed(core, id, object);
	const deliveries = /^\/api\/v1\/webhooks\/([^/]+)\/deliveries$/.exec(path);
	if (deliveries) return seedDelivery(core, decodeURIComponent(deliveries[1]), id);
	if (path.startsWith('/api/v1/spaces/'))
		throw new Error('Create space assignments and shares through the API, not seed().');
	const stored = Object.assign({ id }, structuredClone(object), { id });
	recordSecretsIn(stored);
	collection(core, decodeURIComponent(path)).set(id, stored);
	return stored;
}
