/**
 * Where a polling trigger stands: the time of the newest event it emitted and the keys of the
 * events at exactly that time, so that events sharing a time are neither emitted twice nor
 * skipped when some of them appear only at the next poll. Pure; kept in the node's static data.
 */
export interface Cursor {
	/** ISO 8601 time of the newest event emitted (or, on the first poll, the newest one seen). */
	time: string;
	/** Keys of the events at exactly `time` that were already accounted for. */
	keys: string[];
}

/** One event read from a list: its key (unique per event), its time in ms, and what to emit. */
export interface Polled<T> {
	key: string;
	time: number;
	value: T;
}

/** The cursor of a first poll: every event up to now counts as seen, none is emitted. */
export function startCursor(events: Array<Polled<unknown>>, sortTimes: number[]): Cursor {
	const newest = Math.max(0, ...sortTimes, ...events.map((e) => e.time));
	return {
		time: new Date(newest).toISOString(),
		keys: events.filter((e) => e.time === newest).map((e) => e.key),
	};
}

/** Whether a newest-first list has gone past the cursor (its item is older than the cursor). */
export function olderThan(cursor: Cursor, time: number | undefined): boolean {
	return time !== undefined && time < Date.parse(cursor.time);
}

/**
 * The events not yet emitted (newer than the cursor, or at its time with an unseen key), oldest
 * first and each key once, and the cursor after emitting them.
 */
export function advance<T>(
	cursor: Cursor,
	events: Array<Polled<T>>,
): { fresh: Array<Polled<T>>; cursor: Cursor } {
	const at = Date.parse(cursor.time);
	const seen = new Set(cursor.keys);
	const fresh: Array<Polled<T>> = [];
	for (const event of events) {
		if (event.time < at || seen.has(event.key)) continue;
		seen.add(event.key);
		fresh.push(event);
	}
	if (fresh.length === 0) return { fresh, cursor };
	fresh.sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const newest = fresh[fresh.length - 1].time;
	const keys = fresh.filter((e) => e.time === newest).map((e) => e.key);
	return {
		fresh,
		cursor: {
			time: new Date(newest).toISOString(),
			keys: newest === at ? [...cursor.keys, ...keys] : keys,
		},
	};
}
