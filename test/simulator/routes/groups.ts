/**
 * Groups (spec groups.json): get, list with SCIM filter, create, JSON-Patch update and delete.
 * Filter and the settings are served by routes/generic.ts.
 */
import type { SimCore } from '../core';
import { ApiError, invalid } from '../errors';
import { pointerSegments, readPatch } from '../jsonPatch';
import { paginate, queryValue, sortItems } from '../paging';
import { scimFilter } from '../scim';
import type { GroupRecord } from '../store';
import { objectId } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import { enumField, jsonBody, jsonObject, requireField, stringField } from '../validate';
import { roleId, roleRef } from '../store';
import { booleanParam, roleNames } from './users';

const nowIso = () => new Date().toISOString();

/** `sim.seed('/api/v1/groups/<id>', { name, description })`: an active custom group. */
export function seedGroup(core: SimCore, id: string, o: Record<string, unknown>) {
	const now = nowIso();
	const group: GroupRecord = {
		id,
		name: typeof o.name === 'string' ? o.name : `Seeded group ${id}`,
		...(typeof o.description === 'string' ? { description: o.description } : {}),
		status: 'active',
		providerType: 'custom',
		roles: [],
		createdAt: now,
		lastUpdatedAt: now,
	};
	core.state.groups.set(id, group);
	return { ...group };
}

export function renderGroup(ctx: RouteContext, group: GroupRecord) {
	return {
		id: group.id,
		tenantId: ctx.core.state.tenantId,
		name: group.name,
		...(group.description ? { description: group.description } : {}),
		status: group.status,
		providerType: group.providerType,
		assignedRoles: group.roles.map(roleRef),
		createdAt: group.createdAt,
		lastUpdatedAt: group.lastUpdatedAt,
		links: { self: { href: `${ctx.baseUrl}/api/v1/groups/${group.id}` } },
	};
}

function loadGroup(ctx: RouteContext): GroupRecord {
	const group = ctx.core.state.groups.get(ctx.params.groupId);
	if (!group)
		throw new ApiError(404, 'GROUPS-7', 'Not found', `No group with ID ${ctx.params.groupId}.`);
	return group;
}

function getGroup(ctx: RouteContext): RouteResult {
	return { status: 200, body: renderGroup(ctx, loadGroup(ctx)) };
}

function nameClash(ctx: RouteContext, name: string, pointer: string, except?: string) {
	for (const g of ctx.core.state.groups.values())
		if (g.id !== except && g.name.toLowerCase() === name.toLowerCase())
			throw new ApiError(409, 'GROUPS-409', 'Conflict', `A group named ${name} exists (${g.id}).`, {
				source: { pointer },
			});
}

function createGroup(ctx: RouteContext): RouteResult {
	const body = jsonObject(ctx, 'GROUPS');
	const name = stringField(requireField(body, 'name', 'GROUPS'), '/name', 'GROUPS', {
		minLength: 1,
		maxLength: 256,
	});
	const description =
		body.description === undefined || body.description === null
			? undefined
			: stringField(body.description, '/description', 'GROUPS', { maxLength: 256 });
	if (body.status !== undefined) enumField(body.status, ['active'], '/status', 'GROUPS');
	const providerType =
		body.providerType === undefined
			? 'custom'
			: enumField(body.providerType, ['idp', 'custom'] as const, '/providerType', 'GROUPS');
	const roles =
		body.assignedRoles === undefined
			? []
			: roleNames(body.assignedRoles, '/assignedRoles', 'GROUPS');
	nameClash(ctx, name, '/name');
	const now = nowIso();
	const group: GroupRecord = {
		id: objectId(),
		name,
		...(description !== undefined ? { description } : {}),
		status: 'active',
		providerType,
		roles,
		createdAt: now,
		lastUpdatedAt: now,
		createdBy: ctx.principal?.userId,
	};
	ctx.core.state.groups.set(group.id, group);
	const href = `${ctx.baseUrl}/api/v1/groups/${group.id}`;
	return { status: 201, headers: { Location: href }, body: renderGroup(ctx, group) };
}

/** JSON Patch on name, description and assignedRoles (paths with or without the slash). */
function patchGroup(ctx: RouteContext): RouteResult {
	const group = loadGroup(ctx);
	const next = { ...group };
	readPatch(jsonBody(ctx, 'GROUPS'), 'GROUPS').forEach((op, i) => {
		const pointer = `/${i}/value`;
		if (op.op !== 'replace')
			throw invalid('GROUPS-400', 'op must be replace.', { pointer: `/${i}/op` });
		const [field] = pointerSegments(op.path);
		if (field === 'name') {
			next.name = stringField(op.value, pointer, 'GROUPS', { minLength: 1, maxLength: 256 });
			nameClash(ctx, next.name, pointer, group.id);
		} else if (field === 'description')
			next.description = stringField(op.value, pointer, 'GROUPS', { maxLength: 256 });
		else if (field === 'assignedRoles') next.roles = roleNames(op.value, pointer, 'GROUPS');
		else
			throw invalid('GROUPS-400', 'path must be name, description or assignedRoles.', {
				pointer: `/${i}/path`,
			});
	});
	Object.assign(group, next, { lastUpdatedAt: nowIso() });
	return { status: 204 };
}

function deleteGroup(ctx: RouteContext): RouteResult {
	const group = loadGroup(ctx);
	ctx.core.state.groups.delete(group.id);
	for (const user of ctx.core.state.users.values())
		user.groupIds = user.groupIds.filter((id) => id !== group.id);
	return { status: 204 };
}

function listGroups(ctx: RouteContext): RouteResult {
	let groups = [...ctx.core.state.groups.values()];
	const filter = queryValue(ctx, 'filter');
	if (filter) {
		const test = scimFilter<GroupRecord>(
			filter,
			{
				id: (g) => g.id,
				name: (g) => g.name,
				status: (g) => g.status,
				providerType: (g) => g.providerType,
				'assignedRoles.id': (g) => g.roles.map(roleId),
				'assignedRoles.name': (g) => g.roles,
			},
			'GROUPS',
		);
		groups = groups.filter(test);
	}
	booleanParam(ctx, 'systemGroups', 'GROUPS');
	groups = sortItems(
		ctx,
		groups,
		{
			name: (g) => g.name,
			id: (g) => g.id,
			status: (g) => g.status,
			createdAt: (g) => g.createdAt,
			lastUpdatedAt: (g) => g.lastUpdatedAt,
		},
		'+name',
		'GROUPS',
	);
	const page = paginate({ ctx, items: groups, defaultLimit: 20, maxLimit: 100, code: 'GROUPS' });
	return {
		status: 200,
		body: {
			data: page.data.map((g) => renderGroup(ctx, g)),
			links: page.links,
			...(booleanParam(ctx, 'totalResults', 'GROUPS') ? { totalResults: page.total } : {}),
		},
	};
}

export const groupRoutes: Route[] = [
	{ method: 'GET', path: '/api/v1/groups/{groupId}', tier: '1', limit: 1000, handler: getGroup },
	{ method: 'GET', path: '/api/v1/groups', tier: '1', limit: 1000, handler: listGroups },
	{ method: 'POST', path: '/api/v1/groups', tier: '2', limit: 100, handler: createGroup },
	{ method: 'PATCH', path: '/api/v1/groups/{groupId}', tier: '2', limit: 100, handler: patchGroup },
	{
		method: 'DELETE',
		path: '/api/v1/groups/{groupId}',
		tier: '2',
		limit: 100,
		handler: deleteGroup,
	},
];
