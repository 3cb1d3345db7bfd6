/** Users (spec users.json): me (301), get, list with SCIM filter. */
import { createHash } from 'node:crypto';

import { ApiError, invalid } from '../errors';
import { paginate, queryValue, sortItems } from '../paging';
import { scimFilter } from '../scim';
import type { GroupRecord, UserRecord } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';

/** Stable ids for the built-in roles (like Qlik's, the same in every tenant). */
export const roleId = (name: string) =>
	createHash('sha1').update(`role:${name}`).digest('hex').slice(0, 24);

export const roleRef = (name: string) => ({
	id: roleId(name),
	name,
	type: 'default',
	level: name === 'TenantAdmin' || name.endsWith('Admin') ? 'admin' : 'user',
});

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
	const user = ctx.core.state.users.get(ctx.params.userId);
	if (!user || user.status === 'deleted')
		throw new ApiError(404, 'USERS-7', 'Not found', `No user with ID ${ctx.params.userId}.`);
	return { status: 200, body: renderUser(ctx, user) };
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

export const userRoutes: Route[] = [
	{ method: 'GET', path: '/api/v1/users/me', tier: '1', limit: 1000, handler: me },
	{ method: 'GET', path: '/api/v1/users/{userId}', tier: '1', limit: 1000, handler: getUser },
	{ method: 'GET', path: '/api/v1/users', tier: '1', limit: 1000, handler: listUsers },
];
