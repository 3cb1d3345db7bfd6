/**
 * Qlik's error envelope: `{errors:[{code,title,detail,status,source?,meta?}], traceId}`. A field
 * or parameter at fault is named in `source` and, as the node reads it, in `meta.source`.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

import type { RouteResult } from './types';

export interface ErrorItem {
	code: string;
	title: string;
	detail?: string;
	status?: string;
	source?: { pointer?: string; parameter?: string };
	meta?: { source?: { pointer?: string; parameter?: string } } & Record<string, unknown>;
}

export const traceId = () => randomBytes(16).toString('hex');

/** Thrown by handlers; the server turns it into the envelope. */
export class ApiError extends Error {
	readonly items: ErrorItem[];
	readonly headers: Record<string, string>;
	/** Extra top-level fields (OAuth's `error`, `error_description`). */
	readonly extra: Record<string, unknown>;

	constructor(
		readonly status: number,
		code: string,
		title: string,
		detail?: string,
		meta?: ErrorItem['meta'],
		options: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
	) {
		super(`${status} ${code}: ${title}${detail ? ` - ${detail}` : ''}`);
		this.items = [
			{
				code,
				title,
				...(detail !== undefined ? { detail } : {}),
				status: String(status),
				...(meta?.source ? { source: meta.source } : {}),
				...(meta ? { meta } : {}),
			},
		];
		this.headers = options.headers ?? {};
		this.extra = options.extra ?? {};
	}

	toResult(): RouteResult {
		return {
			status: this.status,
			headers: this.headers,
			body: { ...this.extra, errors: this.items, traceId: traceId() },
		};
	}
}

export function envelope(status: number, code: string, title?: string, detail?: string) {
	return new ApiError(status, code, title ?? STATUS_CODES[status] ?? 'Error', detail).toResult();
}

/** A 400 naming a body field (JSON pointer) or a query parameter. */
export function invalid(
	code: string,
	detail: string,
	where: { pointer?: string; parameter?: string },
	title = 'Bad request',
): ApiError {
	return new ApiError(400, code, title, detail, { source: where });
}

export function rateLimited(seconds: number): RouteResult {
	return {
		status: 429,
		headers: { 'Retry-After': String(seconds) },
		body: {
			errors: [
				{
					code: 'HTTP-429',
					title: 'API rate limit reached.',
					detail: `You need to wait ${seconds} seconds until limit is lifted.`,
					status: '429',
				},
			],
			traceId: traceId(),
		},
	};
}
