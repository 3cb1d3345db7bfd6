import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchSizeProperty, idProperty, readId, runBatches } from '../../shared/batch';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';
import { spaceScopeProperties } from './common';

const EXAMPLE = 'ee6a390c-5d33-11e8-9c2d-fa7ae01bbebc';

const properties: INodeProperties[] = [
	idProperty({
		name: 'dataFileId',
		displayName: 'Data File ID',
		what: 'data file',
		example: EXAMPLE,
	}),
	...spaceScopeProperties('Move the files').map((p) =>
		p.name === 'spaceScope'
			? { ...p, displayName: 'Move To', description: "Personal space: the owner's personal space" }
			: { ...p, displayName: 'Target Space' },
	),
	batchSizeProperty('files'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataFile'], operation: ['changeSpaceMany'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'POST',
	path: '/api/v1/data-files/actions/change-space',
	tier: TIER_2,
	response: { kind: 'object' },
	async executeAll(spec, settings) {
		return await runBatches(this, settings, {
			subject: 'Data file',
			method: spec.method,
			path: spec.path,
			tier: spec.tier,
			read: (i) => {
				const id = readId(this, 'dataFileId', 'Data File ID', i, EXAMPLE);
				const personal = this.getNodeParameter('spaceScope', i, 'space') === 'personal';
				const spaceId = personal
					? null
					: readId(this, 'spaceId', 'Target Space', i, '62716f4b39b865ece543cd45');
				return { id, spaceId };
			},
			body: (entries) => ({
				'change-space': entries.map((e) => ({ id: e.id, spaceId: e.spaceId })),
			}),
			output: (entry) => ({ id: entry.id, spaceId: entry.spaceId, moved: true }),
		});
	},
};
