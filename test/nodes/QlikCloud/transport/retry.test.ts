import {
	backoffMs,
	decideRetry,
	failureKind,
	isIdempotent,
	type FailureKind,
	type RetryDecision,
	type RetryState,
} from '../../../../nodes/QlikCloud/transport/retry';

const limits = { maxRetries: 5, maxRetryWaitMs: 300_000 };

/** A failed attempt, with a jitter of 0 (the shortest backoff) unless a row says otherwise. */
function state(method: string, kind: FailureKind, more: Partial<RetryState> = {}): RetryState {
	return {
		method,
		idempotent: isIdempotent(method, undefined),
		kind,
		attempt: 0,
		waitedMs: 0,
		unconfirmed: false,
		jitter: 0,
		...limits,
		...more,
	};
}

describe('isIdempotent', () => {
	it.each<[string, string, unknown, boolean]>([
		['GET', 'GET', undefined, true],
		['HEAD', 'HEAD', undefined, true],
		['PUT', 'PUT', { name: 'x' }, true],
		['DELETE', 'DELETE', undefined, true],
		['POST (a create)', 'POST', { name: 'x' }, false],
		['PATCH with a merge patch (object)', 'PATCH', { name: 'x' }, true],
		['PATCH with only replace', 'PATCH', [{ op: 'replace', path: '/name', value: 'x' }], true],
		[
			'PATCH with replace and test',
			'PATCH',
			[
				{ op: 'test', path: '/name', value: 'a' },
				{ op: 'replace', path: '/name', value: 'b' },
			],
			true,
		],
		['PATCH with add', 'PATCH', [{ op: 'add', path: '/tags/-', value: 'x' }], false],
		['PATCH with remove', 'PATCH', [{ op: 'remove', path: '/tags/0' }], false],
		['PATCH with move', 'PATCH', [{ op: 'move', from: '/a', path: '/b' }], false],
		['PATCH with copy', 'PATCH', [{ op: 'copy', from: '/a', path: '/b' }], false],
		[
			'PATCH with replace then add',
			'PATCH',
			[
				{ op: 'replace', path: '/name', value: 'x' },
				{ op: 'add', path: '/tags/-', value: 'y' },
			],
			false,
		],
		['PATCH with no operations', 'PATCH', [], false],
		['PATCH with an operation without a path', 'PATCH', [{ op: 'replace', value: 1 }], false],
		['PATCH with no body', 'PATCH', undefined, false],
		['PATCH with a binary body', 'PATCH', Buffer.from('x'), false],
	])('%s → %s', (_name, method, body, expected) => {
		expect(isIdempotent(method, body)).toBe(expected);
	});

	it('a body streamed once is never sent twice, even as a merge patch', () => {
		expect(isIdempotent('PATCH', { name: 'x' }, true)).toBe(false);
	});
});

describe('failureKind', () => {
	it.each<[number | undefined, string | undefined, FailureKind]>([
		[429, undefined, 'rateLimited'],
		[500, undefined, 'server'],
		[503, undefined, 'server'],
		[404, undefined, 'notFound'],
		[401, undefined, 'unauthorized'],
		[400, undefined, 'client'],
		[409, undefined, 'client'],
		[undefined, 'ECONNRESET', 'network'],
		[undefined, undefined, 'client'],
	])('status %s, network code %s → %s', (status, networkCode, kind) => {
		expect(failureKind({ status, networkCode })).toBe(kind);
	});
});

describe('decideRetry', () => {
	it.each<[string, RetryState, RetryDecision]>([
		// 429: always waited out (what Retry-After asks, else a longer backoff), in the pacer.
		[
			'429 on POST with Retry-After',
			state('POST', 'rateLimited', { retryAfterMs: 2000 }),
			{ do: 'wait', ms: 2000, rateLimited: true },
		],
		[
			'429 without Retry-After',
			state('GET', 'rateLimited'),
			{ do: 'wait', ms: 1000, rateLimited: true },
		],
		[
			'429 whose Retry-After passes Max Retry Wait: fail at once, the tier still waits',
			state('GET', 'rateLimited', { retryAfterMs: 400_000 }),
			{ do: 'throw', holdMs: 400_000 },
		],
		// 5xx and dropped connections: resent only when a repeat is safe.
		['503 on GET', state('GET', 'server'), { do: 'wait', ms: 250, rateLimited: false }],
		[
			'503 on GET, third attempt',
			state('GET', 'server', { attempt: 2 }),
			{ do: 'wait', ms: 1000, rateLimited: false },
		],
		['network error on PUT', state('PUT', 'network'), { do: 'wait', ms: 250, rateLimited: false }],
		[
			'network error on DELETE',
			state('DELETE', 'network'),
			{ do: 'wait', ms: 250, rateLimited: false },
		],
		['503 on POST: never resent', state('POST', 'server'), { do: 'throw', unconfirmed: 'create' }],
		[
			'network error on POST: never resent',
			state('POST', 'network'),
			{ do: 'throw', unconfirmed: 'create' },
		],
		[
			'503 on a JSON Patch with add: never resent',
			state('PATCH', 'server', {
				idempotent: isIdempotent('PATCH', [{ op: 'add', path: '/tags/-', value: 'x' }]),
			}),
			{ do: 'throw', unconfirmed: 'change' },
		],
		[
			'503 on a JSON Patch with only replace: resent',
			state('PATCH', 'server', {
				idempotent: isIdempotent('PATCH', [{ op: 'replace', path: '/name', value: 'x' }]),
			}),
			{ do: 'wait', ms: 250, rateLimited: false },
		],
		// Answers that a repeat would not change.
		['400 on GET', state('GET', 'client'), { do: 'throw' }],
		['401 (the token was already renewed)', state('GET', 'unauthorized'), { do: 'throw' }],
		['404 on GET', state('GET', 'notFound'), { do: 'throw' }],
		['404 on a first DELETE', state('DELETE', 'notFound'), { do: 'throw' }],
		[
			'404 on a DELETE resent after an unconfirmed attempt: it was deleted',
			state('DELETE', 'notFound', { attempt: 1, unconfirmed: true }),
			{ do: 'return' },
		],
		// Limits.
		['Max Retries reached', state('GET', 'server', { attempt: 5 }), { do: 'throw' }],
		['Max Retries 0', state('GET', 'server', { maxRetries: 0 }), { do: 'throw' }],
		[
			'Max Retries reached on a 429',
			state('GET', 'rateLimited', { attempt: 5, retryAfterMs: 1000 }),
			{ do: 'throw' },
		],
		[
			'Max Retry Wait used up',
			state('GET', 'server', { attempt: 1, waitedMs: 299_800 }),
			{ do: 'throw' },
		],
		['a cancelled execution', state('GET', 'server', { aborted: true }), { do: 'throw' }],
	])('%s', (_name, input, expected) => {
		expect(decideRetry(input)).toEqual(expected);
	});
});

describe('backoffMs', () => {
	it.each<[number, number, number]>([
		[0, 0, 250],
		[0, 0.999, 500],
		[1, 0, 500],
		[3, 0, 2000],
		[4, 0, 4000],
		[5, 0, 4000],
		[10, 0.5, 6000],
	])('attempt %s, jitter %s → %s ms', (attempt, jitter, ms) => {
		expect(backoffMs(attempt, jitter)).toBe(ms);
	});
});
