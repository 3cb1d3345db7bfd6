import { logTail, pollUntil } from '../../../../nodes/QlikCloud/shared/wait';

function fakeClock() {
	let now = 0;
	const waits: number[] = [];
	return {
		now: () => now,
		wait: async (ms: number) => {
			waits.push(ms);
			now += ms;
		},
		waits,
	};
}

describe('pollUntil', () => {
	it('polls with growing pauses until done', async () => {
		const clock = fakeClock();
		const answers = ['QUEUED', 'RELOADING', 'RELOADING', 'SUCCEEDED'];
		const result = await pollUntil(
			async () => answers.shift()!,
			(s) => s === 'SUCCEEDED',
			{ timeoutMs: 60000, ...clock },
		);
		expect(result).toEqual({ value: 'SUCCEEDED', timedOut: false, polls: 4 });
		expect(clock.waits).toEqual([1000, 1500, 2250]);
	});

	it('caps the pause and never waits past the timeout', async () => {
		const clock = fakeClock();
		const result = await pollUntil(
			async () => 'RELOADING',
			() => false,
			{
				timeoutMs: 100000,
				maxDelayMs: 15000,
				...clock,
			},
		);
		expect(result.timedOut).toBe(true);
		expect(Math.max(...clock.waits)).toBe(15000);
		expect(clock.waits.reduce((a, b) => a + b, 0)).toBe(100000);
	});

	it('stops at once when the execution is cancelled, leaving no timer', async () => {
		jest.useFakeTimers();
		try {
			const controller = new AbortController();
			let polls = 0;
			const polling = pollUntil(
				async () => {
					polls++;
					return 'RELOADING';
				},
				() => false,
				{ timeoutMs: 600000, firstDelayMs: 60000, signal: controller.signal },
			);
			const outcome = polling.catch((error: Error) => error);
			await jest.advanceTimersByTimeAsync(0);
			expect(polls).toBe(1);
			expect(jest.getTimerCount()).toBe(1);
			controller.abort(new Error('cancelled'));
			expect(await outcome).toEqual(new Error('cancelled'));
			expect(jest.getTimerCount()).toBe(0);
			expect(polls).toBe(1);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('logTail', () => {
	it('keeps the end of a long log', () => {
		expect(logTail(`${'x'.repeat(5000)}END`, 10)).toBe('…xxxxxxxEND');
		expect(logTail('  ')).toBeUndefined();
		expect(logTail(undefined)).toBeUndefined();
	});
});
