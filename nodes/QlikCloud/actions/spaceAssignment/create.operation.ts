import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assigneeLocator, spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { ASSIGNMENT_TYPE_OPTIONS, ASSIGNMENT_TYPES, ROLES_FIELD, rolesProperty } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	{
		displayName: 'Assignee Type',
		name: 'type',
		type: 'options',
		default: 'user',
		options: ASSIGNMENT_TYPE_OPTIONS,
		description: 'Whether the member is a user or a group',
	},
	assigneeLocator,
	rolesProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceAssignment'], operation: ['create'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceAssignment', 'create'),
	pathParams: [SPACE_ID],
	body: {
		kind: 'json',
		fields: [
			{
				name: 'type',
				label: 'Assignee Type',
				type: 'string',
				required: true,
				enum: ASSIGNMENT_TYPES,
			},
			{ name: 'assigneeId', label: 'Assignee', type: 'string', required: true },
			ROLES_FIELD,
		],
	},
};
