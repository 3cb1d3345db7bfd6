import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationExtension } from '../../shared/resource';
import { logTail, pollUntil, waitProperties } from '../../shared/wait';
import { api } from '../api';
import { executeOperation } from '../executor';

/** Qlik's clock and ours may differ a little: a run that began this much before the start counts. */
const SKEW_MS = 5000;

/** Start a scheduling task, then (by default) wait for the run it started to end. */
export const startAndWait: OperationExtension = {
	properties: waitProperties('task run'),
	async execute(spec, i, settings) {
		const startedAt = Date.now();
		const [started] = await executeOperation.call(this, spec, i, settings);
		if (!this.getNodeParameter('waitForCompletion', i, true)) return [started];
		const id = String(
			this.getNodeParameter('schedulingTaskId', i, '', { extractValue: true }),
		).trim();
		const timeoutSeconds = this.getNodeParameter('waitTimeout', i, 900) as number;
		const ours = (run?: IDataObject) =>
			!!run && Date.parse(String(run.startedAt ?? '')) >= startedAt - SKEW_MS;
		const { value: run, timedOut } = await pollUntil(
			async (): Promise<IDataObject | undefined> => {
				try {
					const answer = await api.schedulingTask.getLastRun.call(
						this,
						{ path: { id } },
						settings,
						{ itemIndex: i, subject: `Scheduling task "${id}"` },
					);
					return answer.body as IDataObject;
				} catch (error) {
					// No run recorded yet.
					if (error instanceof NodeApiError && String(error.httpCode) === '404') return undefined;
					if (error instanceof NodeOperationError) {
						throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
					}
					throw new NodeApiError(this.getNode(), error as JsonObject);
				}
			},
			(r) => ours(r) && r!.status !== 'RUNNING',
			{ timeoutMs: timeoutSeconds * 1000, signal: settings.signal },
		);
		if (timedOut || !run) {
			throw new NodeOperationError(
				this.getNode(),
				`The run of scheduling task ${id} had not ended after ${timeoutSeconds} s`,
				{
					itemIndex: i,
					description:
						'The task goes on in Qlik Cloud. Raise "Timeout (Seconds)", or look at it later with Scheduling Task → Get Last Run.',
				},
			);
		}
		if (run.status !== 'SUCCEEDED') {
			throw new NodeOperationError(
				this.getNode(),
				`The run ${String(run.id)} of scheduling task ${id} ended ${String(run.status)}`,
				{ itemIndex: i, description: logTail(run.log) ?? 'Qlik Cloud returned no run log.' },
			);
		}
		return [{ json: run, pairedItem: { item: i } }];
	},
};
