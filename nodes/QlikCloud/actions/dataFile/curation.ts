import { curate } from '../../shared/resource';
import * as changeSpaceMany from './changeSpaceMany.operation';
import * as deleteMany from './deleteMany.operation';
import * as getDataSet from './getDataSet.operation';
import * as getSpaceConnection from './getSpaceConnection.operation';
import * as replaceFile from './replaceFile.operation';
import * as upload from './upload.operation';

export const curation = curate('dataFile', {
	options: {
		// Uploads (streamed; tus above the direct-upload limit)
		create: {
			name: 'Upload',
			action: 'Upload a data file',
			description: 'Upload a file from the input item to a space, streamed; large files in chunks',
		},
		update: {
			name: 'Replace File',
			action: 'Replace the content of a data file',
			description: 'Upload new content into an existing data file, keeping its ID',
		},
		changeSpaceMany: {
			name: 'Change Space (Many)',
			action: 'Move many data files to a space',
			description: 'Move the data files of the input items in batches, one request per batch',
		},
		deleteMany: {
			name: 'Delete Many',
			action: 'Delete many data files',
			description: 'Delete the data files of the input items in batches, one request per batch',
		},
	},
	borrow: {
		getDataSet: {
			table: 'dataSet',
			operation: 'get',
			option: {
				name: 'Get Data Set',
				action: 'Get the data set of a data file',
				description: 'Find the catalog data set made of a data file, waiting until it exists',
			},
		},
		getSpaceConnection: {
			table: 'dataFile',
			operation: 'getAllConnections',
			option: {
				name: 'Get Space Connection',
				action: 'Get the data files connection of a space',
				description: 'The DataFiles connection of a space or of your personal space',
			},
		},
	},
	operations: {
		changeSpaceMany,
		deleteMany,
		getDataSet,
		getSpaceConnection,
		create: upload,
		update: replaceFile,
	},
});
