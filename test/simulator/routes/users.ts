/**
 * Users (spec users.json): me (301), get, list with SCIM filter, create, JSON-Patch update
 * (207) and delete. The rest of the spec (count, filter, invite) is served by routes/generic.ts.
 */
import type { SimCore } from '../core';
import { ApiError, invalid } from '../errors';
import { pointerSegments, readPatch } from '../jsonPatch';
import { paginate, queryValue, sortItems } from '../paging';
import { scimFilter } from '../scim';
import type { GroupRecord, UserRecord } from '../store';
import { BUILT_IN_ROLES, objectId, roleId, roleRef } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import { enumField, jsonBody, jsonObject, requireField, stringField } from '../validate';

export function renderUser(ctx: RouteContext, user: UserRecord) {
	const { state } = ctx.core;
	return {
		id: user.id,
		tenantId: state.tenantId,
		status: user.status,
		subject: user.subject,
		name: user.name,
		...(user.email ? { email: user.email } : {}),
		createdAt: user.createdAt,
		lastUpdatedAt: user.lastUpdatedAt,
		assignedRoles: user.roles.map(roleRef),
		assignedGroups: user.groupIds
			.map((id) => state.groups.get(id))
			.filter((g): g is GroupRecord => !!g)
			.map((g) => ({ id: g.id, name: g.name, providerType: g.providerType })),
		assignedScopes: [],
		links: { self: { href: `${ctx.baseUrl}/api/v1/users/${user.id}` } },
	};
}

/** Role names from `["Developer"]`, `[{ "name": … }]` or `[{ "id": … }]` of a built-in role. */
export function roleNames(value: unknown, pointer: string, code: string, name = 'assignedRoles') {
	if (!Array.isArray(value))
		throw invalid(`${code}-400`, `${name} must be an array of roles.`, { pointer });
	return value.map((role: unknown, i): string => {
		const ref = (role && typeof role === 'object' ? role : {}) as Record<string, unknown>;
		const name =
			typeof role === 'string'
				? role
				: typeof ref.name === 'string'
					? ref.name
					: BUILT_IN_ROLES.find((n) => roleId(n) === ref.id);
		if (!name)
			throw invalid(
				`${code}-400`,
				`Unknown role ${JSON.stringify(role)}: give a name or the id of a built-in role.`,
				{
					pointer: `${pointer}/${i}`,
				},
			);
		return name;
	});
}

const nowIso = () => new Date().toISOString();

/** `sim.seed('/api/v1/users/<id>', { name, email, subject })`: an active user. */
export function seedUser(core: SimCore, id: string, o: Record<string, unknown>) {
	const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
	const now = nowIso();
	const user: UserRecord = {
		id,
		subject: text(o.subject, `auth0|${id}`),
		name: text(o.name, `Seeded user ${id}`),
		email: text(o.email, ''),
		status: 'active',
		roles: [],
		groupIds: [],
		createdAt: now,
		lastUpdatedAt: now,
	};
	core.state.users.set(id, user);
	return { ...user };
}

export function booleanParam(ctx: RouteContext, name: string, code: string): boolean {
	const v = queryValue(ctx, name);
	if (v === undefined) return false;
	if (v !== 'true' && v !== 'false')
		throw invalid(`${code}-400`, `${name} must be true or false.`, { parameter: name });
	return v === 'true';
}

function me(ctx: RouteContext): RouteResult {
	const user = ctx.core.user(ctx.principal);
	const href = `${ctx.baseUrl}/api/v1/users/${user.id}`;
	return {
		status: 301,
		headers: { Location: href },
		text: `<a href="${href}">Moved Permanently</a>.`,
		contentType: 'text/html; charset=utf-8',
	};
}

function getUser(ctx: RouteContext): RouteResult {
	return { status: 200, body: renderUser(ctx, loadUser(ctx)) };
}

const USER_SORT: Record<string, (u: UserRecord) => string | undefined> = {
	name: (u) => u.name,
	_id: (u) => u.id,
	id: (u) => u.id,
	tenantId: () => undefined,
	clientId: (u) => u.clientId,
	status: (u) => u.status,
	subject: (u) => u.subject,
	email: (u) => u.email,
	inviteExpiry: () => undefined,
	createdAt: (u) => u.createdAt,
};

function listUsers(ctx: RouteContext): RouteResult {
	const { state } = ctx.core;
	let users = [...state.users.values()].filter((u) => u.status !== 'deleted');
	const filter = queryValue(ctx, 'filter');
	if (filter) {
		const test = scimFilter<UserRecord>(
			filter,
			{
				id: (u) => u.id,
				subject: (u) => u.subject,
				name: (u) => u.name,
				email: (u) => u.email,
				status: (u) => u.status,
				clientId: (u) => u.clientId,
				'assignedRoles.id': (u) => u.roles.map(roleId),
				'assignedRoles.name': (u) => u.roles,
				'assignedGroups.id': (u) => u.groupIds,
				assignedScopes: () => [],
			},
			'USERS',
		);
		users = users.filter(test);
	}
	const sort = queryValue(ctx, 'sort');
	if (sort !== undefined && sort.includes(','))
		throw invalid('USERS-400', 'Sort by one field.', { parameter: 'sort' });
	users = sortItems(ctx, users, USER_SORT, '+name', 'USERS');
	const page = paginate({ ctx, items: users, defaultLimit: 20, maxLimit: 100, code: 'USERS' });
	return {
		status: 200,
		body: {
			data: page.data.map((u) => renderUser(ctx, u)),
			links: page.links,
			...(booleanParam(ctx, 'totalResults', 'USERS') ? { totalResults: page.total } : {}),
		},
	};
}

function loadUser(ctx: RouteContext): UserRecord {
	const user = ctx.core.state.users.get(ctx.params.userId);
	if (!user || user.status === 'deleted')
		throw new ApiError(404, 'USERS-7', 'Not found', `No user with ID ${ctx.params.userId}.`);
	return user;
}

function createUser(ctx: RouteContext): RouteResult {
	const body = jsonObject(ctx, 'USERS');
	const subject = stringField(requireField(body, 'subject', 'USERS'), '/subject', 'USERS', {
		minLength: 1,
	});
	const optional = (key: string) =>
		body[key] === undefined || body[key] === null
			? undefined
			: stringField(body[key], `/${key}`, 'USERS');
	const status =
		body.status === undefined ? 'active' : enumField(body.status, ['invited'], '/status', 'USERS');
	const roles =
		body.assignedRoles === undefined
			? []
			: roleNames(body.assignedRoles, '/assignedRoles', 'USERS');
	const { users } = ctx.core.state;
	for (const u of users.values())
		if (u.subject === subject && u.status !== 'deleted')
			throw new ApiError(
				409,
				'USERS-409',
				'Conflict',
				`A user with subject ${subject} exists (${u.id}).`,
				{
					source: { pointer: '/subject' },
				},
			);
	const now = nowIso();
	const user: UserRecord = {
		id: objectId(),
		subject,
		name: optional('name') ?? subject,
		email: optional('email') ?? '',
		status,
		roles,
		groupIds: [],
		createdAt: now,
		lastUpdatedAt: now,
	};
	users.set(user.id, user);
	const href = `${ctx.baseUrl}/api/v1/users/${user.id}`;
	return { status: 201, headers: { Location: href }, body: renderUser(ctx, user) };
}

/** JSON Patch on name, status, roles, groups (and preferences, accepted); 207 per operation. */
function patchUser(ctx: RouteContext): RouteResult {
	const user = loadUser(ctx);
	const ops = readPatch(jsonBody(ctx, 'USERS'), 'USERS');
	const next = { ...user };
	ops.forEach((op, i) => {
		const pointer = `/${i}/value`;
		const [field] = pointerSegments(op.path);
		if (!['replace', 'add', 'remove'].includes(op.op))
			throw invalid('USERS-400', 'op must be replace, add or remove.', { pointer: `/${i}/op` });
		switch (field) {
			case 'name':
				next.name = stringField(op.value, pointer, 'USERS', { minLength: 1 });
				break;
			case 'status':
				next.status = enumField(op.value, ['active', 'disabled'] as const, pointer, 'USERS');
				break;
			case 'roles':
			case 'assignedRoles':
				next.roles = op.op === 'remove' ? [] : roleNames(op.value, pointer, 'USERS', field);
				break;
			case 'assignedGroups': {
				const ids = (Array.isArray(op.value) ? op.value : [op.value]).map((g: unknown) =>
					g && typeof g === 'object' ? (g as Record<string, unknown>).id : g,
				);
				const unknown = ids.find((id) => typeof id !== 'string' || !ctx.core.state.groups.has(id));
				if (op.op !== 'remove' && unknown !== undefined)
					throw invalid('USERS-400', `No group with ID ${String(unknown)}.`, { pointer });
				next.groupIds = op.op === 'remove' ? [] : (ids as string[]);
				break;
			}
			case 'preferredLocale':
			case 'preferredZoneinfo':
			case 'inviteExpiry':
				break;
			default:
				throw invalid('USERS-400', `Cannot patch ${op.path}.`, { pointer: `/${i}/path` });
		}
	});
	Object.assign(user, next, { lastUpdatedAt: nowIso() });
	return { status: 207, body: { data: ops.map((op) => ({ status: 204, path: op.path })) } };
}

function deleteUser(ctx: RouteContext): RouteResult {
	const user = loadUser(ctx);
	user.status = 'deleted';
	user.lastUpdatedAt = nowIso();
	return { status: 204 };
}

export const userRoutes: Route[] = [
	{ method: 'GET', path: '/api/v1/users/me', tier: '1', limit: 1000, handler: me },
	{ method: 'GET', path: '/api/v1/users/{userId}', tier: '1', limit: 1000, handler: getUser },
	{ method: 'GET', path: '/api/v1/users', tier: '1', limit: 1000, handler: listUsers },
	{ method: 'POST', path: '/api/v1/users', tier: '2', limit: 100, handler: createUser },
	{ method: 'PATCH', path: '/api/v1/users/{userId}', tier: '2', limit: 100, handler: patchUser },
	{ method: 'DELETE', path: '/api/v1/users/{userId}', tier: '2', limit: 100, handler: deleteUser },
];
