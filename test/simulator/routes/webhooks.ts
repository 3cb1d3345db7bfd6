/**
 * /api/v1/webhooks (webhooks.json): CRUD with Qlik's rules (name, URL, a 32–64 character secret,
 * tenant level for tenant admins only), event types, delivery history and resend. Deliveries are
 * made by events.ts.
 */
import { ApiError, invalid } from '../errors';
import type { WebhookRecord } from '../events';
import { deliver, EVENT_TYPES, eventState } from '../events';
import { paginate, queryValue, sortItems } from '../paging';
import { recordSecret } from '../../secrets/capture';
import { objectId } from '../store';
import type { SimCore } from '../core';
import type { Route, RouteContext } from '../types';
import {
	enumField,
	jsonArray,
	jsonObject,
	noUnknownFields,
	requireField,
	stringField,
} from '../validate';

const C = 'WEBHOOK';
const FIELDS = [
	'name',
	'url',
	'eventTypes',
	'enabled',
	'level',
	'secret',
	'filter',
	'description',
	'headers',
	'encryptedHeaders',
	'enableCloudEventDelivery',
	'checkCertificateRevocation',
	'ownerId',
	'origin',
];
const PATCHABLE = [
	'/name',
	'/description',
	'/url',
	'/eventTypes',
	'/headers',
	'/enabled',
	'/secret',
	'/encryptedHeaders',
	'/enableCloudEventDelivery',
];

/** What the API shows, the secret included (recorded for the secret scan when it was set). */
function view(w: WebhookRecord) {
	return { ...w };
}

function owned(ctx: RouteContext): WebhookRecord {
	const webhook = eventState(ctx.core).webhooks.get(ctx.params.id);
	const user = ctx.core.state.users.get(ctx.principal!.userId)!;
	if (!webhook || (webhook.ownerId !== user.id && !ctx.core.isTenantAdmin(user)))
		throw new ApiError(404, `${C}-404`, 'Not found', `No webhook with ID ${ctx.params.id}.`);
	return webhook;
}

function checkUrl(value: unknown, pointer: string): string {
	const url = stringField(value, pointer, C, { minLength: 1, maxLength: 2048 });
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw invalid(`${C}-400`, 'url must be an absolute URL.', { pointer });
	}
	const local = ['localhost', '127.0.0.1'].includes(parsed.hostname);
	if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:'))
		throw invalid(`${C}-400`, 'url must use HTTPS.', { pointer });
	return url;
}

function checkSecret(value: unknown, pointer: string): string {
	const checked = stringField(value, pointer, C, { minLength: 32, maxLength: 64 });
	recordSecret(checked); // every webhook secret the tenant holds is searched for by the secret scan
	return checked;
}

function checkEventTypes(value: unknown, pointer: string): string[] {
	if (!Array.isArray(value)) throw invalid(`${C}-400`, 'eventTypes must be an array.', { pointer });
	return value.map((v, i) =>
		enumField(
			v,
			EVENT_TYPES.map((e) => e.name),
			`${pointer}/${i}`,
			C,
		),
	);
}

function bool(value: unknown, pointer: string): boolean {
	if (typeof value !== 'boolean')
		throw invalid(`${C}-400`, `${pointer.slice(1)} must be true or false.`, { pointer });
	return value;
}

function fromBody(
	ctx: RouteContext,
	body: Record<string, unknown>,
	base?: WebhookRecord,
): WebhookRecord {
	noUnknownFields(body, FIELDS, C);
	const user = ctx.core.state.users.get(ctx.principal!.userId)!;
	const level =
		body.level === undefined
			? 'tenant'
			: enumField(body.level, ['tenant', 'user'] as const, '/level', C);
	if (level === 'tenant' && !ctx.core.isTenantAdmin(user))
		throw new ApiError(
			403,
			`${C}-403`,
			'Forbidden',
			'Only a tenant admin can create tenant-level webhooks.',
		);
	const now = new Date().toISOString();
	const headers = body.headers;
	if (
		headers !== undefined &&
		(typeof headers !== 'object' || headers === null || Array.isArray(headers))
	)
		throw invalid(`${C}-400`, 'headers must be an object of names and values.', {
			pointer: '/headers',
		});
	return {
		id: base?.id ?? objectId(),
		name: stringField(requireField(body, 'name', C), '/name', C, { minLength: 1, maxLength: 512 }),
		url: checkUrl(requireField(body, 'url', C), '/url'),
		eventTypes:
			body.eventTypes === undefined ? [] : checkEventTypes(body.eventTypes, '/eventTypes'),
		enabled: body.enabled === undefined ? false : bool(body.enabled, '/enabled'),
		level,
		secret: body.secret === undefined ? undefined : checkSecret(body.secret, '/secret'),
		filter:
			body.filter === undefined
				? undefined
				: stringField(body.filter, '/filter', C, { maxLength: 4096 }),
		description:
			body.description === undefined
				? undefined
				: stringField(body.description, '/description', C, { maxLength: 1024 }),
		headers: headers as Record<string, string> | undefined,
		enableCloudEventDelivery:
			body.enableCloudEventDelivery === undefined
				? true
				: bool(body.enableCloudEventDelivery, '/enableCloudEventDelivery'),
		checkCertificateRevocation: body.checkCertificateRevocation === true,
		ownerId: base?.ownerId ?? user.id,
		createdByUserId: base?.createdByUserId ?? user.id,
		origin: typeof body.origin === 'string' ? body.origin : 'api',
		createdAt: base?.createdAt ?? now,
		updatedAt: now,
	};
}

function patch(ctx: RouteContext, webhook: WebhookRecord): WebhookRecord {
	const ops = jsonArray(ctx, C);
	const next = { ...webhook };
	ops.forEach((raw, i) => {
		const op = (raw ?? {}) as Record<string, unknown>;
		enumField(op.op, ['replace', 'add', 'remove'], `/${i}/op`, C);
		const path = enumField(op.path, PATCHABLE, `/${i}/path`, C);
		const pointer = `/${i}/value`;
		const value = op.value;
		switch (path) {
			case '/name':
				next.name = stringField(value, pointer, C, { minLength: 1, maxLength: 512 });
				break;
			case '/description':
				next.description =
					op.op === 'remove' ? undefined : stringField(value, pointer, C, { maxLength: 1024 });
				break;
			case '/url':
				next.url = checkUrl(value, pointer);
				break;
			case '/eventTypes':
				next.eventTypes = checkEventTypes(value, pointer);
				break;
			case '/enabled':
				next.enabled = bool(value, pointer);
				break;
			case '/secret':
				next.secret = op.op === 'remove' ? undefined : checkSecret(value, pointer);
				break;
			case '/enableCloudEventDelivery':
				if (webhook.enableCloudEventDelivery && value === false)
					throw new ApiError(
						403,
						`${C}-403`,
						'Forbidden',
						'CloudEvent delivery cannot be turned off once on.',
					);
				next.enableCloudEventDelivery = bool(value, pointer);
				break;
			default:
				next.headers = value as Record<string, string>;
		}
	});
	next.updatedAt = new Date().toISOString();
	return next;
}

function findDelivery(ctx: RouteContext) {
	const delivery = eventState(ctx.core)
		.deliveries.get(ctx.params.id)
		?.find((d) => d.id === ctx.params.deliveryId);
	if (!delivery)
		throw new ApiError(
			404,
			`${C}-404`,
			'Not found',
			`No delivery with ID ${ctx.params.deliveryId}.`,
		);
	return delivery;
}

const list = (ctx: RouteContext) => {
	const user = ctx.core.state.users.get(ctx.principal!.userId)!;
	const admin = ctx.core.isTenantAdmin(user);
	let items = [...eventState(ctx.core).webhooks.values()].filter(
		(w) => admin || w.ownerId === user.id,
	);
	const name = queryValue(ctx, 'name');
	const enabled = queryValue(ctx, 'enabled');
	if (name) items = items.filter((w) => w.name === name);
	if (enabled) items = items.filter((w) => String(w.enabled) === enabled);
	items = sortItems(
		ctx,
		items,
		{
			name: (w) => w.name,
			createdAt: (w) => w.createdAt,
			updatedAt: (w) => w.updatedAt,
			url: (w) => w.url,
		},
		undefined,
		C,
	);
	const page = paginate({ ctx, items, defaultLimit: 20, maxLimit: 100, code: C });
	return { status: 200, body: { data: page.data.map(view), links: page.links } };
};

export const webhookRoutes: Route[] = [
	{
		method: 'GET',
		path: '/api/v1/webhooks/event-types',
		tier: '1',
		handler: () => ({ status: 200, body: { data: EVENT_TYPES } }),
	},
	{ method: 'GET', path: '/api/v1/webhooks', tier: '1', handler: list },
	{
		method: 'POST',
		path: '/api/v1/webhooks',
		tier: '2',
		handler(ctx) {
			const webhook = fromBody(ctx, jsonObject(ctx, C));
			eventState(ctx.core).webhooks.set(webhook.id, webhook);
			return { status: 201, body: view(webhook) };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/webhooks/{id}',
		tier: '1',
		handler: (ctx) => ({ status: 200, body: view(owned(ctx)) }),
	},
	{
		method: 'PUT',
		path: '/api/v1/webhooks/{id}',
		tier: '2',
		handler(ctx) {
			const webhook = fromBody(ctx, jsonObject(ctx, C), owned(ctx));
			eventState(ctx.core).webhooks.set(webhook.id, webhook);
			return { status: 200, body: view(webhook) };
		},
	},
	{
		method: 'PATCH',
		path: '/api/v1/webhooks/{id}',
		tier: '2',
		handler(ctx) {
			eventState(ctx.core).webhooks.set(ctx.params.id, patch(ctx, owned(ctx)));
			return { status: 204 };
		},
	},
	{
		method: 'DELETE',
		path: '/api/v1/webhooks/{id}',
		tier: '2',
		handler(ctx) {
			owned(ctx);
			eventState(ctx.core).webhooks.delete(ctx.params.id);
			eventState(ctx.core).deliveries.delete(ctx.params.id);
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/webhooks/{id}/deliveries',
		tier: '1',
		handler(ctx) {
			owned(ctx);
			let items = [...(eventState(ctx.core).deliveries.get(ctx.params.id) ?? [])];
			const status = queryValue(ctx, 'status');
			const eventType = queryValue(ctx, 'eventType');
			if (status)
				items = items.filter(
					(d) => d.status === enumField(status, ['success', 'fail'], '/status', C),
				);
			if (eventType) items = items.filter((d) => d.eventType === eventType);
			items = sortItems(ctx, items, { triggeredAt: (d) => d.triggeredAt }, '-triggeredAt', C);
			const page = paginate({ ctx, items, defaultLimit: 20, maxLimit: 100, code: C });
			return { status: 200, body: { data: page.data, links: page.links } };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
		tier: '1',
		handler(ctx) {
			owned(ctx);
			const delivery = findDelivery(ctx);
			return { status: 200, body: delivery };
		},
	},
	{
		method: 'POST',
		path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/actions/resend',
		tier: '2',
		async handler(ctx) {
			const webhook = owned(ctx);
			const delivery = findDelivery(ctx);
			const again = await deliver(
				ctx.core,
				webhook,
				{ type: delivery.eventType, resourceId: '', data: {} },
				delivery.request.body,
			);
			return { status: 201, body: again };
		},
	},
];

/** `sim.seed('/api/v1/webhooks/<id>', …)`: a webhook record (disabled, pointing nowhere). */
export function seedWebhook(core: SimCore, id: string, o: Record<string, unknown>) {
	const now = new Date().toISOString();
	const admin = core.identity.users.admin.id;
	const webhook: WebhookRecord = {
		id,
		name: typeof o.name === 'string' ? o.name : `Seeded webhook ${id}`,
		url: typeof o.url === 'string' ? o.url : 'https://example.com/hook',
		eventTypes: Array.isArray(o.eventTypes) ? (o.eventTypes as string[]) : [],
		enabled: o.enabled === true,
		level: 'tenant',
		enableCloudEventDelivery: true,
		checkCertificateRevocation: false,
		ownerId: admin,
		createdByUserId: admin,
		origin: 'api',
		createdAt: now,
		updatedAt: now,
	};
	eventState(core).webhooks.set(id, webhook);
	return view(webhook);
}

/** `sim.seed('/api/v1/webhooks/<id>/deliveries/<deliveryId>')`: a recorded delivery. */
export function seedDelivery(core: SimCore, webhookId: string, id: string) {
	const delivery = {
		id,
		webhookId,
		eventType: 'com.qlik.v1.app.reload.finished',
		status: 'success' as const,
		statusMessage: '200 OK',
		triggeredAt: new Date().toISOString(),
		request: { url: 'https://example.com/hook', body: '{}' },
		response: { statusCode: 200, body: 'ok' },
	};
	const list = eventState(core).deliveries.get(webhookId) ?? [];
	list.push(delivery);
	eventState(core).deliveries.set(webhookId, list);
	return { ...delivery };
}
