/**
 * Starting a scheduling task (scheduling-tasks.json) makes a run that is RUNNING for a while
 * (option `reloadTimes`) and then SUCCEEDED or FAILED (`sim.events.setReloadOutcome(taskId, …)`),
 * with a log; `runs/last` answers the newest. The tasks themselves live in the generic store.
 */
import { randomUUID } from 'node:crypto';

import { ApiError } from '../errors';
import { eventState } from '../events';
import type { Route, RouteContext } from '../types';

const TASKS = '/api/scheduling/tasks';

function task(ctx: RouteContext) {
	const found = ctx.core.state.generic.items.get(TASKS)?.get(ctx.params.id);
	if (!found) throw new ApiError(404, 'TASK-404', 'Not found', `No task with ID ${ctx.params.id}.`);
	return found;
}

export const schedulingRunRoutes: Route[] = [
	{
		method: 'POST',
		path: `${TASKS}/{id}/actions/start`,
		tier: '2',
		limit: 100,
		handler(ctx) {
			const record = task(ctx);
			const times = ctx.core.options.reloadTimes ?? { queuedMs: 200, runningMs: 600 };
			const now = Date.now();
			const runs = eventState(ctx.core).runs;
			const list = runs.get(record.id as string) ?? [];
			list.push({
				id: randomUUID(),
				taskId: String(record.id),
				taskName: String(record.name ?? ''),
				startedAt: now,
				endAt: now + times.queuedMs + times.runningMs,
				outcome: eventState(ctx.core).reloadOutcomes.get(String(record.id)) ?? 'SUCCEEDED',
				triggeredBy: typeof ctx.query.source === 'string' ? ctx.query.source : 'manual',
			});
			runs.set(String(record.id), list);
			return { status: 200, body: { message: 'Task started successfully' } };
		},
	},
	{
		method: 'GET',
		path: `${TASKS}/{id}/runs/last`,
		tier: '1',
		handler(ctx) {
			const record = task(ctx);
			const run = eventState(ctx.core).runs.get(String(record.id))?.at(-1);
			if (!run) throw new ApiError(404, 'TASK-404', 'Not found', 'The task has not run yet.');
			const ended = Date.now() >= run.endAt;
			const status = ended ? (run.outcome === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED') : 'RUNNING';
			return {
				status: 200,
				body: {
					id: run.id,
					taskId: run.taskId,
					taskName: run.taskName,
					actionId: 'reload',
					status,
					startedAt: new Date(run.startedAt).toISOString(),
					...(ended ? { endedAt: new Date(run.endAt).toISOString() } : {}),
					workerId: 'sim-worker',
					workerType: 'reload',
					triggeredBy: run.triggeredBy,
					log: [
						'Task run started',
						...(ended
							? [status === 'SUCCEEDED' ? 'Task run finished' : 'Error: the reload step failed']
							: []),
					].join('\n'),
				},
			};
		},
	},
];
