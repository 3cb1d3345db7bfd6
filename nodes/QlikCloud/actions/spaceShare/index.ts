import { defineResource } from '../../shared/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { description, operations } = defineResource(
	'spaceShare',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Share an item of a space',
			description: 'Share one item of a space with a user, group or link',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a space share' },
		{ name: 'Get', value: 'get', action: 'Get a space share' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many space shares' },
		{
			name: 'Update',
			value: 'update',
			action: 'Update a space share',
			description: 'Change the roles of a share or switch it off',
		},
	],
	{
		create,
		delete: del,
		get,
		getAll,
		update,
	},
);
