/**
 * The retry policy as one pure decision: after a failed attempt, return, throw or wait how long,
 * from the method, whether a repeat is safe, the kind of failure, the attempt, the time waited so
 * far and the limits. The transport acts on the decision; the tests read it from a table.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure } from './errors';

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * A request is safe to send twice when doing it twice gives what doing it once gives: GET, HEAD,
 * PUT, DELETE, and a PATCH with a JSON merge patch (an object) or JSON Patch operations that only
 * `replace` values or `test` them. `add` (to an array: a second copy), `remove` (the repeat
 * fails), `move` and `copy` are not; neither is a POST, nor a body streamed once.
 */
export function isIdempotent(method: string, body: unknown, streamed = false): boolean {
	if (IDEMPOTENT.has(method)) return true;
	if (method !== 'PATCH' || streamed) return false;
	if (Array.isArray(body)) {
		return (
			body.length > 0 &&
			(body as IDataObject[]).every(
				(op) => op && (op.op === 'replace' || op.op === 'test') && 'path' in op,
			)
		);
	}
	return !!body && typeof body === 'object' && !Buffer.isBuffer(body);
}

/**
 * What went wrong, as far as retrying cares. `unauthorized`: a 401 that n8n's credential layer
 * has already answered by fetching a new token and sending once more, so it is final here.
 */
export type FailureKind =
	'rateLimited' | 'server' | 'network' | 'notFound' | 'unauthorized' | 'client';

export function failureKind(failure: Pick<HttpFailure, 'status' | 'networkCode'>): FailureKind {
	const status = failure.status;
	if (status === undefined) return failure.networkCode !== undefined ? 'network' : 'client';
	if (status === 429) return 'rateLimited';
	if (status >= 500) return 'server';
	if (status === 404) return 'notFound';
	if (status === 401) return 'unauthorized';
	return 'client';
}

export interface RetryState {
	method: string;
	idempotent: boolean;
	kind: FailureKind;
	/** The attempt that failed: 0 for the first. */
	attempt: number;
	/** Time already spent waiting between attempts of this call. */
	waitedMs: number;
	/** An earlier attempt got no definite answer (5xx or a dropped connection): it may have worked. */
	unconfirmed: boolean;
	/** What Qlik's Retry-After asked for, when it did. */
	retryAfterMs?: number;
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Upper bound on the time spent waiting between retries of one call. */
	maxRetryWaitMs: number;
	/** The execution was cancelled. */
	aborted?: boolean;
	/** A number in [0, 1) that spreads the backoff of many calls (Math.random in the transport). */
	jitter: number;
}

export type RetryDecision =
	/** A repeated DELETE found nothing: the earlier attempt went through, so it counts as deleted. */
	| { do: 'return' }
	/**
	 * Fail; `unconfirmed` says that the request may have taken effect although it failed;
	 * `holdMs`: a rate limit waited longer than allowed, and the tier still waits it out.
	 */
	| { do: 'throw'; unconfirmed?: 'create' | 'change'; holdMs?: number }
	/** Wait, then send again; a rate limit is waited out in the pacer (the whole tier waits). */
	| { do: 'wait'; ms: number; rateLimited: boolean };

/** Exponential backoff from 0.5 s, at most 8 s, with the upper half jittered. */
export function backoffMs(attempt: number, jitter: number): number {
	const base = Math.min(8000, 500 * 2 ** attempt);
	return Math.round(base / 2 + jitter * (base / 2));
}

export function decideRetry(state: RetryState): RetryDecision {
	const { kind, idempotent } = state;
	if (state.method === 'DELETE' && state.unconfirmed && kind === 'notFound')
		return { do: 'return' };
	const ambiguous = kind === 'server' || kind === 'network';
	const retryable = kind === 'rateLimited' || (idempotent && ambiguous);
	if (!retryable || state.attempt >= state.maxRetries || state.aborted) {
		// Not sent again (a create or a non-repeatable change): say it may have happened.
		return ambiguous && !idempotent
			? { do: 'throw', unconfirmed: state.method === 'POST' ? 'create' : 'change' }
			: { do: 'throw' };
	}
	const ms =
		kind === 'rateLimited'
			? (state.retryAfterMs ?? backoffMs(state.attempt + 2, state.jitter))
			: backoffMs(state.attempt, state.jitter);
	if (state.waitedMs + ms > state.maxRetryWaitMs) {
		return kind === 'rateLimited' ? { do: 'throw', holdMs: ms } : { do: 'throw' };
	}
	return { do: 'wait', ms, rateLimited: kind === 'rateLimited' };
}
