import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID, spaceAttributeFields, spaceAttributeOptions } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: spaceAttributeOptions,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['update'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('space', 'update'),
	pathParams: [SPACE_ID],
	body: { kind: 'jsonPatch', fields: spaceAttributeFields('updateFields') },
};
