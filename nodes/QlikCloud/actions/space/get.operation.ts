import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from './common';

const properties: INodeProperties[] = [spaceLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['get'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('space', 'get'),
	pathParams: [SPACE_ID],
};
