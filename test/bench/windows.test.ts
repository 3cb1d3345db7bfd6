import { busiestWindow } from '../../bench/windows';

describe('busiestWindow', () => {
	it.each<[string, number[], number, number]>([
		['no calls', [], 1000, 0],
		['one call', [5], 1000, 1],
		['all in one window', [0, 10, 999], 1000, 3],
		['a call exactly one window later is in the next window', [0, 1000], 1000, 1],
		['the busiest window is in the middle', [0, 1500, 1600, 1700, 2400, 3000], 1000, 4],
		['order of the input does not matter', [2400, 0, 1700, 1500, 3000, 1600], 1000, 4],
		['a burst, then the window frees', [...Array(5).fill(0), ...Array(5).fill(60_000)], 60_000, 5],
	])('%s', (_, times, windowMs, expected) => {
		expect(busiestWindow(times, windowMs)).toBe(expected);
	});
});
