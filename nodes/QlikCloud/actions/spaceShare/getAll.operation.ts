import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { SHARE_TYPE_OPTIONS, SHARE_TYPES } from './common';

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
				displayName: 'Assignee Type',
				name: 'type',
				type: 'options',
				default: 'user',
				options: SHARE_TYPE_OPTIONS,
				description: 'Only shares with this kind of assignee',
			},
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				description: 'Only shares with this group',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only shares whose assignee has this name',
			},
			{
				displayName: 'Resource ID',
				name: 'resourceId',
				type: 'string',
				default: '',
				description: 'Only shares of this item',
			},
			{
				displayName: 'Resource Type',
				name: 'resourceType',
				type: 'string',
				default: '',
				placeholder: 'e.g. app',
				description: 'Only shares of items of this type',
			},
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				description: 'Only shares with this user',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceShare'], operation: ['getAll'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceShare', 'getAll'),
	pathParams: [SPACE_ID],
	query: [
		{
			name: 'type',
			param: 'filters.type',
			label: 'Assignee Type',
			type: 'string',
			enum: SHARE_TYPES,
		},
		{ name: 'groupId', param: 'filters.groupId', label: 'Group ID', type: 'string' },
		{ name: 'name', param: 'filters.name', label: 'Name', type: 'string' },
		{ name: 'resourceId', param: 'filters.resourceId', label: 'Resource ID', type: 'string' },
		{ name: 'resourceType', param: 'filters.resourceType', label: 'Resource Type', type: 'string' },
		{ name: 'userId', param: 'filters.userId', label: 'User ID', type: 'string' },
	],
};
