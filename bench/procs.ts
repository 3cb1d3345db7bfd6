/**
 * Memory of a process tree, read from /proc: the sum of VmRSS over a process and its
 * descendants, sampled on a timer, and each process's own high-water mark (VmHWM).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** kB of a `VmRSS:` / `VmHWM:` line of /proc/<pid>/status, or 0 when the process is gone. */
function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const line = status.split('\n').find((l) => l.startsWith(`${field}:`));
		return line ? Number(line.split(/\s+/)[1]) : 0;
	} catch {
		return 0;
	}
}

function parentOf(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

export function commandLine(pid: number): string[] {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	} catch {
		return [];
	}
}

/** A process and all its descendants (pids). */
export function processTree(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const pid = Number(name);
		const parent = parentOf(pid);
		if (parent === undefined) continue;
		children.set(parent, [...(children.get(parent) ?? []), pid]);
	}
	const tree: number[] = [];
	const queue = [root];
	while (queue.length) {
		const pid = queue.shift()!;
		tree.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return tree;
}

export interface MemorySample {
	/** Highest sum of VmRSS over the tree at one sample (MiB). */
	peakTreeMiB: number;
	/** The root process's VmHWM at the last sample that saw it (MiB): its peak since start. */
	rootHwmMiB: number;
	/** Highest VmRSS of each process seen, by command (MiB). */
	byProcess: Map<string, number>;
	samples: number;
}

/** Samples a process tree every `everyMs` until stopped. */
export class TreeSampler {
	private timer?: NodeJS.Timeout;
	private readonly result: MemorySample = {
		peakTreeMiB: 0,
		rootHwmMiB: 0,
		byProcess: new Map(),
		samples: 0,
	};

	constructor(
		private readonly root: number,
		private readonly everyMs = 100,
	) {}

	sample(): number {
		let sum = 0;
		for (const pid of processTree(this.root)) {
			const rss = statusKb(pid, 'VmRSS') / 1024;
			sum += rss;
			const label = `${pid} ${commandLine(pid).slice(0, 3).join(' ').slice(-60)}`;
			this.result.byProcess.set(label, Math.max(this.result.byProcess.get(label) ?? 0, rss));
		}
		const hwm = statusKb(this.root, 'VmHWM') / 1024;
		if (hwm) this.result.rootHwmMiB = hwm;
		this.result.peakTreeMiB = Math.max(this.result.peakTreeMiB, sum);
		this.result.samples++;
		return sum;
	}

	start(): this {
		this.sample();
		this.timer = setInterval(() => this.sample(), this.everyMs);
		return this;
	}

	stop(): MemorySample {
		if (this.timer) clearInterval(this.timer);
		this.sample();
		return this.result;
	}
}
