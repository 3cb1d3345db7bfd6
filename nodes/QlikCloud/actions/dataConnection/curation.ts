import { curate } from '../../shared/resource';
import { redacted } from './common';
import * as create from './create.operation';
import * as deleteMany from './deleteMany.operation';
import * as duplicate from './duplicate.operation';
import * as get from './get.operation';
import * as updateMany from './updateMany.operation';

/** Data connections: made from a data source's properties; no output shows a credential. */
export const curation = curate('dataConnection', {
	options: {
		create: { description: 'Create a connection from a data source and its connection properties' },
		deleteMany: {
			description:
				'Delete the connections of the input items in batches, one request per batch (admins)',
		},
		duplicate: { description: 'Copy a connection under a new name' },
		get: { description: 'Get a connection by ID, or by name and space' },
		updateMany: {
			description: 'Rename, re-own or move the connections of the input items in batches (admins)',
		},
	},
	operations: { create, deleteMany, duplicate, get, updateMany },
	extend: { getAll: redacted, replace: redacted, update: redacted, delete: redacted },
});
