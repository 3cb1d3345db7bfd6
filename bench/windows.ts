/**
 * What a sliding-window rate limit sees of a run: the most calls that fell in any one window.
 * Qlik counts a tier's calls over the last minute, so a paced run should keep this just under the
 * limit however long it lasts, and a run's average rate (calls ÷ wall time) says little when the
 * run is not much longer than one window.
 */
export function busiestWindow(times: readonly number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}
