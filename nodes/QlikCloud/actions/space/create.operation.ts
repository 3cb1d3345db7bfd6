import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SPACE_NAME_FORBIDDEN, SPACE_TYPE_OPTIONS, SPACE_TYPES } from '../../shared/descriptions';
import type { OperationSpec } from '../../shared/types';
import { TIER_2 } from '../../shared/types';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Finance (dev)',
		description: 'Unique name of the space, up to 256 characters, without " * ? &lt; &gt; / | \\ :',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		required: true,
		default: 'shared',
		options: SPACE_TYPE_OPTIONS,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'More Attributes (JSON)',
				name: 'json',
				type: 'json',
				default: '{}',
				description: 'Further attributes Qlik Cloud accepts for a new space, as a JSON object',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['create'] } },
	properties,
);

export const operation: OperationSpec = {
	method: 'POST',
	path: '/api/v1/spaces',
	tier: TIER_2,
	body: {
		kind: 'json',
		fields: [
			{
				name: 'name',
				label: 'Name',
				type: 'string',
				required: true,
				maxLength: 256,
				forbiddenCharacters: SPACE_NAME_FORBIDDEN,
			},
			{ name: 'type', label: 'Type', type: 'string', required: true, enum: SPACE_TYPES },
			{
				name: 'description',
				param: 'additionalFields.description',
				label: 'Description',
				type: 'string',
			},
			{
				name: 'json',
				param: 'additionalFields.json',
				label: 'More Attributes (JSON)',
				type: 'object',
				spread: true,
			},
		],
	},
	response: { kind: 'object' },
};
