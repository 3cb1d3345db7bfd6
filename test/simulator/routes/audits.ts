/**
 * GET /api/v1/audits (audits.json): every event the simulator emitted (reloads ending, files
 * uploaded, spaces created, apps published), filtered by `eventType`, `source`, `userId`, `id`
 * and an `eventTime` interval `from/to`, sorted by `eventTime`, `eventType` or `source`
 * (default `-eventTime`), in cursor pages of at most 100. Other audit routes stay generic.
 */
import { invalid } from '../errors';
import { eventState, type AuditRecord } from '../events';
import { paginate, queryValue, sortItems } from '../paging';
import type { Route, RouteContext } from '../types';

const C = 'AUDITS';

function interval(ctx: RouteContext): [number, number] | undefined {
	const raw = queryValue(ctx, 'eventTime');
	if (raw === undefined) return undefined;
	const [from, to] = raw.split('/').map((t) => Date.parse(t));
	if (raw.split('/').length !== 2 || Number.isNaN(from) || Number.isNaN(to))
		throw invalid(`${C}-400`, 'eventTime must be two ISO 8601 times separated by "/".', {
			parameter: 'eventTime',
		});
	return [from, to];
}

function view(a: AuditRecord, ctx: RouteContext) {
	return { ...a, links: { self: { href: `${ctx.baseUrl}/api/v1/audits/${a.id}` } } };
}

export const auditRoutes: Route[] = [
	{
		method: 'GET',
		path: '/api/v1/audits',
		tier: 'special',
		limit: 1000,
		handler(ctx) {
			const range = interval(ctx);
			const equal = (name: 'eventType' | 'source' | 'userId', a: AuditRecord) => {
				const wanted = queryValue(ctx, name);
				return wanted === undefined || a[name] === wanted;
			};
			const ids = queryValue(ctx, 'id')?.split(',');
			let items = eventState(ctx.core).audits.filter((a) => {
				const time = Date.parse(a.eventTime);
				return (
					equal('eventType', a) &&
					equal('source', a) &&
					equal('userId', a) &&
					(!ids || ids.includes(a.id)) &&
					(!range || (time >= range[0] && time <= range[1]))
				);
			});
			items = sortItems(
				ctx,
				items,
				{
					eventTime: (a) => a.eventTime,
					eventType: (a) => a.eventType,
					source: (a) => a.source,
				},
				'-eventTime',
				C,
			);
			const page = paginate({ ctx, items, defaultLimit: 10, maxLimit: 100, code: C });
			return { status: 200, body: { data: page.data.map((a) => view(a, ctx)), links: page.links } };
		},
	},
];
