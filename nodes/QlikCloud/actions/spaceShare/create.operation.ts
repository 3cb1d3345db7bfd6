import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assigneeLocator, spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { SHARE_ROLE_OPTIONS, SHARE_ROLES, SHARE_TYPE_OPTIONS, SHARE_TYPES } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	{
		displayName: 'Assignee Type',
		name: 'type',
		type: 'options',
		default: 'user',
		options: SHARE_TYPE_OPTIONS,
		description: 'Who the item is shared with: a user, a group or a link',
	},
	assigneeLocator,
	{
		displayName: 'Resource ID',
		name: 'resourceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3ff7b2a8-1c59-4ae8-a8e5-8f6c7e0a8f51',
		description: 'ID of the item in the space to share, such as an app',
	},
	{
		displayName: 'Resource Type',
		name: 'resourceType',
		type: 'string',
		required: true,
		default: 'app',
		description: 'Type of the shared item, such as app',
	},
	{
		displayName: 'Roles',
		name: 'roles',
		type: 'multiOptions',
		required: true,
		default: ['consumer'],
		options: SHARE_ROLE_OPTIONS,
		description: 'What the assignee may do with the shared item',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceShare'], operation: ['create'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceShare', 'create'),
	pathParams: [SPACE_ID],
	body: {
		kind: 'json',
		fields: [
			{ name: 'type', label: 'Assignee Type', type: 'string', required: true, enum: SHARE_TYPES },
			{ name: 'assigneeId', label: 'Assignee', type: 'string', required: true },
			{ name: 'resourceId', label: 'Resource ID', type: 'string', required: true },
			{ name: 'resourceType', label: 'Resource Type', type: 'string', required: true },
			{ name: 'roles', label: 'Roles', type: 'array', required: true, enum: SHARE_ROLES },
		],
	},
};
