import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	optionsCollection,
	SPACE_ROLE_OPTIONS,
	SPACE_ROLES,
	spaceLocator,
} from '../../shared/descriptions';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { ASSIGNMENT_ID, assignmentLocator } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	assignmentLocator,
	{
		displayName: 'Roles',
		name: 'roles',
		type: 'multiOptions',
		required: true,
		default: [],
		options: SPACE_ROLE_OPTIONS,
		description: 'The roles the assignee has from now on (they replace the current ones)',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceAssignment'], operation: ['update'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'PUT',
	path: '/api/v1/spaces/{spaceId}/assignments/{assignmentId}',
	tier: TIER_2,
	pathParams: [SPACE_ID, ASSIGNMENT_ID],
	body: {
		kind: 'json',
		fields: [{ name: 'roles', label: 'Roles', type: 'array', required: true, enum: SPACE_ROLES }],
	},
	response: { kind: 'object' },
};
