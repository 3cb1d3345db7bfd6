import { createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** Whether `signature` is the hex HMAC-SHA256 of `rawBody` under `secret`, compared in constant time. */
export function verifySignature(
	rawBody: Buffer | string | undefined,
	signature: unknown,
	secret: unknown,
): boolean {
	if (typeof secret !== 'string' || secret === '' || rawBody === undefined) return false;
	if (typeof signature !== 'string' || !/^[0-9a-f]+$/i.test(signature.trim())) return false;
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	const given = Buffer.from(signature.trim(), 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * One event in one shape, whether Qlik sent the legacy envelope (`eventType`, `eventTime`,
 * `extensions.*`) or CloudEvents 1.0.2 (`type`, `time`, top-level `tenantid`, `spaceid`, …).
 */
export function normalizeEvent(body: IDataObject): IDataObject {
	const extensions = (body.extensions ?? {}) as IDataObject;
	const data = (body.data ?? {}) as IDataObject;
	const cloudEvents = body.specversion !== undefined;
	return {
		type: text(body.type) ?? text(body.eventType),
		time: text(body.time) ?? text(body.eventTime),
		id: text(body.id) ?? text(body.eventId),
		resourceId:
			text(body.toplevelresourceid) ??
			text(extensions.topLevelResourceId) ??
			text(data.id) ??
			text(data.resourceId),
		spaceId: text(body.spaceid) ?? text(extensions.spaceId),
		ownerId: text(body.ownerid) ?? text(extensions.ownerId),
		userId: text(body.userid) ?? text(extensions.userId),
		tenantId: text(body.tenantid) ?? text(extensions.tenantId),
		source: text(body.source),
		format: cloudEvents ? 'cloudevents' : 'legacy',
		data,
		event: body,
	};
}

/** A delivery whose event is older than this is acknowledged and starts nothing (a replay). */
export const REPLAY_WINDOW_MS = 10 * 60 * 1000;
/** How many recent event IDs are remembered to drop a delivery seen before. */
export const MAX_SEEN_EVENTS = 1000;

/**
 * Whether a verified delivery was seen before or is too old; remembers its event ID. The memory
 * keeps only the last REPLAY_WINDOW_MS and at most MAX_SEEN_EVENTS IDs.
 */
export function isReplay(
	data: { seenEvents?: Array<[id: string, at: number]> },
	event: IDataObject,
	now = Date.now(),
): boolean {
	const time = typeof event.time === 'string' ? Date.parse(event.time) : NaN;
	if (Number.isFinite(time) && now - time > REPLAY_WINDOW_MS) return true;
	const seen = (data.seenEvents ?? []).filter(([, at]) => now - at <= REPLAY_WINDOW_MS);
	const id = typeof event.id === 'string' ? event.id : undefined;
	if (id !== undefined && seen.some(([known]) => known === id)) return true;
	if (id !== undefined) seen.push([id, now]);
	data.seenEvents = seen.slice(-MAX_SEEN_EVENTS);
	return false;
}
