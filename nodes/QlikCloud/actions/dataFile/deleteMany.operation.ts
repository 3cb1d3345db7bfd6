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

export const operation = batchOperation(rowFacts('dataFile', 'deleteMany'), (ctx, settings) =>
	entryBatch(ctx, settings, {
		subject: 'Data file',
		operation: api.dataFile.deleteMany,
		read: (i) => ({ id: readId(ctx, 'dataFileId', 'Data File ID', i, EXAMPLE) }),
		body: (entries) => ({ delete: entries.map((e) => ({ id: e.id })) }),
		output: (entry) => ({ id: entry.id, deleted: true }),
	}),
);
