import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';
import { SPACE_ID } from './common';

const properties: INodeProperties[] = [spaceLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['delete'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'DELETE',
	path: '/api/v1/spaces/{spaceId}',
	tier: TIER_2,
	pathParams: [SPACE_ID],
	response: { kind: 'empty', output: { deleted: true } },
};
