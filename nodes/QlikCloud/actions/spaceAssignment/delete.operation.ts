import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { ASSIGNMENT_ID, assignmentLocator } from './common';

const properties: INodeProperties[] = [spaceLocator, assignmentLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceAssignment'], operation: ['delete'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceAssignment', 'delete'),
	pathParams: [SPACE_ID, ASSIGNMENT_ID],
};
