import { Pacer, RATE_WINDOW_MS } from '../../../../nodes/QlikCloud/transport/pacer';
import type { RateTier } from '../../../../nodes/QlikCloud/shared/types';

/** Qlik's tiers 1 and 2, as the generated rows carry them. */
const TIER_1: RateTier = { tier: '1', perMinute: 1000 };
const TIER_2: RateTier = { tier: '2', perMinute: 100 };

/**
 * A pacer on a fake clock: waiting moves the clock (plus `lateMs`, as a timer on a busy host
 * fires late), nothing really sleeps; each call takes `callMs` once it may go.
 */
function fakePacer(
	options: { enabled?: boolean; maxRequestsPerMinute?: number; lateMs?: number } = {},
) {
	let now = 0;
	const waits: number[] = [];
	const pacer = new Pacer({
		enabled: options.enabled ?? true,
		maxRequestsPerMinute: options.maxRequestsPerMinute,
		now: () => now,
		wait: async (ms) => {
			waits.push(ms);
			now += ms + (options.lateMs ?? 0);
		},
	});
	return {
		pacer,
		waits,
		clock: () => now,
		advance: (ms: number) => (now += ms),
	};
}

/** The most calls that fall into any window of `windowMs` (as the simulator counts: (t − w, t]). */
function maxInWindow(times: number[], windowMs: number): number {
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

const RELOADS: RateTier = { tier: 'special', perMinute: 50 };
const TUS: RateTier = { tier: 'special', perMinute: 800 };

describe('Pacer: a run sends as much as the window allows at once, and never more', () => {
	it.each([
		// tier, Max Requests per Minute, calls, each call's own time, timers late by, limit
		{ tier: TIER_1, max: 0, calls: 10, callMs: 0, lateMs: 0, limit: 1000 },
		{ tier: TIER_2, max: 0, calls: 10, callMs: 0, lateMs: 0, limit: 100 },
		{ tier: TIER_2, max: 0, calls: 300, callMs: 0, lateMs: 0, limit: 100 },
		{ tier: TIER_2, max: 0, calls: 300, callMs: 40, lateMs: 3, limit: 100 },
		{ tier: TIER_2, max: 1200, calls: 2000, callMs: 0, lateMs: 0, limit: 1200 },
		{ tier: TIER_2, max: 1200, calls: 2000, callMs: 25, lateMs: 5, limit: 1200 },
		{ tier: TIER_1, max: 0, calls: 5000, callMs: 2, lateMs: 2, limit: 1000 },
		{ tier: RELOADS, max: 0, calls: 200, callMs: 0, lateMs: 1, limit: 50 },
		{ tier: TUS, max: 0, calls: 64, callMs: 250, lateMs: 0, limit: 800 },
		{ tier: TIER_2, max: 1, calls: 5, callMs: 0, lateMs: 0, limit: 1 },
	])(
		'$calls calls of tier $tier.tier (max $max/min, $callMs ms each, timers $lateMs ms late)',
		async ({ tier, max, calls, callMs, lateMs, limit }) => {
			const { pacer, clock, advance } = fakePacer({ maxRequestsPerMinute: max, lateMs });
			const budget = Math.max(1, Math.floor(limit * 0.95));
			const times: number[] = [];
			for (let i = 0; i < calls; i++) {
				await pacer.acquire(tier, 'POST /x');
				times.push(clock());
				advance(callMs);
			}
			// Never more than the limit in any window of a minute (95 % of it, by the pacer's clock).
			expect(maxInWindow(times, RATE_WINDOW_MS)).toBeLessThanOrEqual(budget);
			// Calls within the budget go without any wait: only their own time passes.
			const atOnce = Math.min(calls, budget);
			expect(times[atOnce - 1]).toBe((atOnce - 1) * callMs);
			// A run longer than a window sends the budget (95 % of the limit) in each whole window.
			const windows = Math.floor(times[times.length - 1] / RATE_WINDOW_MS);
			for (let w = 0; w < windows; w++) {
				const inWindow = times.filter(
					(t) => t >= w * RATE_WINDOW_MS && t < (w + 1) * RATE_WINDOW_MS,
				).length;
				expect(inWindow).toBeGreaterThanOrEqual(budget - 1);
			}
		},
	);

	it('waits for the oldest call of the window to leave it, not a fixed interval', async () => {
		const { pacer, waits, advance } = fakePacer({ maxRequestsPerMinute: 20 }); // budget 19
		for (let i = 0; i < 19; i++) {
			await pacer.acquire(TIER_2, 'POST /x');
			advance(1000);
		}
		expect(waits).toEqual([]);
		await pacer.acquire(TIER_2, 'POST /x'); // at 19 s: waits until the first call is 60 s old
		expect(waits).toEqual([41000]);
	});

	it('paces each tier on its own', async () => {
		const { pacer, clock } = fakePacer({ maxRequestsPerMinute: 3 });
		for (let i = 0; i < 3; i++) await pacer.acquire(TIER_2, 'POST /x');
		const afterTier2 = clock();
		expect(afterTier2).toBe(RATE_WINDOW_MS);
		await pacer.acquire(TIER_1, 'GET /x');
		expect(clock()).toBe(afterTier2);
	});

	it('gives special tiers a window per route', async () => {
		const { pacer, clock } = fakePacer({ maxRequestsPerMinute: 2 });
		for (let i = 0; i < 2; i++) await pacer.acquire(RELOADS, 'POST /api/v1/reloads');
		const t = clock();
		expect(t).toBe(RATE_WINDOW_MS);
		await pacer.acquire(RELOADS, 'POST /api/v1/reloads/{id}/actions/cancel');
		expect(clock()).toBe(t);
	});

	it('holds the whole tier after a 429 for the time asked, even with pacing off', async () => {
		const { pacer, clock } = fakePacer({ enabled: false });
		pacer.block(TIER_2, 'POST /x', 13000);
		await pacer.acquire(TIER_2, 'DELETE /y');
		expect(clock()).toBe(13000);
		await pacer.acquire(TIER_2, 'DELETE /y');
		expect(clock()).toBe(13000);
	});

	it('does not wait at all when pacing is off', async () => {
		const { pacer, clock } = fakePacer({ enabled: false });
		for (let i = 0; i < 500; i++) await pacer.acquire(TIER_2, 'POST /x');
		expect(clock()).toBe(0);
	});
});
