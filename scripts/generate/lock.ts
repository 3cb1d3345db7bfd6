/**
 * Lock stage of the generator. Resource and operation values are saved in users' workflows, so
 * once an endpoint has values they are kept in `values.lock.json` (endpoint → values) and
 * change only through a rename entry, whose old value keeps running as the new one. A new
 * endpoint gets its values by rule and a new entry.
 */
import * as fs from 'fs';
import * as path from 'path';

export const LOCK_FILE = path.join(__dirname, 'values.lock.json');

export interface Values {
	resource: string;
	operation: string;
}

/** A resource value renamed (`operation` absent), or an operation value of a resource renamed. */
export interface Rename {
	/** The resource: for an operation rename, its current value. */
	resource: string;
	/** The old operation value. */
	operation?: string;
	/** The new value (of the resource, or of the operation). */
	to: string;
}

export interface Lock {
	/** Old → new, oldest first; never removed (an old value keeps working). */
	renames: Rename[];
	/** `METHOD path` → its values. */
	endpoints: Record<string, Values>;
}

export interface Resolution {
	/** Endpoint → the values its row gets. */
	values: Map<string, Values>;
	/** The lock as it should be committed. */
	lock: Lock;
	/** Lock entries to add or update: `npm run generate` writes them. */
	pending: string[];
	/** Unrecorded changes, removed endpoints, bad renames: a person must decide. */
	problems: string[];
}

/** Old values that still run: resource → new resource; resource → old operation → new. */
export interface Aliases {
	resources: Record<string, string>;
	operations: Record<string, Record<string, string>>;
}

export function readLock(file = LOCK_FILE): Lock {
	if (!fs.existsSync(file)) return { renames: [], endpoints: {} };
	return JSON.parse(fs.readFileSync(file, 'utf8')) as Lock;
}

const HOW_TO_RENAME = 'scripts/generate/values.lock.json ("renames"), then run npm run generate';

/** Follows renames from `value` to the newest value (a chain a → b → c gives c). */
function follow(value: string, renames: Map<string, string>): string {
	let current = value;
	for (let i = 0; i < renames.size && renames.has(current); i++) current = renames.get(current)!;
	return current;
}

function renameMaps(lock: Lock): {
	resources: Map<string, string>;
	operations: Map<string, Map<string, string>>;
} {
	const resources = new Map<string, string>();
	const operations = new Map<string, Map<string, string>>();
	for (const r of lock.renames) {
		if (r.operation === undefined) {
			resources.set(r.resource, r.to);
			continue;
		}
		const map = operations.get(r.resource) ?? new Map<string, string>();
		map.set(r.operation, r.to);
		operations.set(r.resource, map);
	}
	return { resources, operations };
}

/** Where a saved pair of values runs now, through the lock's renames. */
function current(saved: Values, lock: ReturnType<typeof renameMaps>): Values {
	const resource = follow(saved.resource, lock.resources);
	const ops = lock.operations.get(resource) ?? new Map<string, string>();
	return { resource, operation: follow(saved.operation, ops) };
}

const show = (v: Values) => `${v.resource}.${v.operation}`;

/**
 * The values of every endpoint: the lock's (through its renames) where it has the endpoint, the
 * rules' for a new one. `ruled` is endpoint → values by rule, in the order rows are written.
 */
export function resolveValues(ruled: Map<string, Values>, lock: Lock): Resolution {
	const maps = renameMaps(lock);
	const values = new Map<string, Values>();
	const endpoints: Record<string, Values> = {};
	const pending: string[] = [];
	const problems: string[] = [];
	for (const [endpoint, rule] of ruled) {
		const locked = lock.endpoints[endpoint];
		if (!locked) {
			values.set(endpoint, rule);
			endpoints[endpoint] = rule;
			pending.push(`${endpoint}: new endpoint, locked as ${show(rule)}`);
			continue;
		}
		const now = current(locked, maps);
		values.set(endpoint, now);
		endpoints[endpoint] = now;
		if (now.resource === rule.resource && now.operation === rule.operation) {
			if (now.resource !== locked.resource || now.operation !== locked.operation)
				pending.push(`${endpoint}: renamed ${show(locked)} → ${show(now)}`);
			continue;
		}
		const entry =
			now.resource !== rule.resource
				? `{ "resource": "${now.resource}", "to": "${rule.resource}" }`
				: `{ "resource": "${now.resource}", "operation": "${now.operation}", "to": "${rule.operation}" }`;
		problems.push(
			`${endpoint}: the naming rules now give ${show(rule)}, the lock holds ${show(now)}. ` +
				`Saved workflows hold the locked value: to keep it, give the endpoint its old name in ` +
				`scripts/generate/config.ts (or undo the rule change); to rename it, add ${entry} to ${HOW_TO_RENAME}.`,
		);
	}
	for (const [endpoint, locked] of Object.entries(lock.endpoints)) {
		if (ruled.has(endpoint)) continue;
		endpoints[endpoint] = locked;
		problems.push(
			`${endpoint} (${show(locked)}) is locked but no longer in Qlik's specs: Qlik removed it. ` +
				`Saved workflows that use it will fail; remove its entry from scripts/generate/values.lock.json ` +
				`and say so in the release notes.`,
		);
	}
	problems.push(...renameProblems(lock, [...values.values()]));
	return { values, lock: { renames: lock.renames, endpoints }, pending, problems };
}

/** A rename must lead (through later renames) to a value that exists, from one that does not. */
function renameProblems(lock: Lock, values: Values[]): string[] {
	const maps = renameMaps(lock);
	const resources = new Set(values.map((v) => v.resource));
	const operations = new Set(values.map(show));
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const r of lock.renames) {
		const isResource = r.operation === undefined;
		const from = isResource ? r.resource : `${r.resource}.${r.operation}`;
		const to = isResource ? r.to : `${r.resource}.${r.to}`;
		if (seen.has(from)) problems.push(`rename ${from}: renamed twice; keep one entry`);
		seen.add(from);
		const ops = maps.operations.get(r.resource) ?? new Map<string, string>();
		const exists = isResource
			? resources.has(follow(r.to, maps.resources))
			: operations.has(`${r.resource}.${follow(r.to, ops)}`);
		if (!exists)
			problems.push(
				`rename ${from} → ${to}: "${to}" does not exist (an operation rename names its resource by the current value)`,
			);
		if (isResource ? resources.has(r.resource) : operations.has(from))
			problems.push(
				`rename ${from} → ${to}: "${from}" is a current value, so a saved workflow would be ambiguous`,
			);
	}
	return problems;
}

/** The lock's renames as lookups, each old value mapped to the newest one. */
export function aliasesOf(lock: Lock): Aliases {
	const maps = renameMaps(lock);
	const resources: Record<string, string> = {};
	for (const old of maps.resources.keys()) resources[old] = follow(old, maps.resources);
	const operations: Record<string, Record<string, string>> = {};
	for (const [resource, ops] of maps.operations) {
		operations[resource] = {};
		for (const old of ops.keys()) operations[resource][old] = follow(old, ops);
	}
	return { resources, operations };
}

/**
 * The first value of a resource or operation, before its renames: parameter names derived from
 * a value (`workflowId`, an `updateFields` collection) come from it, so a rename keeps them.
 */
export function firstValues(lock: Lock): {
	resource: (value: string) => string;
	operation: (resource: string, value: string) => string;
} {
	const back = (pairs: Array<[string, string]>) => new Map(pairs.map(([from, to]) => [to, from]));
	const maps = renameMaps(lock);
	const resources = back([...maps.resources]);
	return {
		resource: (value) => follow(value, resources),
		operation: (resource, value) =>
			follow(value, back([...(maps.operations.get(resource) ?? new Map<string, string>())])),
	};
}
