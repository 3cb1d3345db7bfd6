/**
 * /api/v1/reloads (reloads.json): a reload moves QUEUED → RELOADING → SUCCEEDED, FAILED or
 * EXCEEDED_LIMIT over time (simulator option `reloadTimes`), writes a log, can be cancelled
 * while it runs, and when it ends delivers `com.qlik.v1.app.reload.finished` to webhooks.
 */
import { ApiError, invalid } from '../errors';
import type { ReloadRecord } from '../events';
import { emitInBackground, eventState } from '../events';
import { paginate, queryValue, sortItems } from '../paging';
import { objectId } from '../store';
import type { Route, RouteContext } from '../types';
import { jsonObject, noUnknownFields, requireField, stringField } from '../validate';
import type { SimCore } from '../core';

const C = 'RELOADS';
const ACTIVE = new Set(['QUEUED', 'RELOADING', 'CANCELING']);

function statusOf(r: ReloadRecord, now = Date.now()): string {
	if (r.canceledAt !== undefined) return now - r.canceledAt < 100 ? 'CANCELING' : 'CANCELED';
	if (now < r.startAt) return 'QUEUED';
	if (now < r.endAt) return 'RELOADING';
	return r.outcome;
}

function logOf(r: ReloadRecord, status: string): string {
	const lines = [`${new Date(r.creationTime).toISOString()} Reload queued for app ${r.appId}`];
	if (status === 'QUEUED') return lines.join('\n');
	lines.push(`${new Date(r.startAt).toISOString()} Reload started${r.partial ? ' (partial)' : ''}`);
	lines.push('Data loaded: Sales << sales.csv 1,204 lines fetched');
	if (status === 'RELOADING' || status === 'CANCELING') return lines.join('\n');
	if (status === 'CANCELED') lines.push('Reload canceled by user');
	else if (status === 'FAILED')
		lines.push('Error: Field not found - <Amount>', 'Execution failed', 'The reload failed');
	else if (status === 'EXCEEDED_LIMIT') lines.push('Reload exceeded the time limit of the tenant');
	else lines.push('App saved', 'Finished successfully');
	return lines.join('\n');
}

/** The one filter the spec's reloads list takes here: `status eq "…"`. */
function statusFilter(ctx: RouteContext): string | undefined {
	const raw = queryValue(ctx, 'filter');
	if (raw === undefined) return undefined;
	const m = /^\s*status\s+eq\s+"([A-Z_]+)"\s*$/.exec(raw);
	if (!m)
		throw invalid(`${C}-400`, 'filter supports status eq "<STATUS>" here.', {
			parameter: 'filter',
		});
	return m[1];
}

function view(r: ReloadRecord, ctx: RouteContext, now = Date.now()) {
	const status = statusOf(r, now);
	const ended = !ACTIVE.has(status);
	const failed = status === 'FAILED' || status === 'EXCEEDED_LIMIT';
	return {
		id: r.id,
		appId: r.appId,
		tenantId: r.tenantId,
		userId: r.userId,
		type: r.type,
		status,
		partial: r.partial,
		weight: r.weight,
		creationTime: new Date(r.creationTime).toISOString(),
		...(status !== 'QUEUED' ? { startTime: new Date(r.startAt).toISOString() } : {}),
		...(ended
			? { endTime: new Date(Math.min(r.endAt, r.canceledAt ?? r.endAt)).toISOString() }
			: {}),
		...(ended && status === 'SUCCEEDED' ? { engineTime: new Date(r.endAt).toISOString() } : {}),
		...(failed
			? {
					errorCode: status === 'FAILED' ? 'EngineReloadFailed' : 'ReloadTimeLimitExceeded',
					errorMessage:
						status === 'FAILED' ? 'The reload failed: field not found' : 'The reload took too long',
				}
			: {}),
		log: logOf(r, status),
		links: { self: { href: `${ctx.baseUrl}/api/v1/reloads/${r.id}` } },
	};
}

/** Ends the reload at its time: marks it and tells the webhooks. */
function scheduleEnd(core: SimCore, r: ReloadRecord) {
	const timer = setTimeout(
		() => {
			if (r.finished || r.canceledAt !== undefined) return;
			r.finished = true;
			emitInBackground(core, {
				type: 'com.qlik.v1.app.reload.finished',
				resourceId: r.appId,
				userId: r.userId,
				ownerId: r.userId,
				data: {
					id: r.appId,
					reloadId: r.id,
					status: r.outcome === 'SUCCEEDED' ? 'ok' : 'error',
					reloadStatus: r.outcome,
					endTime: new Date(r.endAt).toISOString(),
				},
			});
		},
		Math.max(0, r.endAt - Date.now()),
	);
	timer.unref();
}

function find(ctx: RouteContext): ReloadRecord {
	const reload = eventState(ctx.core).reloads.get(ctx.params.reloadId);
	if (!reload)
		throw new ApiError(404, `${C}-404`, 'Not found', `No reload with ID ${ctx.params.reloadId}.`);
	return reload;
}

export const reloadRoutes: Route[] = [
	{
		method: 'POST',
		path: '/api/v1/reloads',
		tier: 'special',
		limit: 50,
		handler(ctx) {
			const body = jsonObject(ctx, C);
			noUnknownFields(
				body,
				['appId', 'partial', 'variables', 'weight', 'resourceType', 'resourceId'],
				C,
			);
			const appId = stringField(requireField(body, 'appId', C), '/appId', C, {
				minLength: 1,
				pattern: /^[\w-]+$/,
				patternText: 'an app ID',
			});
			if (body.partial !== undefined && typeof body.partial !== 'boolean')
				throw invalid(`${C}-400`, 'partial must be true or false.', { pointer: '/partial' });
			const weight = body.weight === undefined ? 1 : Number(body.weight);
			if (!Number.isInteger(weight) || weight < 1 || weight > 10)
				throw invalid(`${C}-400`, 'weight must be a whole number from 1 to 10.', {
					pointer: '/weight',
				});
			const times = ctx.core.options.reloadTimes ?? { queuedMs: 200, runningMs: 600 };
			const now = Date.now();
			const events = eventState(ctx.core);
			const reload: ReloadRecord = {
				id: objectId(),
				appId,
				tenantId: ctx.core.identity.tenantId,
				userId: ctx.principal!.userId,
				type: 'external',
				partial: body.partial === true,
				weight,
				variables: body.variables as Record<string, string> | undefined,
				creationTime: now,
				startAt: now + times.queuedMs,
				endAt: now + times.queuedMs + times.runningMs,
				outcome: events.reloadOutcomes.get(appId) ?? 'SUCCEEDED',
				finished: false,
			};
			events.reloads.set(reload.id, reload);
			scheduleEnd(ctx.core, reload);
			return { status: 201, body: view(reload, ctx) };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/reloads',
		tier: '1',
		handler(ctx) {
			// Tenant admins may leave out appId to list every reload of the tenant.
			const appId = queryValue(ctx, 'appId');
			const user = ctx.principal && ctx.core.state.users.get(ctx.principal.userId);
			if (!appId && !(user && ctx.core.isTenantAdmin(user)))
				throw invalid(`${C}-400`, 'appId is required.', { parameter: 'appId' });
			const status = statusFilter(ctx);
			const now = Date.now();
			let items = [...eventState(ctx.core).reloads.values()]
				.filter((r) => !appId || r.appId === appId)
				.map((r) => view(r, ctx, now))
				.filter((r) => !status || r.status === status);
			items = sortItems(
				ctx,
				items,
				{
					creationTime: (r) => r.creationTime,
					startTime: (r) => r.startTime,
					endTime: (r) => r.endTime,
					status: (r) => r.status,
				},
				'-creationTime',
				C,
			);
			const page = paginate({ ctx, items, defaultLimit: 10, maxLimit: 100, code: C });
			return { status: 200, body: { data: page.data, links: page.links } };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/reloads/{reloadId}',
		tier: '1',
		handler: (ctx) => ({ status: 200, body: view(find(ctx), ctx) }),
	},
	{
		method: 'POST',
		path: '/api/v1/reloads/{reloadId}/actions/cancel',
		tier: 'special',
		limit: 50,
		handler(ctx) {
			const reload = find(ctx);
			if (!ACTIVE.has(statusOf(reload)))
				throw new ApiError(409, `${C}-409`, 'Conflict', `Reload ${reload.id} has already ended.`);
			reload.canceledAt = Date.now();
			return { status: 202 };
		},
	},
];

/** `sim.seed('/api/v1/reloads/<id>', { appId })`: a reload running for another minute. */
export function seedReload(core: SimCore, id: string, o: Record<string, unknown>) {
	const at = Date.now();
	const reload: ReloadRecord = {
		id,
		appId: typeof o.appId === 'string' ? o.appId : 'seeded-app',
		tenantId: core.identity.tenantId,
		userId: core.identity.users.admin.id,
		type: 'external',
		partial: false,
		weight: 1,
		creationTime: at,
		startAt: at,
		endAt: at + 60000,
		outcome: 'SUCCEEDED',
		finished: false,
	};
	eventState(core).reloads.set(id, reload);
	return { id, appId: reload.appId };
}
