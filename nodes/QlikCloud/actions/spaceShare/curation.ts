import { curate } from '../../shared/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const curation = curate('spaceShare', {
	options: {
		create: {
			action: 'Share an item of a space',
			description: 'Share one item of a space with a user, group or link',
		},
		update: { description: 'Change the roles of a share or switch it off' },
	},
	operations: { create, delete: del, get, getAll, update },
});
