import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { QlikErrorEntry } from '../shared/types';

/** What a failed HTTP call left behind, whatever layer threw it. */
export interface HttpFailure {
	status?: number;
	headers: IDataObject;
	body: unknown;
	/** Network error code (ECONNRESET, ETIMEDOUT…) when no answer came. */
	networkCode?: string;
	message: string;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** Plain words for network codes (n8n rewrites messages that contain the codes themselves). */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was dropped',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

function findNetworkCode(error: unknown, depth = 0): string | undefined {
	if (!error || typeof error !== 'object' || depth > 4) return undefined;
	const e = error as { code?: unknown; cause?: unknown; message?: unknown };
	if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
	if (typeof e.message === 'string' && /socket hang up/i.test(e.message)) return 'ECONNRESET';
	return findNetworkCode(e.cause, depth + 1);
}

/** Reads status, headers and body from an error thrown by n8n's request helpers. */
export function describeHttpFailure(error: unknown): HttpFailure {
	const e = (error ?? {}) as {
		cause?: { response?: { status?: number; headers?: IDataObject; data?: unknown } };
		response?: { status?: number; headers?: IDataObject; data?: unknown };
		httpCode?: string | null;
		message?: string;
	};
	const response = e.cause?.response ?? e.response;
	const status =
		response?.status ?? (e.httpCode && /^\d{3}$/.test(e.httpCode) ? Number(e.httpCode) : undefined);
	return {
		status,
		headers: (response?.headers as IDataObject) ?? {},
		body: response?.data,
		networkCode: status === undefined ? findNetworkCode(error) : undefined,
		message: e.message ?? String(error),
	};
}

function parseBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim().startsWith('{')) {
		try {
			return JSON.parse(text) as IDataObject;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function firstQlikError(body: unknown): { entry?: QlikErrorEntry; traceId?: string } {
	const parsed = parseBody(body);
	if (!parsed) return {};
	const errors = parsed.errors;
	const entry = Array.isArray(errors) ? (errors[0] as QlikErrorEntry | undefined) : undefined;
	const traceId = typeof parsed.traceId === 'string' ? parsed.traceId : undefined;
	if (entry) return { entry, traceId };
	if (typeof parsed.title === 'string' || typeof parsed.code === 'string') {
		return { entry: parsed as QlikErrorEntry, traceId };
	}
	if (typeof parsed.error === 'string') {
		return {
			entry: {
				code: parsed.error,
				title: parsed.error,
				detail: parsed.error_description as string,
			},
			traceId,
		};
	}
	return { traceId };
}

const STATUS_HINTS: Record<number, string> = {
	400: 'Qlik Cloud rejected the request: check the parameters named above.',
	401: 'The credential was not accepted: check the API key or OAuth client, or reconnect the credential.',
	403: "The credential's user lacks the permission or role for this action in Qlik Cloud.",
	404: 'Nothing with this ID exists, or the user cannot see it: check the ID or pick it from the list.',
	409: 'Something with the same name or key already exists: use another name, or get the existing one.',
	412: 'Qlik Cloud refused because a precondition failed (for example the space still has content).',
	413: 'The request is larger than Qlik Cloud accepts.',
	429: 'Qlik Cloud rate limit reached and retries were used up: lower the request rate in Options or try later.',
};

export interface ErrorContext {
	itemIndex?: number;
	/** What was addressed, e.g. `Space 62716f…`, for 404 and 409 messages. */
	subject?: string;
	/** Retries already spent, for the description. */
	attempts?: number;
	/**
	 * A call that is not repeated (a create, a non-repeatable change) got no definite answer
	 * (5xx, dropped connection): Qlik Cloud may or may not have carried it out.
	 */
	unconfirmed?: 'create' | 'change';
	/** What to do about a 409 here (e.g. the option that allows replacing), instead of the generic hint. */
	conflictHint?: string;
}

/**
 * What to throw for an error caught in node code: an n8n error as it is (n8n hands back a
 * NodeApiError given to its constructor), anything else wrapped as a NodeOperationError.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) return new NodeApiError(node, error as unknown as JsonObject);
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}

/** The one place that turns a failed Qlik call into an n8n error. */
export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	ctx: ErrorContext = {},
): NodeApiError {
	const { entry, traceId } = firstQlikError(failure.body);
	const status = failure.status;
	const title = entry?.title || (status ? `HTTP ${status}` : 'Request failed');
	const detail = entry?.detail && entry.detail !== title ? entry.detail : undefined;
	const code = entry?.code;

	let message: string;
	if (status === undefined && failure.networkCode === undefined) {
		message = failure.message.startsWith('Qlik Cloud')
			? failure.message
			: `Qlik Cloud: ${failure.message}`;
	} else if (status === undefined) {
		message = `Qlik Cloud could not be reached: ${NETWORK_WORDS[failure.networkCode ?? ''] ?? 'network error'}`;
	} else {
		const facts = [`HTTP ${status}`, code].filter(Boolean).join(', ');
		message = `Qlik Cloud: ${title}${detail ? ` - ${detail}` : ''} (${facts})`;
	}
	if (ctx.subject && (status === 404 || status === 409)) {
		message = `${ctx.subject}: ${message}`;
	}
	if (ctx.unconfirmed === 'create') {
		message += `. Not confirmed: ${ctx.subject ?? 'the object'} may or may not have been created`;
	} else if (ctx.unconfirmed === 'change') {
		message += '. Not confirmed: the change may or may not have been applied';
	}

	const descriptionParts: string[] = [];
	if (ctx.unconfirmed) {
		descriptionParts.push(
			ctx.unconfirmed === 'create'
				? 'The request was sent once and not repeated, because a repeated create can make a duplicate. Before running it again, check whether it exists: use Get Many (filtered by name where the list has that filter) or look in Qlik Cloud.'
				: 'The request was sent once and not repeated, because applying it twice is not safe. Get the object to see whether the change is there before running it again.',
		);
	}
	const hint =
		ctx.unconfirmed !== undefined
			? undefined
			: status === undefined
				? undefined
				: status === 409 && ctx.conflictHint
					? ctx.conflictHint
					: (STATUS_HINTS[status] ??
						(status >= 500
							? 'Qlik Cloud had a server error; it may pass if you try again.'
							: undefined));
	if (hint) descriptionParts.push(hint);
	if (status === undefined && failure.networkCode !== undefined) {
		descriptionParts.push('Check the tenant URL and the network between n8n and Qlik Cloud.');
	}
	const pointer =
		(entry?.meta?.source as IDataObject | undefined)?.pointer ??
		(entry?.meta?.source as IDataObject | undefined)?.parameter;
	if (typeof pointer === 'string') descriptionParts.push(`Field: ${pointer}.`);
	if (ctx.attempts) descriptionParts.push(`Tried ${ctx.attempts + 1} times.`);
	if (traceId) descriptionParts.push(`Trace ID: ${traceId}.`);

	const retryAfterMs = retryAfterToMs(failure.headers['retry-after']);
	let failureInfo: NodeApiError['failure'];
	if (status === 401) failureInfo = { cause: 'credential-invalid' };
	else if (status === 429)
		failureInfo = {
			cause: 'rate-limited',
			...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
		};
	else if (status === undefined || status >= 500)
		failureInfo = { cause: 'temporarily-unavailable' };
	else if (status === 403 || status === 404 || status === 409 || status === 412)
		failureInfo = { cause: 'configuration-invalid' };

	const errorResponse: JsonObject = {
		message,
		...(status !== undefined ? { httpCode: String(status) } : {}),
		...(entry ? { qlikError: { ...entry } as JsonObject } : {}),
		...(traceId ? { traceId } : {}),
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description: descriptionParts.join(' '),
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex: ctx.itemIndex,
		...(failureInfo ? { failure: failureInfo } : {}),
	});
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterToMs(value: unknown, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw * 1000;
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	const text = raw.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// Anything else must be an HTTP date (it names a weekday or month); "-1" is not one.
	if (!/[a-z]{3}/i.test(text)) return undefined;
	const date = Date.parse(text);
	if (!Number.isNaN(date)) return Math.max(0, date - now);
	return undefined;
}
