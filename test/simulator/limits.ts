/** Rate limiting (sliding window per token and tier) and fault injection (seeded). */
import type { FaultRule, RateLimitRule, RateLimits, Tier } from './types';

/** mulberry32: a small seeded PRNG, so fault probabilities repeat run after run. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const DEFAULT_RULES: Record<'1' | '2', RateLimitRule> = {
	'1': { limit: 1000, windowMs: 60_000 },
	'2': { limit: 100, windowMs: 60_000 },
};

export class RateLimiter {
	private rules: RateLimits = {};
	/** key → timestamps (ms) of the requests counted in the current window, oldest first. */
	private readonly windows = new Map<string, number[]>();

	constructor(rules: RateLimits | undefined) {
		this.set(rules);
	}

	set(rules: RateLimits | undefined) {
		this.rules = rules === false ? false : { ...(rules ?? {}) };
		this.windows.clear();
	}

	clear() {
		this.windows.clear();
	}

	/** The rule for a tier; special falls back to the operation's own per-minute limit. */
	ruleFor(tier: Tier, operationLimit?: number): RateLimitRule | undefined {
		if (this.rules === false) return undefined;
		const given = this.rules[tier];
		if (given) return given;
		if (tier === 'special')
			return operationLimit ? { limit: operationLimit, windowMs: 60_000 } : undefined;
		return DEFAULT_RULES[tier];
	}

	/**
	 * Counts one request for `key` (a token) in `tier`. Answers undefined when allowed, else the whole
	 * seconds (≥ 1) until the window frees a slot. Refused requests are not counted.
	 */
	hit(
		key: string,
		tier: Tier,
		operation: { id: string; limit?: number },
		now = Date.now(),
	): number | undefined {
		const rule = this.ruleFor(tier, operation.limit);
		if (!rule) return undefined;
		// Tiers 1 and 2 share one window across their operations; each special operation has its own.
		const bucket = `${tier}\u0000${tier === 'special' ? `${operation.id}\u0000` : ''}${key}`;
		let times = this.windows.get(bucket);
		if (!times) {
			times = [];
			this.windows.set(bucket, times);
		}
		const from = now - rule.windowMs;
		let drop = 0;
		while (drop < times.length && times[drop] <= from) drop++;
		if (drop) times.splice(0, drop);
		if (times.length >= rule.limit) {
			const freeAt = times[times.length - rule.limit] + rule.windowMs;
			return Math.max(1, Math.ceil((freeAt - now) / 1000));
		}
		times.push(now);
		return undefined;
	}
}

interface ActiveFault {
	rule: FaultRule;
	index: number;
	applied: number;
}

export class FaultInjector {
	private faults: ActiveFault[] = [];
	private count = 0;

	constructor(private rng: () => number) {}

	reseed(rng: () => number) {
		this.rng = rng;
	}

	add(rule: FaultRule) {
		if (!['status', 'delay', 'drop'].includes(rule.kind))
			throw new Error(`Unknown fault kind: ${String(rule.kind)}`);
		if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1))
			throw new Error('Fault probability must be between 0 and 1');
		this.faults.push({ rule: { ...rule }, index: this.count++, applied: 0 });
	}

	clear() {
		this.faults = [];
	}

	/**
	 * The rule that fires for this request: the most recently added matching rule wins (so a
	 * test can put a one-off fault on top of a standing one); probabilities are drawn in that order.
	 */
	pick(method: string, path: string): { rule: FaultRule; label: string } | undefined {
		for (let i = this.faults.length - 1; i >= 0; i--) {
			const fault = this.faults[i];
			const { rule } = fault;
			if (rule.times !== undefined && fault.applied >= rule.times) continue;
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			if (!pathMatches(rule.path, path)) continue;
			const probability = rule.probability ?? 1;
			if (probability < 1 && this.rng() >= probability) continue;
			fault.applied++;
			const what =
				rule.kind === 'status'
					? `status ${rule.status ?? 503}`
					: rule.kind === 'delay'
						? `delay ${rule.delayMs ?? 0}ms`
						: 'drop';
			const when = rule.after && rule.kind !== 'delay' ? ' after' : '';
			return {
				rule,
				label: `#${fault.index} ${what}${when} ${rule.method ?? '*'} ${String(rule.path)}`,
			};
		}
		return undefined;
	}
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
	if (pattern instanceof RegExp) {
		pattern.lastIndex = 0;
		return pattern.test(path);
	}
	if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
	return path === pattern;
}
