/**
 * Data connections with Qlik's rules: a unique name per space (409), lookup by name with
 * `?type=connectionname`, duplicate, admin-only batch delete and update answering 207 with a
 * BulkResponse entry per connection, 404 for unknown IDs. Credentials are kept: `qPassword` is
 * never returned, `qConnectionSecret` only by GET /data-connections/{qID} (as Qlik documents).
 * Connections live in the generic store's `/api/v1/data-connections` collection, so
 * `sim.seed('/api/v1/data-connections/<id>', {...})` works.
 */
import { randomUUID } from 'node:crypto';

import type { SimCore } from '../core';
import { ApiError, invalid } from '../errors';
import { applyPatch, readPatch } from '../jsonPatch';
import { paginate, queryValue } from '../paging';
import type { GenericObject } from '../store';
import type { Route, RouteContext } from '../types';
import { jsonArray, jsonObject } from '../validate';
import { dataFilesConnections } from './dataFiles';
import { findDataSource } from './dataSources';

const COLLECTION = '/api/v1/data-connections';
const SECRET_FIELDS = ['qPassword', 'qConnectionSecret', '_secrets'];

function store(core: SimCore): Map<string, GenericObject> {
	const { items } = core.state.generic;
	let map = items.get(COLLECTION);
	if (!map) items.set(COLLECTION, (map = new Map()));
	return map;
}

const now = () => new Date().toISOString();
const spaceOf = (c: GenericObject) => (typeof c.space === 'string' && c.space ? c.space : '');

/** A seeded object gets the fields every connection has. */
function normalise(c: GenericObject): GenericObject {
	const id = String(c.id ?? c.qID);
	c.id = id;
	c.qID = id;
	c.qEngineObjectID = c.qEngineObjectID ?? id;
	c.qName = c.qName ?? c.name ?? `Connection ${id.slice(0, 8)}`;
	c.qType = c.qType ?? 'QvOdbcConnectorPackage.exe';
	c.qConnectStatement =
		c.qConnectStatement ?? 'CUSTOM CONNECT TO "provider=QvOdbcConnectorPackage.exe;"';
	c.qLogOn = c.qLogOn ?? 0;
	c.qArchitecture = c.qArchitecture ?? 0;
	c.privileges = c.privileges ?? ['read', 'update', 'delete', 'list'];
	c.created = c.created ?? now();
	c.updated = c.updated ?? c.created;
	return c;
}

/** What the API shows: never qPassword; qConnectionSecret only for GET by ID or name. */
function view(ctx: RouteContext, c: GenericObject, withSecret = false): GenericObject {
	const out: GenericObject = { ...normalise(c), tenant: ctx.core.state.tenantId };
	for (const key of SECRET_FIELDS) delete out[key];
	if (withSecret && typeof c.qConnectionSecret === 'string')
		out.qConnectionSecret = c.qConnectionSecret;
	out.links = { self: { href: `${ctx.baseUrl}${COLLECTION}/${String(c.id)}` } };
	return out;
}

function notFound(id: string, what = 'ID'): ApiError {
	return new ApiError(
		404,
		'DCERROR-0004',
		'Data connection not found',
		`No data connection with ${what} "${id}".`,
	);
}

function conflict(name: string, space: string): ApiError {
	return new ApiError(
		409,
		'DCERROR-0009',
		'Data connection already exists',
		`A connection named "${name}" already exists in ${space ? `space ${space}` : 'the personal space'}.`,
	);
}

/** The personal space of a connection is its owner's. */
const sameScope = (c: GenericObject, space: string, userId: string) =>
	space ? spaceOf(c) === space : !spaceOf(c) && c.user === userId;

function clash(core: SimCore, name: string, space: string, userId: string, except?: string) {
	for (const c of store(core).values()) {
		normalise(c);
		if (
			c.id !== except &&
			String(c.qName).toLowerCase() === name.toLowerCase() &&
			sameScope(c, space, userId)
		)
			return true;
	}
	return false;
}

function checkSpace(ctx: RouteContext, space: unknown, pointer: string): string {
	if (space === undefined || space === null || space === '') return '';
	if (typeof space !== 'string')
		throw invalid('DCERROR-0001', 'space must be a string.', { pointer });
	if (!ctx.core.state.spaces.has(space))
		throw new ApiError(404, 'DCERROR-0005', 'Space not found', `No space "${space}".`);
	return space;
}

/** The connection addressed by the path: by ID, or by name with `?type=connectionname`. */
function target(ctx: RouteContext): GenericObject {
	const key = decodeURIComponent(ctx.params.qID);
	const userId = ctx.core.user(ctx.principal).id;
	if (queryValue(ctx, 'type') === 'connectionname') {
		const space = queryValue(ctx, 'spaceId') ?? '';
		for (const c of store(ctx.core).values()) {
			normalise(c);
			if (c.qName === key && sameScope(c, space, userId)) return c;
		}
		throw notFound(key, space ? `name in space ${space}` : 'name in the personal space');
	}
	const found = store(ctx.core).get(key);
	if (!found) throw notFound(key);
	return normalise(found);
}

function requireAdmin(ctx: RouteContext) {
	if (!ctx.core.isTenantAdmin(ctx.core.user(ctx.principal)))
		throw new ApiError(
			403,
			'DCERROR-0003',
			'Forbidden',
			'Only a tenant admin may use this endpoint.',
		);
}

const bulkError = (id: string, status: number, code: string, title: string, detail: string) => ({
	id,
	status,
	error: { code, title, detail, status },
});

function connectionsArray(ctx: RouteContext): GenericObject[] {
	const body = jsonObject(ctx, 'DCERROR');
	if (!Array.isArray(body.connections))
		throw invalid('DCERROR-0001', '"connections" must be an array.', { pointer: '/connections' });
	body.connections.forEach((c, index) => {
		if (!c || typeof c !== 'object' || typeof (c as GenericObject).id !== 'string')
			throw invalid('DCERROR-0001', 'Each connection needs an "id".', {
				pointer: `/connections/${index}/id`,
			});
	});
	return body.connections as GenericObject[];
}

/** A connect statement from the properties that are not secret. */
function connectStatement(provider: string, props: Record<string, unknown>, secret: Set<string>) {
	const parts = Object.entries(props)
		.filter(([k]) => !secret.has(k))
		.map(([k, v]) => `${k}=${String(v)};`)
		.join('');
	return `CUSTOM CONNECT TO "provider=${provider};${parts}"`;
}

function create(ctx: RouteContext) {
	const body = jsonObject(ctx, 'DCERROR');
	const user = ctx.core.user(ctx.principal);
	const qName = body.qName;
	if (typeof qName !== 'string' || qName.trim() === '')
		throw invalid('DCERROR-0001', '"qName" is required.', { pointer: '/qName' });
	const datasourceID = body.datasourceID ?? body.dataSourceId;
	if (typeof datasourceID !== 'string' || !datasourceID)
		throw invalid('DCERROR-0001', '"datasourceID" is required.', { pointer: '/datasourceID' });
	const space = checkSpace(ctx, body.space, '/space');
	const record: GenericObject = {
		id: typeof body.qID === 'string' && body.qID ? body.qID : randomUUID(),
		qName,
		datasourceID,
		space: space || undefined,
		user: user.id,
		owner: user.id,
		tags: Array.isArray(body.tags) ? body.tags : [],
		created: now(),
		updated: now(),
	};
	if (body.connectionProperties !== undefined) {
		const props = body.connectionProperties;
		if (!props || typeof props !== 'object' || Array.isArray(props))
			throw invalid('DCERROR-0001', '"connectionProperties" must be an object.', {
				pointer: '/connectionProperties',
			});
		const source = findDataSource(ctx.core, datasourceID);
		if (!source)
			throw invalid('DCERROR-0001', `Unknown or disabled data source "${datasourceID}".`, {
				pointer: '/datasourceID',
			});
		const given = props as Record<string, unknown>;
		for (const name of Object.keys(given))
			if (!source.connectionProperties[name])
				throw invalid(
					'DCERROR-0001',
					`Unknown connection property "${name}" for ${source.dataSourceId}. Known: ${Object.keys(source.connectionProperties).join(', ')}.`,
					{ pointer: `/connectionProperties/${name}` },
				);
		for (const [name, spec] of Object.entries(source.connectionProperties))
			if (spec.required && (given[name] === undefined || given[name] === ''))
				throw invalid(
					'DCERROR-0001',
					`Connection property "${name}" is required for ${source.dataSourceId}.`,
					{
						pointer: `/connectionProperties/${name}`,
					},
				);
		const secret = new Set(
			Object.entries(source.connectionProperties)
				.filter(([, s]) => s.secret)
				.map(([n]) => n),
		);
		record.qType = source.provider;
		record.qConnectStatement = connectStatement(source.provider, given, secret);
		record.qConnectionSecret = [...secret]
			.filter((n) => given[n] !== undefined)
			.map((n) => `${n}=${String(given[n])}`)
			.join(';');
		if (typeof given.username === 'string') record.qUsername = given.username;
		record.tags = [...(record.tags as unknown[]), `DcaasAPI:${source.provider}:1.0.0`];
	} else {
		for (const key of ['qConnectStatement', 'qType'])
			if (typeof body[key] !== 'string' || !body[key])
				throw invalid('DCERROR-0001', `"${key}" is required.`, { pointer: `/${key}` });
		Object.assign(record, {
			qType: body.qType,
			qConnectStatement: body.qConnectStatement,
			qLogOn: body.qLogOn ?? 0,
			qUsername: body.qUsername,
			qPassword: body.qPassword,
			qConnectionSecret: body.qConnectionSecret,
			qSeparateCredentials: body.qSeparateCredentials ?? false,
		});
	}
	if (clash(ctx.core, qName, space, user.id)) throw conflict(qName, space);
	if (record.qPassword || record.qConnectionSecret) record.qCredentialsID = randomUUID();
	store(ctx.core).set(String(record.id), normalise(record));
	return {
		status: 201,
		body: { ...view(ctx, record), qSeparateCredentials: record.qSeparateCredentials ?? false },
	};
}

function list(ctx: RouteContext) {
	const user = ctx.core.user(ctx.principal);
	const space = queryValue(ctx, 'spaceId');
	const personal = queryValue(ctx, 'personal') === 'true';
	let items = [
		...[...store(ctx.core).values()].map(normalise),
		...dataFilesConnections(ctx.core, user.id).map(normalise),
	];
	if (space) items = items.filter((c) => spaceOf(c) === space);
	if (personal) items = items.filter((c) => !spaceOf(c) && c.user === user.id);
	if (queryValue(ctx, 'noDatafiles') === 'true')
		items = items.filter((c) => !String(c.qType).startsWith('qix-datafiles'));
	const page = paginate({
		ctx,
		items,
		defaultLimit: 100,
		maxLimit: 100,
		cursors: { next: 'page' },
		code: 'DCERROR',
	});
	return { status: 200, body: { data: page.data.map((c) => view(ctx, c)), links: page.links } };
}

export const dataConnectionRoutes: Route[] = [
	{ method: 'GET', path: COLLECTION, tier: '1', handler: list },
	{ method: 'POST', path: COLLECTION, tier: '2', handler: create },
	{
		method: 'GET',
		path: `${COLLECTION}/{qID}`,
		tier: '1',
		handler: (ctx) => ({ status: 200, body: view(ctx, target(ctx), true) }),
	},
	{
		method: 'PUT',
		path: `${COLLECTION}/{qID}`,
		tier: '2',
		handler: (ctx) => {
			const current = target(ctx);
			const body = jsonObject(ctx, 'DCERROR');
			for (const key of ['qName', 'qConnectStatement', 'qType'])
				if (typeof body[key] !== 'string' || !body[key])
					throw invalid('DCERROR-0001', `"${key}" is required.`, { pointer: `/${key}` });
			const space =
				body.space === undefined ? spaceOf(current) : checkSpace(ctx, body.space, '/space');
			if (clash(ctx.core, String(body.qName), space, String(current.user), String(current.id)))
				throw conflict(String(body.qName), space);
			const rest = { ...body };
			delete rest.qID;
			delete rest.qEngineObjectID;
			Object.assign(current, rest, { space: space || undefined, updated: now() });
			return { status: 204 };
		},
	},
	{
		method: 'PATCH',
		path: `${COLLECTION}/{qID}`,
		tier: '2',
		handler: (ctx) => {
			const current = target(ctx);
			const ops = jsonArray(ctx, 'DCERROR');
			const next = applyPatch(current, readPatch(ops, 'DCERROR'));
			if (
				clash(ctx.core, String(next.qName), spaceOf(next), String(current.user), String(current.id))
			)
				throw conflict(String(next.qName), spaceOf(next));
			Object.assign(current, next, { id: current.id, qID: current.id, updated: now() });
			return { status: 204 };
		},
	},
	{
		method: 'DELETE',
		path: `${COLLECTION}/{qID}`,
		tier: '2',
		handler: (ctx) => {
			store(ctx.core).delete(String(target(ctx).id));
			return { status: 204 };
		},
	},
	{
		method: 'POST',
		path: `${COLLECTION}/actions/delete`,
		tier: '2',
		handler: (ctx) => {
			requireAdmin(ctx);
			const data = connectionsArray(ctx).map(({ id }) => {
				const key = String(id);
				if (!store(ctx.core).delete(key))
					return bulkError(
						key,
						404,
						'DCERROR-0004',
						'Data connection not found',
						`No data connection with ID "${key}".`,
					);
				return { id: key, status: 204 };
			});
			return { status: 207, body: { data } };
		},
	},
	{
		method: 'POST',
		path: `${COLLECTION}/actions/update`,
		tier: '2',
		handler: (ctx) => {
			requireAdmin(ctx);
			const data = connectionsArray(ctx).map((entry) => {
				const key = String(entry.id);
				const current = store(ctx.core).get(key);
				if (!current)
					return bulkError(
						key,
						404,
						'DCERROR-0004',
						'Data connection not found',
						`No data connection with ID "${key}".`,
					);
				normalise(current);
				if (entry.spaceId !== undefined && entry.spaceId !== '' && !entry.spaceType)
					return bulkError(
						key,
						400,
						'DCERROR-0001',
						'Bad request',
						'spaceType is required when spaceId is given.',
					);
				let space = spaceOf(current);
				if (entry.spaceId !== undefined) {
					space = String(entry.spaceId);
					if (space && !ctx.core.state.spaces.has(space))
						return bulkError(key, 404, 'DCERROR-0005', 'Space not found', `No space "${space}".`);
				}
				const owner = typeof entry.ownerId === 'string' ? entry.ownerId : String(current.user);
				const name = typeof entry.name === 'string' ? entry.name : String(current.qName);
				if (clash(ctx.core, name, space, owner, key))
					return bulkError(
						key,
						409,
						'DCERROR-0009',
						'Data connection already exists',
						`A connection named "${name}" already exists there.`,
					);
				Object.assign(current, {
					qName: name,
					user: owner,
					owner,
					space: space || undefined,
					updated: now(),
				});
				return { id: key, status: 204 };
			});
			return { status: 207, body: { data } };
		},
	},
	{
		method: 'POST',
		path: `${COLLECTION}/actions/duplicate`,
		tier: '2',
		handler: (ctx) => {
			const body = jsonObject(ctx, 'DCERROR');
			if (typeof body.id !== 'string' || !body.id)
				throw invalid('DCERROR-0001', '"id" is required.', { pointer: '/id' });
			const source = store(ctx.core).get(body.id);
			if (!source) throw notFound(body.id);
			normalise(source);
			const user = ctx.core.user(ctx.principal);
			const space =
				body.spaceId === undefined ? spaceOf(source) : checkSpace(ctx, body.spaceId, '/spaceId');
			let name =
				typeof body.name === 'string' && body.name ? body.name : `${String(source.qName)} (copy)`;
			if (!body.name)
				for (let n = 2; clash(ctx.core, name, space, user.id); n++)
					name = `${String(source.qName)} (copy ${n})`;
			if (clash(ctx.core, name, space, user.id)) throw conflict(name, space);
			const id = randomUUID();
			const copy: GenericObject = {
				...structuredClone(source),
				id,
				qID: id,
				qEngineObjectID: id,
				qName: name,
				space: space || undefined,
				user: user.id,
				owner: user.id,
				created: now(),
				updated: now(),
			};
			if (typeof body.qUsername === 'string') copy.qUsername = body.qUsername;
			if (typeof body.qPassword === 'string') copy.qPassword = body.qPassword;
			store(ctx.core).set(id, normalise(copy));
			return { status: 201, body: view(ctx, copy) };
		},
	},
];
