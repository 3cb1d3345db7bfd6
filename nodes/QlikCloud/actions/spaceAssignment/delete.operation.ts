import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { ASSIGNMENT_ID, assignmentLocator } from './common';

const properties: INodeProperties[] = [spaceLocator, assignmentLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceAssignment'], operation: ['delete'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'DELETE',
	path: '/api/v1/spaces/{spaceId}/assignments/{assignmentId}',
	tier: TIER_2,
	pathParams: [SPACE_ID, ASSIGNMENT_ID],
	response: { kind: 'empty', output: { deleted: true } },
};
