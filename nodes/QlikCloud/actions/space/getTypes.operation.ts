import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationSpec } from '../../shared/types';
import { TIER_1 } from '../../shared/types';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['getTypes'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'GET',
	path: '/api/v1/spaces/types',
	tier: TIER_1,
	response: { kind: 'list', maxPageSize: 100, single: true, valueKey: 'name' },
};
