/**
 * Webhooks that deliver signed events, the way Qlik Cloud does: a POST of the event (CloudEvents
 * 1.0.2, or the legacy envelope when the webhook has `enableCloudEventDelivery: false`) with
 * `Qlik-Signature` = hex HMAC-SHA256 of the raw body under the webhook's secret, and a delivery
 * record per attempt.
 */
import { createHmac, randomUUID } from 'node:crypto';

import type { SimCore } from './core';
import { objectId } from './store';

export interface WebhookRecord {
	id: string;
	name: string;
	url: string;
	eventTypes: string[];
	enabled: boolean;
	level: 'tenant' | 'user';
	secret?: string;
	filter?: string;
	description?: string;
	headers?: Record<string, string>;
	enableCloudEventDelivery: boolean;
	checkCertificateRevocation: boolean;
	ownerId: string;
	createdByUserId: string;
	origin: string;
	createdAt: string;
	updatedAt: string;
}

export interface DeliveryRecord {
	id: string;
	webhookId: string;
	eventType: string;
	status: 'success' | 'fail';
	statusMessage: string;
	triggeredAt: string;
	request: { url: string; body: string };
	response: { statusCode: number; body: string };
}

export interface ReloadRecord {
	id: string;
	appId: string;
	tenantId: string;
	userId: string;
	type: string;
	partial: boolean;
	weight: number;
	variables?: Record<string, string>;
	creationTime: number;
	/** When it leaves the queue, and when it ends. */
	startAt: number;
	endAt: number;
	outcome: 'SUCCEEDED' | 'FAILED' | 'EXCEEDED_LIMIT';
	canceledAt?: number;
	finished: boolean;
}

/** What the event routes keep, inside the simulator's state so that reset() clears it. */
export interface EventState {
	webhooks: Map<string, WebhookRecord>;
	deliveries: Map<string, DeliveryRecord[]>;
	reloads: Map<string, ReloadRecord>;
	/** appId → how its next reloads end. */
	reloadOutcomes: Map<string, ReloadRecord['outcome']>;
	/** What example workflows posted to /demo/notifications. */
	notifications: Array<{ receivedAt: string; body: unknown }>;
	/** Scheduling task ID → its runs, oldest first. */
	runs: Map<string, RunRecord[]>;
	/** Every event that happened, oldest first, as the audits API lists them. */
	audits: AuditRecord[];
}

/** One event as `GET /api/v1/audits` answers it (audits.json `GetByIDResult`). */
export interface AuditRecord {
	id: string;
	eventId: string;
	eventType: string;
	eventTypeVersion: string;
	eventTime: string;
	source: string;
	contentType: string;
	tenantId: string;
	userId?: string;
	extensions: { ownerId?: string; spaceId?: string; topLevelResourceId?: string };
	data: Record<string, unknown>;
}

export interface RunRecord {
	id: string;
	taskId: string;
	taskName: string;
	startedAt: number;
	endAt: number;
	outcome: ReloadRecord['outcome'];
	triggeredBy: string;
}

export function eventState(core: SimCore): EventState {
	const state = core.state as typeof core.state & { events?: EventState };
	state.events ??= {
		webhooks: new Map(),
		deliveries: new Map(),
		reloads: new Map(),
		reloadOutcomes: new Map(),
		notifications: [],
		runs: new Map(),
		audits: [],
	};
	return state.events;
}

export const EVENT_TYPES = [
	{ name: 'com.qlik.v1.app.created', title: 'App created', levels: ['tenant', 'user'] },
	{ name: 'com.qlik.v1.app.deleted', title: 'App deleted', levels: ['tenant', 'user'] },
	{ name: 'com.qlik.v1.app.published', title: 'App published', levels: ['tenant', 'user'] },
	{
		name: 'com.qlik.v1.app.reload.finished',
		title: 'App reload finished',
		levels: ['tenant', 'user'],
	},
	{ name: 'com.qlik.v1.space.created', title: 'Space created', levels: ['tenant'] },
	{ name: 'com.qlik.v1.space.deleted', title: 'Space deleted', levels: ['tenant'] },
	{
		name: 'com.qlik.v1.data-file.created',
		title: 'Data file uploaded',
		levels: ['tenant', 'user'],
	},
	{ name: 'com.qlik.v1.user.created', title: 'User created', levels: ['tenant'] },
];

export interface EventInput {
	type: string;
	/** The resource the event is about (app ID for reloads, space ID, data file ID). */
	resourceId: string;
	spaceId?: string;
	ownerId?: string;
	userId?: string;
	data: Record<string, unknown>;
}

function payload(
	core: SimCore,
	webhook: WebhookRecord,
	event: EventInput,
	id: string,
	time: string,
) {
	const tenantId = core.identity.tenantId;
	if (webhook.enableCloudEventDelivery) {
		return {
			specversion: '1.0.2',
			id,
			source: 'com.qlik/simulator',
			type: event.type,
			time,
			datacontenttype: 'application/json',
			tenantid: tenantId,
			userid: event.userId,
			ownerid: event.ownerId,
			spaceid: event.spaceId,
			toplevelresourceid: event.resourceId,
			data: event.data,
		};
	}
	return {
		cloudEventsVersion: '0.1',
		source: 'com.qlik/simulator',
		contentType: 'application/json',
		eventId: id,
		eventTime: time,
		eventTypeVersion: '1.0.0',
		eventType: event.type,
		extensions: {
			tenantId,
			userId: event.userId,
			ownerId: event.ownerId,
			spaceId: event.spaceId,
			topLevelResourceId: event.resourceId,
		},
		data: event.data,
	};
}

/** A SCIM-like filter with `attr eq "value"` terms joined by `and` (what Qlik allows here). */
function matchesFilter(filter: string | undefined, event: EventInput): boolean {
	if (!filter) return true;
	const values: Record<string, unknown> = {
		id: event.resourceId,
		topLevelResourceId: event.resourceId,
		spaceId: event.spaceId,
		'data.status': event.data.status,
	};
	return filter.split(/\s+and\s+/i).every((term) => {
		const m = /^\s*([\w.]+)\s+(eq|ne)\s+"([^"]*)"\s*$/i.exec(term);
		if (!m) return true;
		const equal = String(values[m[1]] ?? '') === m[3];
		return m[2].toLowerCase() === 'eq' ? equal : !equal;
	});
}

/** Sends one delivery of an event to one webhook and records it. */
export async function deliver(
	core: SimCore,
	webhook: WebhookRecord,
	event: EventInput,
	body?: string,
): Promise<DeliveryRecord> {
	const time = new Date().toISOString();
	const raw = body ?? JSON.stringify(payload(core, webhook, event, randomUUID(), time));
	const headers: Record<string, string> = {
		'Content-Type': 'application/json',
		'User-Agent': 'Qlik Webhook',
		...(webhook.headers ?? {}),
	};
	if (webhook.secret) {
		headers['Qlik-Signature'] = createHmac('sha256', webhook.secret).update(raw).digest('hex');
	}
	const record: DeliveryRecord = {
		id: objectId(),
		webhookId: webhook.id,
		eventType: event.type,
		status: 'fail',
		statusMessage: '',
		triggeredAt: time,
		request: { url: webhook.url, body: raw },
		response: { statusCode: 0, body: '' },
	};
	try {
		const answer = await fetch(webhook.url, {
			method: 'POST',
			headers,
			body: raw,
			signal: AbortSignal.timeout(10000),
		});
		record.response = { statusCode: answer.status, body: (await answer.text()).slice(0, 2000) };
		record.status = answer.ok ? 'success' : 'fail';
		record.statusMessage = `${answer.status} ${answer.statusText}`;
	} catch (error) {
		record.statusMessage = (error as Error).message;
	}
	const list = eventState(core).deliveries.get(webhook.id) ?? [];
	list.push(record);
	eventState(core).deliveries.set(webhook.id, list);
	return record;
}

/** Keeps the event where the audits API lists it, with its time and a new ID. */
export function recordAudit(core: SimCore, event: EventInput): AuditRecord {
	const id = objectId();
	const audit: AuditRecord = {
		id,
		eventId: randomUUID(),
		eventType: event.type,
		eventTypeVersion: '1.0.0',
		eventTime: new Date().toISOString(),
		source: 'com.qlik/simulator',
		contentType: 'application/json',
		tenantId: core.identity.tenantId,
		userId: event.userId,
		extensions: {
			ownerId: event.ownerId,
			spaceId: event.spaceId,
			topLevelResourceId: event.resourceId,
		},
		data: event.data,
	};
	eventState(core).audits.push(audit);
	return audit;
}

/**
 * Records the event as an audit and delivers it to every enabled webhook subscribed to its type
 * (and passing its filter).
 */
export async function emitEvent(core: SimCore, event: EventInput): Promise<DeliveryRecord[]> {
	recordAudit(core, event);
	const targets = [...eventState(core).webhooks.values()].filter(
		(w) => w.enabled && w.eventTypes.includes(event.type) && matchesFilter(w.filter, event),
	);
	return await Promise.all(targets.map((w) => deliver(core, w, event)));
}

/** Whether any delivery is still in flight; tests wait on it. */
export const pendingDeliveries = new Set<Promise<unknown>>();

/** Starts delivering in the background (routes answer first, as Qlik does). */
export function emitInBackground(core: SimCore, event: EventInput): void {
	const pending = emitEvent(core, event).finally(() => pendingDeliveries.delete(pending));
	pendingDeliveries.add(pending);
}
