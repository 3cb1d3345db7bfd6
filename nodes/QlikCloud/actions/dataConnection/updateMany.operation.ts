import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	batchOperation,
	batchSizeProperty,
	checkId,
	entryBatch,
	idProperty,
	readId,
} from '../../shared/batch';
import { rowFacts } from '../../shared/rows';
import { api } from '../api';
import { CONNECTION_EXAMPLE } from './common';

const SPACE_TYPES = ['personal', 'shared', 'managed', 'data'];

const properties: INodeProperties[] = [
	idProperty({
		name: 'connectionId',
		displayName: 'Data Connection ID',
		what: 'data connection',
		example: CONNECTION_EXAMPLE,
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the data connection',
			},
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				description: 'User ID of the new owner (credentials are not handed over)',
			},
			{
				displayName: 'Space ID',
				name: 'spaceId',
				type: 'string',
				default: '',
				description: 'The space to move the connection to; needs Space Type',
			},
			{
				displayName: 'Space Type',
				name: 'spaceType',
				type: 'options',
				default: 'shared',
				options: SPACE_TYPES.map((value) => ({
					name: value.charAt(0).toUpperCase() + value.slice(1),
					value,
				})),
				description:
					'The type of the target space (personal moves it to the owner’s personal space)',
			},
		],
	},
	batchSizeProperty('connections'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataConnection'], operation: ['updateMany'] } },
	properties,
);

export const operation = batchOperation(rowFacts('dataConnection', 'updateMany'), (ctx, settings) =>
	entryBatch(ctx, settings, {
		subject: 'Data connection',
		operation: api.dataConnection.updateMany,
		read: (i) => {
			const id = readId(ctx, 'connectionId', 'Data Connection ID', i, CONNECTION_EXAMPLE);
			const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
			const entry: IDataObject & { id: string } = { id };
			const name = String(fields.name ?? '').trim();
			if (name) entry.name = name;
			const ownerId = String(fields.ownerId ?? '').trim();
			if (ownerId)
				entry.ownerId = checkId(ctx, ownerId, 'Owner ID', i, '6K9xjsItDexffSlu5vg1oWYkY8x7f-06');
			if (fields.spaceType === 'personal') {
				entry.spaceId = '';
				entry.spaceType = 'personal';
			} else if (String(fields.spaceId ?? '').trim()) {
				entry.spaceId = checkId(ctx, fields.spaceId, 'Space ID', i, '611bcebaeec1203d88211ac4');
				entry.spaceType = String(fields.spaceType ?? 'shared');
			}
			if (Object.keys(entry).length === 1) {
				throw new NodeOperationError(ctx.getNode(), 'Nothing to update: "Update Fields" is empty', {
					itemIndex: i,
					description: 'Add a name, owner or space under "Update Fields".',
				});
			}
			return entry;
		},
		body: (entries) => ({ connections: entries }),
		output: (entry) => ({ ...entry, updated: true }),
	}),
);
