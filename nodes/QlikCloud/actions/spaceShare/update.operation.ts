import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { spaceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { SPACE_ID } from '../space/common';
import { SHARE_ID, SHARE_ROLE_OPTIONS, SHARE_ROLES, shareLocator } from './common';

const properties: INodeProperties[] = [
	spaceLocator,
	shareLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Disabled',
				name: 'disabled',
				type: 'boolean',
				default: false,
				description: 'Whether the share is switched off (only link shares)',
			},
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'multiOptions',
				default: [],
				options: SHARE_ROLE_OPTIONS,
				description: 'What the assignee may do with the shared item from now on',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['spaceShare'], operation: ['update'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('spaceShare', 'update'),
	pathParams: [SPACE_ID, SHARE_ID],
	body: {
		kind: 'jsonPatch',
		fields: [
			{
				name: 'roles',
				param: 'updateFields.roles',
				label: 'Roles',
				type: 'array',
				enum: SHARE_ROLES,
			},
			{ name: 'disabled', param: 'updateFields.disabled', label: 'Disabled', type: 'boolean' },
		],
	},
};
