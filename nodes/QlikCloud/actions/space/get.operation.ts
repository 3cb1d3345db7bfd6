import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import type { OperationSpec } from '../../shared/types';
import { TIER_1 } from '../../shared/types';
import { SPACE_ID } from './common';

const properties: INodeProperties[] = [spaceLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['get'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'GET',
	path: '/api/v1/spaces/{spaceId}',
	tier: TIER_1,
	pathParams: [SPACE_ID],
	response: { kind: 'object' },
};
