import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { ASSIGNMENT_ID, assignmentLocator, ROLES_FIELD, rolesProperty } from './common';

const properties: INodeProperties[] = [spaceLocator, assignmentLocator, rolesProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceAssignment'], operation: ['update'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceAssignment', 'update'),
	pathParams: [SPACE_ID, ASSIGNMENT_ID],
	body: {
		kind: 'json',
		fields: [ROLES_FIELD],
	},
};
