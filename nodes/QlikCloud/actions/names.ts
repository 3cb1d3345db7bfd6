/**
 * Spaces, apps and users by name: a resource locator for one of them in its By Name mode holds a
 * name, and the node finds the object with that exact name through the list operation (filtered
 * on the server by name) and uses its ID. A name is never an ID: it goes only into a list's
 * query, and the ID found still passes the one ID rule (`shared/ids.ts`). One execution looks each
 * name up once, however many items use it. No match, or several, fails the item with what to do.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NamedKind } from '../shared/descriptions';
import { BY_NAME_MODE, namedKindOf } from '../shared/descriptions';
import { ID_RULE, isId } from '../shared/ids';
import type { QlikContext, TransportSettings } from '../transport';
import type { ApiOperation } from './api';
import { api } from './api';

/** A locator parameter that can hold a name: `spaceId`, or `filters.ownerId` in a collection. */
export interface NamedLocator {
	param: string;
	kind: NamedKind;
	label: string;
}

interface Lookup {
	/** A space, an app, a user: what the messages call one. */
	noun: string;
	list: () => ApiOperation;
	/** The query that asks the server for objects of this name. */
	query: (name: string) => IDataObject;
	id: (entry: IDataObject) => unknown;
	/** What tells two objects of one name apart: where they are and whose they are. */
	about: (entry: IDataObject) => string;
	/** Where a person finds the right name. */
	where: string;
}

/** A string inside a SCIM filter (`name eq "…"`): a JSON string literal. */
const scimString = (text: string) => JSON.stringify(text);

const LOOKUPS: Record<NamedKind, Lookup> = {
	space: {
		noun: 'space',
		list: () => api.space.getAll,
		query: (name) => ({ name }),
		id: (space) => space.id,
		about: (space) => `${String(space.type)} space, owner ${String(space.ownerId)}`,
		where: 'Space → Get Many, or the From List mode, shows the spaces you can see by name',
	},
	app: {
		noun: 'app',
		list: () => api.item.getAll,
		query: (name) => ({ resourceType: 'app', name }),
		id: (item) => item.resourceId,
		about: (item) =>
			`${item.spaceId ? `space ${String(item.spaceId)}` : 'personal space'}, owner ${String(item.ownerId)}`,
		where: 'App → Get Many, or the From List mode, shows the apps you can see by name',
	},
	user: {
		noun: 'user',
		list: () => api.user.getAll,
		query: (name) => ({ filter: `name eq ${scimString(name)}` }),
		id: (user) => user.id,
		about: (user) => (user.email ? String(user.email) : `subject ${String(user.subject)}`),
		where: 'User → Get Many, or the From List mode, shows the users by name and email',
	},
};

/** At most this many objects are named in a message. */
const LISTED = 10;

function listed(lookup: Lookup, entries: IDataObject[]): string {
	const shown = entries
		.slice(0, LISTED)
		.map((e) => `${String(lookup.id(e))} (${lookup.about(e)})`)
		.join('; ');
	return entries.length > LISTED ? `${shown}; and ${entries.length - LISTED} more` : shown;
}

/** Finds names for one execution (or one list search): each kind and name is asked for once. */
export class NameFinder {
	private readonly found = new Map<string, Promise<IDataObject[]>>();

	constructor(
		private readonly ctx: QlikContext,
		private readonly settings?: TransportSettings,
	) {}

	/** The objects of this kind whose name is this name, ignoring case (one list request). */
	private candidates(kind: NamedKind, name: string, i: number): Promise<IDataObject[]> {
		const key = `${kind}\u0000${name}`;
		let pending = this.found.get(key);
		if (!pending) {
			const lookup = LOOKUPS[kind];
			pending = lookup
				.list()
				.all.call(this.ctx, { qs: lookup.query(name) }, {}, this.settings, {
					itemIndex: i,
					subject: `${lookup.noun}s named "${name}"`,
				})
				.then((entries) =>
					(entries as IDataObject[]).filter(
						(e) => String(e.name ?? '').toLowerCase() === name.toLowerCase(),
					),
				);
			this.found.set(key, pending);
		}
		return pending;
	}

	/** The ID of the one object of this kind with exactly this name. */
	async idOf(locator: NamedLocator, raw: unknown, i: number): Promise<string> {
		const lookup = LOOKUPS[locator.kind];
		const fail = (message: string, description: string) =>
			new NodeOperationError(this.ctx.getNode(), `The "${locator.label}" parameter ${message}`, {
				itemIndex: i,
				description,
			});
		const name = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
		if (name === '') {
			throw fail(
				'has no name',
				`Give the exact name of the ${lookup.noun}, or pick it with From List or By ID.`,
			);
		}
		const alike = await this.candidates(locator.kind, name, i);
		const exact = alike.filter((e) => e.name === name);
		if (exact.length === 0) {
			const near = alike.length
				? ` Names that differ only in case: ${alike.map((e) => `"${String(e.name)}"`).join(', ')}.`
				: '';
			throw fail(
				`names no ${lookup.noun}: none is called "${name}"`,
				`The name must match exactly, case included.${near} ${lookup.where}.`,
			);
		}
		if (exact.length > 1) {
			throw fail(
				`names ${exact.length} ${lookup.noun}s called "${name}"`,
				`Pick one By ID: ${listed(lookup, exact)}.`,
			);
		}
		const id = lookup.id(exact[0]);
		if (typeof id !== 'string' || !isId(id)) {
			throw fail(
				`found a ${lookup.noun} called "${name}" whose ID cannot be used: "${String(id).slice(0, 80)}"`,
				`${ID_RULE}. Pick the ${lookup.noun} By ID instead.`,
			);
		}
		return id;
	}
}

/** Whether a parameter value is a resource locator in its By Name mode. */
export function isByName(value: unknown): value is { __rl: true; mode: string; value: unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as IDataObject).__rl === true &&
		(value as IDataObject).mode === BY_NAME_MODE
	);
}

/** The locators among an operation's fields (at the top or in a collection) that can hold a name. */
export function namedLocators(properties: INodeProperties[]): NamedLocator[] {
	const out = new Map<string, NamedLocator>();
	const add = (p: INodeProperties, param: string) => {
		const kind = namedKindOf(p);
		if (kind && !out.has(param)) out.set(param, { param, kind, label: p.displayName });
	};
	for (const p of properties) {
		add(p, p.name);
		if (p.type !== 'collection') continue;
		for (const o of (p.options ?? []) as INodeProperties[]) add(o, `${p.name}.${o.name}`);
	}
	return [...out.values()];
}

type ParameterReader = IExecuteFunctions['getNodeParameter'];

/**
 * The node's context for these input items with each locator in its By Name mode read as the ID
 * its name names: `getNodeParameter` gives the ID (in a collection, the collection with it), or
 * throws, for the item that reads it, why the name names no one object. Every other call goes to
 * the node's own context.
 */
export async function withNamesFound(
	ctx: IExecuteFunctions,
	finder: NameFinder,
	locators: NamedLocator[],
	indexes: number[],
): Promise<IExecuteFunctions> {
	const found = new Map<number, Map<string, string | Error>>();
	const parameters = ctx.getNode().parameters as IDataObject;
	const at = (value: unknown, key: string | undefined) =>
		key === undefined ? value : (value as IDataObject | null | undefined)?.[key];
	for (const locator of locators) {
		const [top, key] = locator.param.split('.', 2);
		// The mode is never an expression: only a name's value is read for each item.
		if (!isByName(at(parameters[top], key))) continue;
		for (const i of indexes) {
			let id: string | Error;
			try {
				const value = at(ctx.getNodeParameter(top, i, null), key);
				if (!isByName(value)) continue;
				id = await finder.idOf(locator, value.value, i);
			} catch (error) {
				id = error as Error;
			}
			const ids = found.get(i) ?? new Map<string, string | Error>();
			ids.set(locator.param, id);
			found.set(i, ids);
		}
	}
	if (found.size === 0) return ctx;
	const asParameter = (id: string | Error, extract?: boolean) => {
		if (id instanceof Error) throw id;
		return extract ? id : { __rl: true, mode: 'id', value: id };
	};
	const read = ((
		name: string,
		i: number,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	) => {
		const ids = found.get(i);
		const own = ids?.get(name);
		if (own !== undefined) return asParameter(own, options?.extractValue);
		const value = ctx.getNodeParameter(name, i, fallback as never, options);
		const inside = [...(ids ?? [])].filter(([param]) => param.startsWith(`${name}.`));
		if (!inside.length) return value;
		const copy: IDataObject = { ...(value as IDataObject) };
		for (const [param, id] of inside) {
			copy[param.slice(name.length + 1)] = asParameter(id, options?.extractValue) as IDataObject;
		}
		return copy;
	}) as ParameterReader;
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return read;
			const value = Reflect.get(target, property) as unknown;
			return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
		},
	});
}
