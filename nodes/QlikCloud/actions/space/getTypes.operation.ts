import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['getTypes'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('space', 'getTypes'),
	response: { kind: 'list', maxPageSize: 100, single: true, valueKey: 'name' },
};
