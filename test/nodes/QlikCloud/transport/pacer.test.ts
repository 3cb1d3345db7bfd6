import { Pacer } from '../../../../nodes/QlikCloud/transport/pacer';
import { TIER_1, TIER_2 } from '../../../../nodes/QlikCloud/shared/types';

/** A pacer on a fake clock: waiting moves the clock, nothing really sleeps. */
function fakePacer(options: { enabled?: boolean; maxRequestsPerMinute?: number } = {}) {
	let now = 0;
	const pacer = new Pacer({
		enabled: options.enabled ?? true,
		maxRequestsPerMinute: options.maxRequestsPerMinute,
		now: () => now,
		wait: async (ms) => {
			now += ms;
		},
	});
	return { pacer, clock: () => now };
}

/** The most calls that fall into any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

describe('Pacer', () => {
	it('keeps 300 tier-2 calls under 100 per minute in every window, near the limit', async () => {
		const { pacer, clock } = fakePacer();
		const times: number[] = [];
		for (let i = 0; i < 300; i++) {
			await pacer.acquire(TIER_2, 'POST /api/v1/spaces');
			times.push(clock());
		}
		expect(maxInWindow(times, 60000)).toBeLessThanOrEqual(100);
		const ratePerMinute = (times.length - 1) / (clock() / 60000);
		expect(ratePerMinute).toBeGreaterThan(90);
		expect(ratePerMinute).toBeLessThanOrEqual(100);
	});

	it('keeps under a scaled limit in every window of that length too', async () => {
		const { pacer, clock } = fakePacer({ maxRequestsPerMinute: 600 });
		const times: number[] = [];
		for (let i = 0; i < 300; i++) {
			await pacer.acquire(TIER_2, 'POST /x');
			times.push(clock());
		}
		expect(maxInWindow(times, 10000)).toBeLessThanOrEqual(100);
	});

	it('makes up for waits that wake late, still under the limit in every window', async () => {
		let now = 0;
		const pacer = new Pacer({
			enabled: true,
			maxRequestsPerMinute: 1200,
			now: () => now,
			// Every timer fires 3 ms after its time, as on a busy host.
			wait: async (ms) => {
				now += ms + 3;
			},
		});
		const times: number[] = [];
		for (let i = 0; i < 1000; i++) {
			await pacer.acquire(TIER_2, 'POST /x');
			times.push(now);
		}
		expect(maxInWindow(times, 10000)).toBeLessThanOrEqual(200);
		const share = (times.length - 1) / (now / 60000) / 1200;
		expect(share).toBeGreaterThan(0.94);
	});

	it('paces each tier on its own', async () => {
		const { pacer, clock } = fakePacer();
		for (let i = 0; i < 5; i++) await pacer.acquire(TIER_2, 'POST /x');
		const afterTier2 = clock();
		await pacer.acquire(TIER_1, 'GET /x');
		expect(clock()).toBe(afterTier2);
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

	it('gives special tiers a bucket per route', async () => {
		const { pacer, clock } = fakePacer();
		const reload = { tier: 'special' as const, perMinute: 50 };
		for (let i = 0; i < 3; i++) await pacer.acquire(reload, 'POST /api/v1/reloads');
		const t = clock();
		expect(t).toBeGreaterThan(0);
		await pacer.acquire(reload, 'POST /api/v1/reloads/{id}/actions/cancel');
		expect(clock()).toBe(t);
	});
});
