import { defineResource } from '../../shared/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { description, operations } = defineResource(
	'spaceAssignment',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Add a member to a space',
			description: 'Give a user or group roles in a space',
		},
		{ name: 'Delete', value: 'delete', action: 'Remove a member from a space' },
		{ name: 'Get', value: 'get', action: 'Get a space assignment' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many space assignments' },
		{ name: 'Update', value: 'update', action: 'Change the roles of a space member' },
	],
	{
		create,
		delete: del,
		get,
		getAll,
		update,
	},
);
