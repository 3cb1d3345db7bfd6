/**
 * Spaces (spec spaces.json, all 17 operations): spaces, their member assignments and the
 * fine-grained shares of single resources, with Qlik's validation, 404/403/409 answers and
 * cursor pagination with absolute links.
 */
import type { SimCore } from '../core';
import { emitInBackground } from '../events';
import { ApiError, invalid } from '../errors';
import { paginate, queryValue, sortItems } from '../paging';
import type { AssignmentRecord, ShareRecord, SpaceRecord, SpaceType, UserRecord } from '../store';
import { objectId } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import {
	enumField,
	jsonArray,
	jsonObject,
	noUnknownFields,
	requireField,
	stringField,
} from '../validate';

const C = 'SPACES';

export const SPACE_TYPES: SpaceType[] = ['shared', 'managed', 'data'];
export const ROLE_TYPES = [
	'consumer',
	'contributor',
	'dataconsumer',
	'datapreview',
	'facilitator',
	'operator',
	'producer',
	'publisher',
	'basicconsumer',
	'codeveloper',
] as const;
export const SHARE_ROLE_TYPES = ['consumer', 'contributor', 'basicconsumer'] as const;

/** Which roles each space type accepts (qlik-facts §4). */
export const ROLES_BY_TYPE: Record<SpaceType, string[]> = {
	shared: ['consumer', 'dataconsumer', 'facilitator', 'producer', 'codeveloper'],
	managed: [
		'consumer',
		'contributor',
		'dataconsumer',
		'facilitator',
		'operator',
		'publisher',
		'basicconsumer',
	],
	data: [
		'consumer',
		'dataconsumer',
		'facilitator',
		'operator',
		'producer',
		'publisher',
		'datapreview',
	],
};

/** Not `" * ? < > / | \ :` (spec pattern, without its needless escapes). */
const NAME_PATTERN = /^[^"*?<>/|\\:]+$/;
const NAME_RULES = {
	minLength: 1,
	maxLength: 256,
	pattern: NAME_PATTERN,
	patternText: 'must not contain any of " * ? < > / | \\ :',
};

const CREATOR_ROLE: Record<SpaceType, string> = {
	shared: 'SharedSpaceCreator',
	managed: 'ManagedSpaceCreator',
	data: 'DataSpaceCreator',
};

/**
 * Space-emptiness checks other APIs (data files, apps…) plug into: a space whose count is
 * above zero cannot be deleted (412).
 */
export const spaceContentCounters: Array<(ctx: RouteContext, spaceId: string) => number> = [];

// ---------------------------------------------------------------------------------------------
// access

/** The caller's roles per space, from user/bot and group assignments (one pass). */
function rolesIndex(
	ctx: RouteContext,
	user: UserRecord,
	onlySpace?: string,
): Map<string, string[]> {
	const index = new Map<string, Set<string>>();
	for (const a of ctx.core.state.assignments.values()) {
		if (onlySpace !== undefined && a.spaceId !== onlySpace) continue;
		const mine =
			a.type === 'group' ? user.groupIds.includes(a.assigneeId) : a.assigneeId === user.id;
		if (!mine) continue;
		let roles = index.get(a.spaceId);
		if (!roles) index.set(a.spaceId, (roles = new Set()));
		for (const r of a.roles) roles.add(r);
	}
	return new Map([...index].map(([k, v]) => [k, [...v]]));
}

interface Access {
	user: UserRecord;
	roles: string[];
	admin: boolean;
	owner: boolean;
	visible: boolean;
	manage: boolean;
}

function access(ctx: RouteContext, space: SpaceRecord, index?: Map<string, string[]>): Access {
	const user = ctx.core.user(ctx.principal);
	const roles = (index ?? rolesIndex(ctx, user, space.id)).get(space.id) ?? [];
	const admin = ctx.core.isTenantAdmin(user);
	const owner = space.ownerId === user.id;
	return {
		user,
		roles,
		admin,
		owner,
		visible: admin || owner || roles.length > 0,
		manage: admin || owner || roles.includes('facilitator'),
	};
}

function actionsOf(space: SpaceRecord, a: Access): string[] {
	const actions = ['read'];
	if (a.manage) actions.push('create', 'update');
	if (a.admin || a.owner) actions.push('delete', 'change_owner');
	if (space.type !== 'shared' && (a.admin || a.owner || a.roles.includes('publisher')))
		actions.push('publish');
	return actions;
}

const notFound = (what: string, id: string) =>
	new ApiError(404, `${C}-404`, 'Not found', `${what} ${id} was not found or you have no access.`);
const forbidden = (detail: string) => new ApiError(403, `${C}-403`, 'Forbidden', detail);

function loadSpace(ctx: RouteContext): { space: SpaceRecord; access: Access } {
	const space = ctx.core.state.spaces.get(ctx.params.spaceId);
	if (!space) throw notFound('Space', ctx.params.spaceId);
	const a = access(ctx, space);
	if (!a.visible) throw notFound('Space', ctx.params.spaceId);
	return { space, access: a };
}

function managedSpace(ctx: RouteContext) {
	const loaded = loadSpace(ctx);
	if (!loaded.access.manage)
		throw forbidden('You need to own or manage this space (facilitator) for that.');
	return loaded;
}

// ---------------------------------------------------------------------------------------------
// rendering

function renderSpace(ctx: RouteContext, space: SpaceRecord, a = access(ctx, space)) {
	const self = `${ctx.baseUrl}/api/v1/spaces/${space.id}`;
	return {
		id: space.id,
		name: space.name,
		type: space.type,
		description: space.description,
		ownerId: space.ownerId,
		tenantId: ctx.core.state.tenantId,
		createdAt: space.createdAt,
		createdBy: space.createdBy,
		updatedAt: space.updatedAt,
		meta: {
			roles: a.roles,
			actions: actionsOf(space, a),
			assignableRoles: ROLES_BY_TYPE[space.type],
		},
		links: { self: { href: self }, assignments: { href: `${self}/assignments` } },
	};
}

function renderAssignment(ctx: RouteContext, a: AssignmentRecord) {
	const space = `${ctx.baseUrl}/api/v1/spaces/${a.spaceId}`;
	return {
		id: a.id,
		type: a.type,
		assigneeId: a.assigneeId,
		roles: a.roles,
		spaceId: a.spaceId,
		tenantId: ctx.core.state.tenantId,
		createdAt: a.createdAt,
		createdBy: a.createdBy,
		updatedAt: a.updatedAt,
		updatedBy: a.updatedBy,
		links: { self: { href: `${space}/assignments/${a.id}` }, space: { href: space } },
	};
}

function renderShare(ctx: RouteContext, s: ShareRecord) {
	const space = `${ctx.baseUrl}/api/v1/spaces/${s.spaceId}`;
	return {
		id: s.id,
		type: s.type,
		assigneeId: s.assigneeId,
		roles: s.roles,
		spaceId: s.spaceId,
		tenantId: ctx.core.state.tenantId,
		resourceId: s.resourceId,
		resourceType: s.resourceType,
		...(s.resourceName !== undefined ? { resourceName: s.resourceName } : {}),
		disabled: s.disabled,
		createdAt: s.createdAt,
		createdBy: s.createdBy,
		updatedAt: s.updatedAt,
		updatedBy: s.updatedBy,
		links: { self: { href: `${space}/shares/${s.id}` }, space: { href: space } },
	};
}

// ---------------------------------------------------------------------------------------------
// validation helpers

function nameClash(ctx: RouteContext, name: string, except?: string) {
	const lower = name.toLowerCase();
	for (const s of ctx.core.state.spaces.values()) {
		if (s.id !== except && s.name.toLowerCase() === lower)
			throw new ApiError(
				409,
				`${C}-409`,
				'Conflict',
				`A space named "${s.name}" already exists. Space names must be unique.`,
				{ source: { pointer: '/name' } },
			);
	}
}

function existingUser(ctx: RouteContext, value: unknown, pointer: string): UserRecord {
	const id = stringField(value, pointer, C, { minLength: 1 });
	const user = ctx.core.state.users.get(id);
	if (!user || user.status === 'deleted')
		throw invalid(`${C}-400`, `No user with ID ${id}.`, { pointer });
	return user;
}

function rolesField(
	value: unknown,
	pointer: string,
	allowedEnum: readonly string[],
	forType: SpaceType,
): string[] {
	if (!Array.isArray(value) || value.length === 0)
		throw invalid(`${C}-400`, 'roles must be a non-empty array.', { pointer });
	const valid = ROLES_BY_TYPE[forType];
	value.forEach((role, i) => {
		enumField(role, allowedEnum, `${pointer}/${i}`, C);
		if (!valid.includes(role as string))
			throw invalid(
				`${C}-400`,
				`The role "${role as string}" cannot be assigned in a ${forType} space. Valid: ${valid.join(', ')}.`,
				{ pointer: `${pointer}/${i}` },
			);
	});
	return [...new Set(value as string[])];
}

interface PatchOp {
	path: string;
	value: unknown;
}

function patchOps(ctx: RouteContext, paths: readonly string[]): PatchOp[] {
	const ops = jsonArray(ctx, C);
	if (ops.length === 0)
		throw invalid(`${C}-400`, 'Send at least one patch operation.', { pointer: '' });
	return ops.map((op, i) => {
		if (!op || typeof op !== 'object' || Array.isArray(op))
			throw invalid(`${C}-400`, 'Each patch operation must be an object.', { pointer: `/${i}` });
		const o = op as Record<string, unknown>;
		noUnknownFields(o, ['op', 'path', 'value'], C, `/${i}`);
		requireField(o, 'op', C, `/${i}`);
		enumField(o.op, ['replace'], `/${i}/op`, C);
		requireField(o, 'path', C, `/${i}`);
		enumField(o.path, paths, `/${i}/path`, C);
		if (!('value' in o))
			throw invalid(`${C}-400`, '"value" is required.', { pointer: `/${i}/value` });
		return { path: o.path as string, value: o.value };
	});
}

function commaList<T extends string>(
	ctx: RouteContext,
	name: string,
	allowed: readonly T[],
): T[] | undefined {
	const raw = ctx.query[name];
	if (raw === undefined) return undefined;
	const values = (Array.isArray(raw) ? raw : [raw])
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
	for (const v of values)
		if (!allowed.includes(v as T))
			throw invalid(`${C}-400`, `${name} must be among ${allowed.join(', ')}; got "${v}".`, {
				parameter: name,
			});
	return values as T[];
}

const nowIso = () => new Date().toISOString();

// ---------------------------------------------------------------------------------------------
// spaces

function listSpaces(ctx: RouteContext): RouteResult {
	const { state } = ctx.core;
	const types = commaList(ctx, 'type', SPACE_TYPES);
	const roles = commaList(ctx, 'roles', ROLE_TYPES);
	const name = queryValue(ctx, 'name')?.toLowerCase();
	const ownerId = queryValue(ctx, 'ownerId');
	const action = queryValue(ctx, 'action');
	if (action !== undefined && action !== 'publish')
		throw invalid(`${C}-400`, 'action supports only "publish".', { parameter: 'action' });
	const environment = [queryValue(ctx, 'environment.name'), queryValue(ctx, 'environmentId')];

	let spaces: Array<{ space: SpaceRecord; access: Access }> = [];
	const index = rolesIndex(ctx, ctx.core.user(ctx.principal));
	for (const space of state.spaces.values()) {
		const a = access(ctx, space, index);
		if (!a.visible) continue;
		if (types && !types.includes(space.type)) continue;
		if (name && !space.name.toLowerCase().includes(name)) continue;
		if (ownerId !== undefined && space.ownerId !== ownerId) continue;
		if (roles && !a.roles.some((r) => (roles as string[]).includes(r))) continue;
		if (action === 'publish' && !actionsOf(space, a).includes('publish')) continue;
		// No space is linked to an environment here: a non-empty environment filter matches none.
		if (environment.some((e) => e !== undefined && e !== '')) continue;
		spaces.push({ space, access: a });
	}
	spaces = sortItems(
		ctx,
		spaces,
		{
			name: (s) => s.space.name,
			type: (s) => s.space.type,
			createdAt: (s) => s.space.createdAt,
		},
		undefined,
		C,
	);
	const page = paginate({ ctx, items: spaces, defaultLimit: 10, maxLimit: 100, code: C });
	return {
		status: 200,
		body: {
			data: page.data.map((s) => renderSpace(ctx, s.space, s.access)),
			meta: {
				count: page.total,
				personalSpace: { resourceType: 'space', actions: ['create', 'read', 'update', 'delete'] },
			},
			links: page.links,
		},
	};
}

function createSpace(ctx: RouteContext): RouteResult {
	const body = jsonObject(ctx, C);
	noUnknownFields(body, ['name', 'type', 'description'], C);
	const name = stringField(requireField(body, 'name', C), '/name', C, NAME_RULES);
	const type = enumField(requireField(body, 'type', C), SPACE_TYPES, '/type', C);
	const description =
		body.description === undefined || body.description === null
			? ''
			: stringField(body.description, '/description', C, { maxLength: 1024 });
	const user = ctx.core.user(ctx.principal);
	if (!ctx.core.isTenantAdmin(user) && !user.roles.includes(CREATOR_ROLE[type]))
		throw forbidden(`Creating a ${type} space needs the ${CREATOR_ROLE[type]} role.`);
	nameClash(ctx, name);
	const now = nowIso();
	const space: SpaceRecord = {
		id: objectId(),
		name,
		type,
		description,
		ownerId: user.id,
		createdAt: now,
		createdBy: user.id,
		updatedAt: now,
	};
	ctx.core.state.spaces.set(space.id, space);
	emitInBackground(ctx.core, {
		type: 'com.qlik.v1.space.created',
		resourceId: space.id,
		spaceId: space.id,
		ownerId: space.ownerId,
		userId: ctx.principal?.userId,
		data: { id: space.id, name: space.name, type: space.type },
	});
	return { status: 201, body: renderSpace(ctx, space) };
}

/** `sim.seed('/api/v1/spaces/<id>', { name, type, description })`: a space the admin owns. */
export function seedSpace(core: SimCore, id: string, o: Record<string, unknown>) {
	const now = nowIso();
	const admin = core.identity.users.admin.id;
	const space: SpaceRecord = {
		id,
		name: typeof o.name === 'string' ? o.name : `Seeded space ${id}`,
		type: SPACE_TYPES.includes(o.type as SpaceType) ? (o.type as SpaceType) : 'shared',
		description: typeof o.description === 'string' ? o.description : '',
		ownerId: typeof o.ownerId === 'string' ? o.ownerId : admin,
		createdAt: now,
		createdBy: admin,
		updatedAt: now,
	};
	core.state.spaces.set(id, space);
	return { ...space };
}

function getSpace(ctx: RouteContext): RouteResult {
	const { space, access: a } = loadSpace(ctx);
	return { status: 200, body: renderSpace(ctx, space, a) };
}

function applySpaceChanges(
	ctx: RouteContext,
	space: SpaceRecord,
	a: Access,
	changes: { name?: string; ownerId?: string; description?: string },
) {
	if (changes.ownerId !== undefined && changes.ownerId !== space.ownerId && !(a.admin || a.owner))
		throw forbidden('Only the owner or a tenant admin can change the owner of a space.');
	if (changes.name !== undefined) nameClash(ctx, changes.name, space.id);
	Object.assign(space, changes, { updatedAt: nowIso() });
}

function putSpace(ctx: RouteContext): RouteResult {
	const { space, access: a } = managedSpace(ctx);
	const body = jsonObject(ctx, C);
	noUnknownFields(body, ['name', 'ownerId', 'description'], C);
	const changes: { name?: string; ownerId?: string; description: string } = { description: '' };
	if (body.name !== undefined) changes.name = stringField(body.name, '/name', C, NAME_RULES);
	if (body.ownerId !== undefined) changes.ownerId = existingUser(ctx, body.ownerId, '/ownerId').id;
	if (body.description !== undefined && body.description !== null)
		changes.description = stringField(body.description, '/description', C, { maxLength: 1024 });
	applySpaceChanges(ctx, space, a, changes);
	return { status: 200, body: renderSpace(ctx, space) };
}

function patchSpace(ctx: RouteContext): RouteResult {
	const { space, access: a } = managedSpace(ctx);
	const changes: { name?: string; ownerId?: string; description?: string } = {};
	patchOps(ctx, ['/name', '/ownerId', '/description']).forEach((op, i) => {
		const pointer = `/${i}/value`;
		if (op.path === '/name') changes.name = stringField(op.value, pointer, C, NAME_RULES);
		else if (op.path === '/ownerId') changes.ownerId = existingUser(ctx, op.value, pointer).id;
		else changes.description = stringField(op.value, pointer, C, { maxLength: 1024 });
	});
	applySpaceChanges(ctx, space, a, changes);
	return { status: 200, body: renderSpace(ctx, space) };
}

function deleteSpace(ctx: RouteContext): RouteResult {
	const { space, access: a } = loadSpace(ctx);
	if (!(a.admin || a.owner))
		throw forbidden('Only the owner or a tenant admin can delete a space.');
	const items = spaceContentCounters.reduce((n, count) => n + count(ctx, space.id), 0);
	if (items > 0)
		throw new ApiError(
			412,
			`${C}-412`,
			'Precondition Failed',
			`The space still holds ${items} item(s). Move or delete them first.`,
		);
	const { state } = ctx.core;
	state.spaces.delete(space.id);
	for (const [id, x] of state.assignments) if (x.spaceId === space.id) state.assignments.delete(id);
	for (const [id, x] of state.shares) if (x.spaceId === space.id) state.shares.delete(id);
	return { status: 204 };
}

function spaceTypes(): RouteResult {
	return { status: 200, body: { data: [...SPACE_TYPES] } };
}

// ---------------------------------------------------------------------------------------------
// assignments

function loadAssignment(ctx: RouteContext, spaceId: string): AssignmentRecord {
	const a = ctx.core.state.assignments.get(ctx.params.assignmentId);
	if (!a || a.spaceId !== spaceId) throw notFound('Assignment', ctx.params.assignmentId);
	return a;
}

function listAssignments(ctx: RouteContext): RouteResult {
	const { space } = loadSpace(ctx);
	const assigneeId = queryValue(ctx, 'assigneeId');
	const typeRaw = queryValue(ctx, 'type');
	if (typeRaw !== undefined && !['user', 'group', 'bot'].includes(typeRaw))
		throw invalid(`${C}-400`, 'type must be user, group or bot.', { parameter: 'type' });
	const items = [...ctx.core.state.assignments.values()].filter(
		(a) =>
			a.spaceId === space.id &&
			(assigneeId === undefined || a.assigneeId === assigneeId) &&
			(typeRaw === undefined || a.type === typeRaw),
	);
	const page = paginate({ ctx, items, defaultLimit: 10, maxLimit: 100, code: C });
	return {
		status: 200,
		body: {
			data: page.data.map((a) => renderAssignment(ctx, a)),
			meta: { count: page.total },
			links: page.links,
		},
	};
}

function createAssignment(ctx: RouteContext): RouteResult {
	const { space, access: a } = managedSpace(ctx);
	const body = jsonObject(ctx, C);
	noUnknownFields(body, ['type', 'assigneeId', 'roles'], C);
	const type = enumField(
		requireField(body, 'type', C),
		['user', 'group', 'bot'] as const,
		'/type',
		C,
	);
	const assigneeId = stringField(requireField(body, 'assigneeId', C), '/assigneeId', C, {
		minLength: 1,
	});
	const roles = rolesField(requireField(body, 'roles', C), '/roles', ROLE_TYPES, space.type);
	const { state } = ctx.core;
	if (type === 'group') {
		if (!state.groups.has(assigneeId))
			throw invalid(`${C}-400`, `No group with ID ${assigneeId}.`, { pointer: '/assigneeId' });
	} else {
		const user = state.users.get(assigneeId);
		if (!user || user.status === 'deleted')
			throw invalid(`${C}-400`, `No user with ID ${assigneeId}.`, { pointer: '/assigneeId' });
		if (type === 'bot' && !user.clientId)
			throw invalid(`${C}-400`, `User ${assigneeId} is not a bot.`, { pointer: '/assigneeId' });
	}
	for (const x of state.assignments.values())
		if (x.spaceId === space.id && x.assigneeId === assigneeId)
			throw new ApiError(
				409,
				`${C}-409`,
				'Conflict',
				`${assigneeId} is already assigned to this space (assignment ${x.id}).`,
				{ source: { pointer: '/assigneeId' } },
			);
	const now = nowIso();
	const record: AssignmentRecord = {
		id: objectId(),
		spaceId: space.id,
		type,
		assigneeId,
		roles,
		createdAt: now,
		createdBy: a.user.id,
		updatedAt: now,
		updatedBy: a.user.id,
	};
	state.assignments.set(record.id, record);
	return { status: 201, body: renderAssignment(ctx, record) };
}

function getAssignment(ctx: RouteContext): RouteResult {
	const { space } = loadSpace(ctx);
	return { status: 200, body: renderAssignment(ctx, loadAssignment(ctx, space.id)) };
}

function putAssignment(ctx: RouteContext): RouteResult {
	const { space, access: a } = managedSpace(ctx);
	const record = loadAssignment(ctx, space.id);
	const body = jsonObject(ctx, C);
	noUnknownFields(body, ['roles'], C);
	record.roles = rolesField(requireField(body, 'roles', C), '/roles', ROLE_TYPES, space.type);
	record.updatedAt = nowIso();
	record.updatedBy = a.user.id;
	return { status: 200, body: renderAssignment(ctx, record) };
}

function deleteAssignment(ctx: RouteContext): RouteResult {
	const { space } = managedSpace(ctx);
	const record = loadAssignment(ctx, space.id);
	ctx.core.state.assignments.delete(record.id);
	return { status: 204 };
}

// ---------------------------------------------------------------------------------------------
// shares

function loadShare(ctx: RouteContext, spaceId: string): ShareRecord {
	const s = ctx.core.state.shares.get(ctx.params.shareId);
	if (!s || s.spaceId !== spaceId) throw notFound('Share', ctx.params.shareId);
	return s;
}

function listShares(ctx: RouteContext): RouteResult {
	const { space } = loadSpace(ctx);
	const q = (n: string) => queryValue(ctx, n);
	const type = q('type');
	if (type !== undefined && !['user', 'group', 'link'].includes(type))
		throw invalid(`${C}-400`, 'type must be user, group or link.', { parameter: 'type' });
	const name = q('name')?.toLowerCase();
	const items = [...ctx.core.state.shares.values()].filter(
		(s) =>
			s.spaceId === space.id &&
			(type === undefined || s.type === type) &&
			(q('resourceId') === undefined || s.resourceId === q('resourceId')) &&
			(q('resourceType') === undefined || s.resourceType === q('resourceType')) &&
			(q('userId') === undefined || (s.type === 'user' && s.assigneeId === q('userId'))) &&
			(q('groupId') === undefined || (s.type === 'group' && s.assigneeId === q('groupId'))) &&
			(name === undefined || (s.resourceName ?? '').toLowerCase().includes(name)),
	);
	const page = paginate({ ctx, items, defaultLimit: 10, maxLimit: 100, code: C });
	return {
		status: 200,
		body: {
			data: page.data.map((s) => renderShare(ctx, s)),
			meta: { count: page.total },
			links: page.links,
		},
	};
}

function createShare(ctx: RouteContext): RouteResult {
	const { space, access: a } = managedSpace(ctx);
	const body = jsonObject(ctx, C);
	noUnknownFields(body, ['type', 'assigneeId', 'roles', 'resourceId', 'resourceType'], C);
	const type = enumField(
		requireField(body, 'type', C),
		['user', 'group', 'link'] as const,
		'/type',
		C,
	);
	const assigneeId = stringField(requireField(body, 'assigneeId', C), '/assigneeId', C, {
		minLength: 1,
	});
	const roles = rolesField(requireField(body, 'roles', C), '/roles', SHARE_ROLE_TYPES, space.type);
	const resourceId = stringField(requireField(body, 'resourceId', C), '/resourceId', C, {
		minLength: 1,
	});
	const resourceType = enumField(
		requireField(body, 'resourceType', C),
		['app'],
		'/resourceType',
		C,
	);
	const { state } = ctx.core;
	if (type === 'user' && !state.users.has(assigneeId))
		throw invalid(`${C}-400`, `No user with ID ${assigneeId}.`, { pointer: '/assigneeId' });
	if (type === 'group' && !state.groups.has(assigneeId))
		throw invalid(`${C}-400`, `No group with ID ${assigneeId}.`, { pointer: '/assigneeId' });
	for (const s of state.shares.values())
		if (
			s.spaceId === space.id &&
			s.type === type &&
			s.assigneeId === assigneeId &&
			s.resourceId === resourceId
		)
			throw new ApiError(
				409,
				`${C}-409`,
				'Conflict',
				`This resource is already shared with ${assigneeId} (share ${s.id}).`,
			);
	const now = nowIso();
	const record: ShareRecord = {
		id: objectId(),
		spaceId: space.id,
		type,
		assigneeId,
		resourceId,
		resourceType,
		roles,
		disabled: false,
		createdAt: now,
		createdBy: a.user.id,
		updatedAt: now,
		updatedBy: a.user.id,
	};
	state.shares.set(record.id, record);
	return { status: 201, body: renderShare(ctx, record) };
}

function getShare(ctx: RouteContext): RouteResult {
	const { space } = loadSpace(ctx);
	return { status: 200, body: renderShare(ctx, loadShare(ctx, space.id)) };
}

function patchShare(ctx: RouteContext): RouteResult {
	const { space, access: a } = managedSpace(ctx);
	const record = loadShare(ctx, space.id);
	const changes: Partial<Pick<ShareRecord, 'roles' | 'disabled'>> = {};
	patchOps(ctx, ['/roles', '/disabled']).forEach((op, i) => {
		const pointer = `/${i}/value`;
		if (op.path === '/roles') {
			const value =
				typeof op.value === 'string' ? op.value.split(',').map((r) => r.trim()) : op.value;
			changes.roles = rolesField(value, pointer, SHARE_ROLE_TYPES, space.type);
		} else {
			if (op.value === true || op.value === 'true') changes.disabled = true;
			else if (op.value === false || op.value === 'false') changes.disabled = false;
			else throw invalid(`${C}-400`, 'disabled must be true or false.', { pointer });
		}
	});
	Object.assign(record, changes, { updatedAt: nowIso(), updatedBy: a.user.id });
	return { status: 200, body: renderShare(ctx, record) };
}

function deleteShare(ctx: RouteContext): RouteResult {
	const { space } = managedSpace(ctx);
	const record = loadShare(ctx, space.id);
	ctx.core.state.shares.delete(record.id);
	return { status: 204 };
}

// ---------------------------------------------------------------------------------------------

const T1 = { tier: '1' as const, limit: 1000 };
const T2 = { tier: '2' as const, limit: 100 };
const S = '/api/v1/spaces';

export const spaceRoutes: Route[] = [
	{ method: 'GET', path: S, ...T1, handler: listSpaces },
	{ method: 'POST', path: S, ...T2, handler: createSpace },
	{ method: 'GET', path: `${S}/types`, ...T1, handler: spaceTypes },
	{ method: 'GET', path: `${S}/{spaceId}`, ...T1, handler: getSpace },
	{ method: 'PUT', path: `${S}/{spaceId}`, ...T2, handler: putSpace },
	{ method: 'PATCH', path: `${S}/{spaceId}`, ...T2, handler: patchSpace },
	{ method: 'DELETE', path: `${S}/{spaceId}`, ...T2, handler: deleteSpace },
	{ method: 'GET', path: `${S}/{spaceId}/assignments`, ...T1, handler: listAssignments },
	{ method: 'POST', path: `${S}/{spaceId}/assignments`, ...T2, handler: createAssignment },
	{
		method: 'GET',
		path: `${S}/{spaceId}/assignments/{assignmentId}`,
		...T1,
		handler: getAssignment,
	},
	{
		method: 'PUT',
		path: `${S}/{spaceId}/assignments/{assignmentId}`,
		...T2,
		handler: putAssignment,
	},
	{
		method: 'DELETE',
		path: `${S}/{spaceId}/assignments/{assignmentId}`,
		...T2,
		handler: deleteAssignment,
	},
	{ method: 'GET', path: `${S}/{spaceId}/shares`, ...T1, handler: listShares },
	{ method: 'POST', path: `${S}/{spaceId}/shares`, ...T2, handler: createShare },
	{ method: 'GET', path: `${S}/{spaceId}/shares/{shareId}`, ...T1, handler: getShare },
	{ method: 'PATCH', path: `${S}/{spaceId}/shares/{shareId}`, ...T2, handler: patchShare },
	{ method: 'DELETE', path: `${S}/{spaceId}/shares/{shareId}`, ...T2, handler: deleteShare },
];
