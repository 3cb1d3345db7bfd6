import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID, spaceAttributeFields, spaceAttributeOptions } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	{
		displayName: 'Space Attributes',
		name: 'attributes',
		type: 'collection',
		placeholder: 'Add Attribute',
		default: {},
		description: 'Sent together in one PUT: attributes left out may be cleared by Qlik Cloud',
		options: spaceAttributeOptions,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['replace'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('space', 'replace'),
	pathParams: [SPACE_ID],
	body: { kind: 'json', fields: spaceAttributeFields('attributes'), required: true },
};
