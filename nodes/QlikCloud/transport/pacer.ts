import { sleep } from 'n8n-workflow';

import type { RateTier } from '../shared/types';

/** Share of a tier's limit the pacer aims for, so clock skew never tips a window over. */
export const PACING_SHARE = 0.95;

/**
 * How late a wait may wake (a timer fires a millisecond or two after its time, more on a busy
 * host) and still keep its slot: the bucket holds that much beyond one call. Without it every
 * wake-up's lateness was lost and a run fell to about 91 % of the limit instead of 95 %. At most
 * a quarter of the interval between calls: a window holds at most 1.25 + 0.95 × its limit calls
 * (without the carry 1 + 0.95 × its limit).
 */
const LATENESS_MS = 50;

interface Bucket {
	tokens: number;
	capacity: number;
	perMs: number;
	last: number;
	blockedUntil: number;
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
 * Spaces calls evenly to stay under Qlik's per-tier rate limits. One pacer serves one node
 * run: it holds no state across executions, so queue-mode workers need nothing shared.
 * Calls leave evenly at 95 % of the limit with no burst (a late wake-up is made up on the next
 * call, by at most a quarter of an interval), so that no window, of a minute or shorter, holds
 * more calls than the limit allows for it.
 */
export class Pacer {
	private readonly buckets = new Map<string, Bucket>();
	private readonly now: () => number;
	private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(private readonly options: PacerOptions) {
		this.now = options.now ?? (() => Date.now());
		this.wait = options.wait ?? ((ms, signal) => sleep(ms, signal));
	}

	private key(tier: RateTier, route: string): string {
		return tier.tier === 'special' ? `special ${route}` : `tier ${tier.tier}`;
	}

	private bucket(tier: RateTier, route: string): Bucket {
		const key = this.key(tier, route);
		let bucket = this.buckets.get(key);
		if (!bucket) {
			const perMinute =
				this.options.maxRequestsPerMinute && this.options.maxRequestsPerMinute > 0
					? this.options.maxRequestsPerMinute
					: tier.perMinute;
			const perMs = (perMinute * PACING_SHARE) / 60000;
			bucket = {
				tokens: 1,
				capacity: 1 + Math.min(LATENESS_MS * perMs, 0.25),
				perMs,
				last: this.now(),
				blockedUntil: 0,
			};
			this.buckets.set(key, bucket);
		}
		return bucket;
	}

	/** Waits until a call of this tier may go out. */
	async acquire(tier: RateTier, route: string): Promise<void> {
		const bucket = this.bucket(tier, route);
		for (;;) {
			const now = this.now();
			if (bucket.blockedUntil > now) {
				await this.pause(bucket.blockedUntil - now);
				continue;
			}
			if (!this.options.enabled) return;
			bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (now - bucket.last) * bucket.perMs);
			bucket.last = now;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return;
			}
			await this.pause(Math.ceil((1 - bucket.tokens) / bucket.perMs));
		}
	}

	/** After a 429 the whole tier is blocked at Qlik: hold every call of it until then. */
	block(tier: RateTier, route: string, ms: number): void {
		const bucket = this.bucket(tier, route);
		bucket.blockedUntil = Math.max(bucket.blockedUntil, this.now() + ms);
		bucket.tokens = 0;
	}

	private async pause(ms: number): Promise<void> {
		await this.wait(ms, this.options.signal);
	}
}
