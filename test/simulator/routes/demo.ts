/**
 * Not a Qlik API: a place for example workflows to post notifications to on the simulated
 * tenant (instead of Slack or Teams), which the demo prints.
 */
import { eventState } from '../events';
import type { Route } from '../types';

export const demoRoutes: Route[] = [
	{
		method: 'POST',
		path: '/demo/notifications',
		tier: '1',
		auth: false,
		rateLimited: false,
		handler(ctx) {
			eventState(ctx.core).notifications.push({
				receivedAt: new Date().toISOString(),
				body: ctx.body,
			});
			return { status: 200, body: { received: true } };
		},
	},
	{
		method: 'GET',
		path: '/demo/notifications',
		tier: '1',
		auth: false,
		rateLimited: false,
		handler: (ctx) => ({ status: 200, body: { data: eventState(ctx.core).notifications } }),
	},
];
