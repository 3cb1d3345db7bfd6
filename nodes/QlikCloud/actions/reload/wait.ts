import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationExtension } from '../../shared/resource';
import { logTail, pollUntil, waitProperties } from '../../shared/wait';
import { api } from '../api';
import { executeOperation } from '../executor';

const DONE = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXCEEDED_LIMIT']);

/** Reload an app, then (by default) wait for the reload to end; a reload that fails fails the item. */
export const reloadAndWait: OperationExtension = {
	properties: waitProperties('reload'),
	async execute(spec, i, settings) {
		const [started] = await executeOperation.call(this, spec, i, settings);
		if (!this.getNodeParameter('waitForCompletion', i, true)) return [started];
		const id = String(started.json.id);
		const timeoutSeconds = this.getNodeParameter('waitTimeout', i, 900) as number;
		const { value: reload, timedOut } = await pollUntil(
			async () =>
				(
					await api.reload.get.call(this, { path: { reloadId: id } }, settings, {
						itemIndex: i,
						subject: `Reload "${id}"`,
					})
				).body as IDataObject,
			(r) => DONE.has(String(r.status)),
			{ timeoutMs: timeoutSeconds * 1000, signal: settings.signal },
		);
		if (timedOut) {
			throw new NodeOperationError(
				this.getNode(),
				`Reload ${id} is still ${String(reload.status)} after ${timeoutSeconds} s`,
				{
					itemIndex: i,
					description:
						'The reload goes on in Qlik Cloud. Raise "Timeout (Seconds)", or look it up later with Reload → Get.',
				},
			);
		}
		if (reload.status !== 'SUCCEEDED') {
			const reason = [reload.errorCode, reload.errorMessage].filter(Boolean).join(': ');
			throw new NodeOperationError(
				this.getNode(),
				`Reload ${id} of app ${String(reload.appId)} ended ${String(reload.status)}${reason ? ` (${reason})` : ''}`,
				{ itemIndex: i, description: logTail(reload.log) ?? 'Qlik Cloud returned no reload log.' },
			);
		}
		return [{ json: reload, pairedItem: { item: i } }];
	},
};
