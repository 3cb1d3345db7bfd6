import { sleep } from 'n8n-workflow';

import type { RateTier } from '../shared/types';

/** Share of a tier's limit the pacer spends per window, so clock skew never tips a window over. */
export const PACING_SHARE = 0.95;

/** Qlik counts a tier's calls per minute (evaluated over longer windows, which a minute keeps under). */
export const RATE_WINDOW_MS = 60_000;

/** Send times of the calls in the current window, oldest first (a queue over an array). */
class SendLog {
	private readonly times: number[] = [];
	private head = 0;
	blockedUntil = 0;

	constructor(readonly budget: number) {}

	/** Forgets calls sent at or before `since`; answers how many are left. */
	count(since: number): number {
		while (this.head < this.times.length && this.times[this.head] <= since) this.head++;
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times.splice(0, this.head);
			this.head = 0;
		}
		return this.times.length - this.head;
	}

	oldest(): number {
		return this.times[this.head];
	}

	add(time: number): void {
		this.times.push(time);
	}
}

export interface PacerOptions {
	enabled: boolean;
	/** Overrides the tier's own per-minute limit (0 or undefined: the tier's). */
	maxRequestsPerMinute?: number;
	signal?: AbortSignal;
	now?: () => number;
	wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Keeps calls under Qlik's per-tier rate limits with a sliding window: a call goes at once while
 * fewer than 95 % of the tier's limit were sent in the last minute, and otherwise waits until the
 * oldest of them is a minute old. A run that needs a few calls never waits; a long run sends 95 %
 * of the limit per minute, and no window of a minute (nor any longer one) holds more.
 * One pacer serves one node run: executions that run at the same time as the same user each
 * have the whole budget (Max Requests per Minute divides it; bench/README.md has the figures).
 */
export class Pacer {
	private readonly logs = new Map<string, SendLog>();
	private readonly now: () => number;
	private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(private readonly options: PacerOptions) {
		this.now = options.now ?? (() => Date.now());
		this.wait = options.wait ?? ((ms, signal) => sleep(ms, signal));
	}

	private log(tier: RateTier, route: string): SendLog {
		const perMinute =
			this.options.maxRequestsPerMinute && this.options.maxRequestsPerMinute > 0
				? this.options.maxRequestsPerMinute
				: tier.perMinute;
		const budget = Math.max(1, Math.floor(perMinute * PACING_SHARE));
		// Special tiers are counted per endpoint; a different limit is a different budget.
		const key = `${tier.tier === 'special' ? `special ${route}` : `tier ${tier.tier}`} ${budget}`;
		let log = this.logs.get(key);
		if (!log) {
			log = new SendLog(budget);
			this.logs.set(key, log);
		}
		return log;
	}

	/** Waits until a call of this tier may go out, and counts it. */
	async acquire(tier: RateTier, route: string): Promise<void> {
		const log = this.log(tier, route);
		for (;;) {
			const now = this.now();
			if (log.blockedUntil > now) {
				await this.pause(log.blockedUntil - now);
				continue;
			}
			if (!this.options.enabled) return;
			if (log.count(now - RATE_WINDOW_MS) < log.budget) {
				log.add(now);
				return;
			}
			await this.pause(log.oldest() + RATE_WINDOW_MS - now);
		}
	}

	/** After a 429 the whole tier is blocked at Qlik: hold every call of it until then. */
	block(tier: RateTier, route: string, ms: number): void {
		const log = this.log(tier, route);
		log.blockedUntil = Math.max(log.blockedUntil, this.now() + ms);
	}

	private async pause(ms: number): Promise<void> {
		await this.wait(Math.max(1, ms), this.options.signal);
	}
}
