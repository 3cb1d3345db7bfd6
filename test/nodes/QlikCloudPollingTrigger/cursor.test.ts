import {
	advance,
	olderThan,
	startCursor,
	type Cursor,
	type Polled,
} from '../../../nodes/QlikCloudPollingTrigger/cursor';

const T = (s: number) => Date.parse('2026-05-01T00:00:00.000Z') + s * 1000;
const iso = (s: number) => new Date(T(s)).toISOString();
const ev = (key: string, s: number): Polled<string> => ({ key, time: T(s), value: key });

describe('advance', () => {
	it.each<[string, Cursor, Array<Polled<string>>, string[], Cursor]>([
		[
			'nothing new',
			{ time: iso(5), keys: ['a'] },
			[ev('a', 5), ev('z', 1)],
			[],
			{ time: iso(5), keys: ['a'] },
		],
		[
			'newer events, newest first in the list, come oldest first',
			{ time: iso(5), keys: ['a'] },
			[ev('c', 9), ev('b', 7), ev('a', 5)],
			['b', 'c'],
			{ time: iso(9), keys: ['c'] },
		],
		[
			'an unseen event at the cursor time comes; the seen one does not',
			{ time: iso(5), keys: ['a'] },
			[ev('a', 5), ev('b', 5)],
			['b'],
			{ time: iso(5), keys: ['a', 'b'] },
		],
		[
			'events sharing the newest time are all kept as seen',
			{ time: iso(5), keys: ['a'] },
			[ev('d', 8), ev('c', 8), ev('b', 6)],
			['b', 'c', 'd'],
			{ time: iso(8), keys: ['c', 'd'] },
		],
		[
			'a key listed twice (pages that shifted) comes once',
			{ time: iso(0), keys: [] },
			[ev('b', 3), ev('b', 3), ev('a', 2)],
			['a', 'b'],
			{ time: iso(3), keys: ['b'] },
		],
		[
			'older than the cursor is never emitted',
			{ time: iso(5), keys: [] },
			[ev('x', 4)],
			[],
			{ time: iso(5), keys: [] },
		],
	])('%s', (_name, cursor, events, fresh, next) => {
		const result = advance(cursor, events);
		expect(result.fresh.map((e) => e.value)).toEqual(fresh);
		expect(result.cursor).toEqual(next);
	});
});

describe('startCursor', () => {
	it.each<[string, Array<Polled<string>>, number[], Cursor]>([
		[
			'no events: the epoch, so the first event ever comes',
			[],
			[],
			{ time: new Date(0).toISOString(), keys: [] },
		],
		[
			'the newest events are seen',
			[ev('b', 4), ev('c', 4), ev('a', 2)],
			[T(4), T(2)],
			{ time: iso(4), keys: ['b', 'c'] },
		],
		[
			'a newer sort time than any event (a file updated after it was created)',
			[ev('a', 2)],
			[T(6), T(2)],
			{ time: iso(6), keys: [] },
		],
	])('%s', (_name, events, times, cursor) => {
		expect(startCursor(events, times)).toEqual(cursor);
	});
});

describe('olderThan', () => {
	it.each([
		[T(4), true],
		[T(5), false],
		[T(6), false],
		[undefined, false],
	])('%s against a cursor at 5 s: %s', (time, older) => {
		expect(olderThan({ time: iso(5), keys: [] }, time)).toBe(older);
	});
});
