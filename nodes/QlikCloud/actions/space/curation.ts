import { curate } from '../../shared/resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTypes from './getTypes.operation';
import * as replace from './replace.operation';
import * as update from './update.operation';

export const curation = curate('space', {
	options: {
		create: { description: 'Create a shared, managed or data space' },
		getTypes: { action: 'Get space types', description: 'List the space types the tenant offers' },
		replace: { description: 'Set name, description and owner in one PUT' },
		update: { description: 'Change only the fields given' },
	},
	operations: { create, delete: del, get, getAll, getTypes, replace, update },
});
