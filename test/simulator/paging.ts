/** Cursor pagination with absolute links, and sorting, the way Qlik's list endpoints answer. */
import { invalid } from './errors';
import type { RouteContext } from './types';

export interface PageRequest<T> {
	ctx: RouteContext;
	/** Already filtered and sorted. */
	items: T[];
	defaultLimit: number;
	maxLimit: number;
	/** Cursor parameter names, e.g. ['next', 'prev'] or ['page']. */
	cursors?: { next: string; prev?: string };
	/** Error code prefix for 400s (e.g. 'SPACES'). */
	code?: string;
}

export interface Page<T> {
	data: T[];
	links: { self: { href: string }; next?: { href: string }; prev?: { href: string } };
	limit: number;
	offset: number;
	total: number;
}

export function parseLimit(
	ctx: RouteContext,
	defaultLimit: number,
	maxLimit: number,
	code = 'HTTP',
): number {
	const raw = ctx.query.limit;
	if (raw === undefined) return defaultLimit;
	const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
	if (!/^\d+$/.test(text) || Number(text) < 1)
		throw invalid(`${code}-400`, `limit must be an integer from 1 to ${maxLimit}.`, {
			parameter: 'limit',
		});
	const limit = Number(text);
	if (limit > maxLimit)
		throw invalid(`${code}-400`, `limit must not exceed ${maxLimit}, got ${limit}.`, {
			parameter: 'limit',
		});
	return limit;
}

export function paginate<T>(request: PageRequest<T>): Page<T> {
	const { ctx, items } = request;
	const code = request.code ?? 'HTTP';
	const names = request.cursors ?? { next: 'next', prev: 'prev' };
	const limit = parseLimit(ctx, request.defaultLimit, request.maxLimit, code);
	const cursorNames = [names.next, names.prev].filter((n): n is string => !!n);
	// Everything but the cursors and limit is part of what the cursor is valid for.
	const kept = Object.entries(ctx.query).filter(([k]) => !cursorNames.includes(k));
	const scope =
		ctx.path +
		JSON.stringify(kept.filter(([k]) => k !== 'limit').sort(([a], [b]) => (a < b ? -1 : 1)));

	const given = cursorNames.filter((n) => ctx.query[n] !== undefined);
	if (given.length > 1)
		throw invalid(`${code}-400`, `Send only one of ${cursorNames.join(' and ')}.`, {
			parameter: given[1],
		});
	let offset = 0;
	if (given.length === 1) {
		const raw = ctx.query[given[0]];
		offset = ctx.core.readCursor(Array.isArray(raw) ? raw[0] : raw, scope, given[0]);
	}
	offset = Math.min(offset, items.length);
	const data = items.slice(offset, offset + limit);

	const href = (cursor?: [string, string]) => {
		const params = new URLSearchParams();
		for (const [k, v] of kept) {
			if (k === 'limit') continue;
			for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
		}
		params.set('limit', String(limit));
		if (cursor) params.set(cursor[0], cursor[1]);
		return `${ctx.baseUrl}${ctx.path}?${params.toString()}`;
	};
	const links: Page<T>['links'] = {
		self: { href: `${ctx.baseUrl}${ctx.url.pathname}${ctx.url.search}` },
	};
	if (offset + limit < items.length)
		links.next = { href: href([names.next, ctx.core.cursor(offset + limit, scope)]) };
	if (offset > 0 && names.prev)
		links.prev = { href: href([names.prev, ctx.core.cursor(Math.max(0, offset - limit), scope)]) };
	return { data, links, limit, offset, total: items.length };
}

export type Getter<T> = (item: T) => string | number | boolean | undefined;

/**
 * Sorts by a `sort` query value like '+name,-createdAt'. Unknown fields → 400 naming `sort`.
 * Ties keep the store's (creation) order.
 */
export function sortItems<T>(
	ctx: RouteContext,
	items: T[],
	fields: Record<string, Getter<T>>,
	defaultSort: string | undefined,
	code = 'HTTP',
): T[] {
	const raw = ctx.query.sort;
	const text = raw === undefined ? defaultSort : Array.isArray(raw) ? raw.join(',') : raw;
	if (!text) return items;
	const keys = text.split(',').map((part) => {
		const m = /^\s*([+-]?)([A-Za-z_.]+)\s*$/.exec(part);
		const getter = m && fields[m[2]];
		if (!m || !getter)
			throw invalid(
				`${code}-400`,
				`Cannot sort by "${part}". Sort by ${Object.keys(fields).join(', ')}, with + or - in front.`,
				{ parameter: 'sort' },
			);
		return { getter, dir: m[1] === '-' ? -1 : 1 };
	});
	return items
		.map((item, index) => ({ item, index }))
		.sort((a, b) => {
			for (const { getter, dir } of keys) {
				const c = compare(getter(a.item), getter(b.item));
				if (c) return c * dir;
			}
			return a.index - b.index;
		})
		.map(({ item }) => item);
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === undefined || a === null) return 1;
	if (b === undefined || b === null) return -1;
	if (typeof a === 'string' && typeof b === 'string')
		return a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1);
	return a < b ? -1 : 1;
}

/** One query value (the last if repeated). */
export function queryValue(ctx: RouteContext, name: string): string | undefined {
	const raw = ctx.query[name];
	return Array.isArray(raw) ? raw[raw.length - 1] : raw;
}
