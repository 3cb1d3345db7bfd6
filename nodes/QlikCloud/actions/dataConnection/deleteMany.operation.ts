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

export const operation = batchOperation(rowFacts('dataConnection', 'deleteMany'), (ctx, settings) =>
	entryBatch(ctx, settings, {
		subject: 'Data connection',
		operation: api.dataConnection.deleteMany,
		read: (i) => ({
			id: readId(ctx, 'connectionId', 'Data Connection ID', i, CONNECTION_EXAMPLE),
		}),
		body: (entries) => ({ connections: entries.map((e) => ({ id: e.id })) }),
		output: (entry) => ({ id: entry.id, deleted: true }),
	}),
);
