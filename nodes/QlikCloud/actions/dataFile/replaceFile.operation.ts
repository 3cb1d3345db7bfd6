/**
 * Data File → Replace File: new content for an existing data file (same ID), streamed like an
 * upload; optionally a new name.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../shared/batch';
import { readUploadFile } from '../../shared/binary';
import { resourceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import { rowOf } from '../api';
import {
	binaryProperty,
	checkFileName,
	chunkSizeOption,
	readChunkSize,
	sendDataFile,
} from './upload.operation';

const properties: INodeProperties[] = [
	resourceLocator({
		name: 'dataFileId',
		displayName: 'Data File',
		searchListMethod: 'searchDataFile',
		placeholder: 'e.g. 9a0e3f7c-0d4e-4b8e-9f3a-1c2d3e4f5a6b',
	}),
	binaryProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			chunkSizeOption,
			{
				displayName: 'New Name',
				name: 'name',
				type: 'string',
				default: '',
				description:
					'Rename the file, folders separated by "/" (the data set made of it keeps its name)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataFile'], operation: ['update'] } },
	properties,
);

async function replaceFile(
	this: IExecuteFunctions,
	_spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	const id = readId(this, 'dataFileId', 'Data File', i, '9a0e3f7c-0d4e-4b8e-9f3a-1c2d3e4f5a6b');
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (!property) {
		throw new NodeOperationError(this.getNode(), 'The "Input Binary Field" parameter is empty', {
			itemIndex: i,
			description: 'Name the binary field that holds the file, e.g. data.',
		});
	}
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const newName =
		typeof extra.name === 'string' && extra.name.trim() !== ''
			? checkFileName(this, i, 'New Name', extra.name)
			: undefined;
	const chunkSize = readChunkSize(this, i);
	const file = await readUploadFile(this, i, property, 'Input Binary Field');
	const result = await sendDataFile.call(this, file, i, {
		replaceId: id,
		json: newName ? { name: newName } : {},
		chunkSize,
		settings,
	});
	return [{ json: result, pairedItem: { item: i } }];
}

export const operation: OperationSpec = {
	...rowFacts('dataFile', 'update'),
	// The file it sends (its own code streams it): what says that an AI tool cannot run it.
	body: rowOf('dataFile', 'update').body,
	execute: replaceFile,
};
