import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchSizeProperty, idProperty, readId, runBatches } from '../../shared/batch';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';
import { CONNECTION_EXAMPLE } from './common';

const properties: INodeProperties[] = [
	idProperty({
		name: 'connectionId',
		displayName: 'Data Connection ID',
		what: 'data connection',
		example: CONNECTION_EXAMPLE,
	}),
	batchSizeProperty('connections'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataConnection'], operation: ['deleteMany'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'POST',
	path: '/api/v1/data-connections/actions/delete',
	tier: TIER_2,
	response: { kind: 'object' },
	async executeAll(spec, settings) {
		return await runBatches(this, settings, {
			subject: 'Data connection',
			method: spec.method,
			path: spec.path,
			tier: spec.tier,
			read: (i) => ({
				id: readId(this, 'connectionId', 'Data Connection ID', i, CONNECTION_EXAMPLE),
			}),
			body: (entries) => ({ connections: entries.map((e) => ({ id: e.id })) }),
			output: (entry) => ({ id: entry.id, deleted: true }),
		});
	},
};
