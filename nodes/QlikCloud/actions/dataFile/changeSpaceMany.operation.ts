import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	batchOperation,
	batchSizeProperty,
	entryBatch,
	idProperty,
	readId,
} from '../../shared/batch';
import { rowFacts } from '../../shared/rows';
import { api } from '../api';
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

export const operation = batchOperation(rowFacts('dataFile', 'changeSpaceMany'), (ctx, settings) =>
	entryBatch(ctx, settings, {
		subject: 'Data file',
		operation: api.dataFile.changeSpaceMany,
		read: (i) => {
			const id = readId(ctx, 'dataFileId', 'Data File ID', i, EXAMPLE);
			const personal = ctx.getNodeParameter('spaceScope', i, 'space') === 'personal';
			const spaceId = personal
				? null
				: readId(ctx, 'spaceId', 'Target Space', i, '62716f4b39b865ece543cd45');
			return { id, spaceId };
		},
		body: (entries) => ({
			'change-space': entries.map((e) => ({ id: e.id, spaceId: e.spaceId })),
		}),
		output: (entry) => ({ id: entry.id, spaceId: entry.spaceId, moved: true }),
	}),
);
