import type { INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** Wait for Completion and its timeout: the fields of every operation that can wait. */
export function waitProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description: `Whether to wait until the ${what} has finished and output its result; otherwise output it as started`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 900,
			description: `How long to wait for the ${what} before the item fails (the ${what} itself goes on)`,
			displayOptions: { show: { waitForCompletion: [true] } },
		},
	];
}

export interface PollOptions {
	timeoutMs: number;
	signal?: AbortSignal;
	/** First pause; each next one is half as long again, up to `maxDelayMs`. */
	firstDelayMs?: number;
	maxDelayMs?: number;
	now?: () => number;
	wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Polls until `done`, pausing longer each time (1 s, 1.5 s, 2.25 s, … at most 15 s) and never
 * past the timeout. The pauses are n8n's `sleep` with the execution's cancel signal: a cancelled
 * execution stops waiting at once and leaves no timer behind.
 */
export async function pollUntil<T>(
	poll: () => Promise<T>,
	done: (value: T) => boolean,
	options: PollOptions,
): Promise<{ value: T; timedOut: boolean; polls: number }> {
	const now = options.now ?? (() => Date.now());
	const wait = options.wait ?? ((ms: number, signal?: AbortSignal) => sleep(ms, signal));
	const deadline = now() + options.timeoutMs;
	let delay = options.firstDelayMs ?? 1000;
	let polls = 0;
	for (;;) {
		const value = await poll();
		polls++;
		if (done(value)) return { value, timedOut: false, polls };
		const left = deadline - now();
		if (left <= 0) return { value, timedOut: true, polls };
		await wait(Math.min(delay, left), options.signal);
		delay = Math.min(delay * 1.5, options.maxDelayMs ?? 15000);
	}
}

/** The end of a long log, for an error's description. */
export function logTail(log: unknown, max = 2000): string | undefined {
	if (typeof log !== 'string' || log.trim() === '') return undefined;
	const text = log.trimEnd();
	return text.length > max ? `…${text.slice(text.length - max)}` : text;
}
