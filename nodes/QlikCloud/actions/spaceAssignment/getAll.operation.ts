import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { ASSIGNMENT_TYPE_OPTIONS, ASSIGNMENT_TYPES } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assignee ID',
				name: 'assigneeId',
				type: 'string',
				default: '',
				description: 'Only the assignment of this user or group',
			},
			{
				displayName: 'Assignee Type',
				name: 'type',
				type: 'options',
				default: 'user',
				options: ASSIGNMENT_TYPE_OPTIONS,
				description: 'Only assignments of users, or only of groups',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceAssignment'], operation: ['getAll'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceAssignment', 'getAll'),
	pathParams: [SPACE_ID],
	query: [
		{ name: 'assigneeId', param: 'filters.assigneeId', label: 'Assignee ID', type: 'string' },
		{
			name: 'type',
			param: 'filters.type',
			label: 'Assignee Type',
			type: 'string',
			enum: ASSIGNMENT_TYPES,
		},
	],
};
