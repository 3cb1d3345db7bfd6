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
