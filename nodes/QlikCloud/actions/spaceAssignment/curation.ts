import { curate } from '../../shared/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const curation = curate('spaceAssignment', {
	options: {
		create: {
			action: 'Add a member to a space',
			description: 'Give a user or group roles in a space',
		},
		delete: { action: 'Remove a member from a space' },
		update: { action: 'Change the roles of a space member' },
	},
	operations: { create, delete: del, get, getAll, update },
});
