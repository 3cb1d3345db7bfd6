import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SPACE_TYPE_OPTIONS, SPACE_TYPES } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_DESCRIPTION_HELP, SPACE_NAME_HELP, spaceNameField } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Finance (dev)',
		description: SPACE_NAME_HELP,
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		required: true,
		default: 'shared',
		options: SPACE_TYPE_OPTIONS,
		description: 'The type of the space; it cannot change later',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: SPACE_DESCRIPTION_HELP,
			},
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
	...rowFacts('space', 'create'),
	body: {
		kind: 'json',
		fields: [
			spaceNameField({ required: true }),
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
};
