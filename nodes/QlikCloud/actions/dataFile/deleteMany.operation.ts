import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchSizeProperty, idProperty, readId, runBatches } from '../../shared/batch';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';

const EXAMPLE = 'ee6a390c-5d33-11e8-9c2d-fa7ae01bbebc';

const properties: INodeProperties[] = [
	idProperty({
		name: 'dataFileId',
		displayName: 'Data File ID',
		what: 'data file',
		example: EXAMPLE,
	}),
	batchSizeProperty('files'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataFile'], operation: ['deleteMany'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'POST',
	path: '/api/v1/data-files/actions/delete',
	tier: TIER_2,
	response: { kind: 'object' },
	async executeAll(spec, settings) {
		return await runBatches(this, settings, {
			subject: 'Data file',
			method: spec.method,
			path: spec.path,
			tier: spec.tier,
			read: (i) => ({ id: readId(this, 'dataFileId', 'Data File ID', i, EXAMPLE) }),
			body: (entries) => ({ delete: entries.map((e) => ({ id: e.id })) }),
			output: (entry) => ({ id: entry.id, deleted: true }),
		});
	},
};
