import { defineResource } from '../../shared/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTypes from './getTypes.operation';
import * as replace from './replace.operation';
import * as update from './update.operation';

export const { description, operations } = defineResource(
	'space',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Create a space',
			description: 'Create a shared, managed or data space',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a space' },
		{ name: 'Get', value: 'get', action: 'Get a space' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many spaces' },
		{
			name: 'Get Types',
			value: 'getTypes',
			action: 'Get space types',
			description: 'List the space types the tenant offers',
		},
		{
			name: 'Replace',
			value: 'replace',
			action: 'Replace a space',
			description: 'Set name, description and owner in one PUT',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a space',
			description: 'Change only the fields given',
		},
	],
	{
		create,
		delete: del,
		get,
		getAll,
		getTypes,
		replace,
		update,
	},
);
