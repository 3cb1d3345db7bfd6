/** Groups (spec groups.json): get and list with SCIM filter. */
import { ApiError } from '../errors';
import { paginate, queryValue, sortItems } from '../paging';
import { scimFilter } from '../scim';
import type { GroupRecord } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import { booleanParam, roleId, roleRef } from './users';

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

function getGroup(ctx: RouteContext): RouteResult {
	const group = ctx.core.state.groups.get(ctx.params.groupId);
	if (!group)
		throw new ApiError(404, 'GROUPS-7', 'Not found', `No group with ID ${ctx.params.groupId}.`);
	return { status: 200, body: renderGroup(ctx, group) };
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
];
