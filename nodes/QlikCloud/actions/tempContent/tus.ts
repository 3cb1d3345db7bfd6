/**
 * The two tus operations of temp-contents as generated, with words of their own; the node sends
 * `Tus-Resumable` itself (the row's protocol value).
 */
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationModule } from '../../shared/resource';
import type { OperationSpec } from '../../shared/types';
import { rowOf } from '../api';

function row(name: 'createResumableUpload' | 'uploadChunk'): OperationSpec {
	const op = rowOf('tempContent', name);
	return {
		method: op.method,
		path: op.path,
		tier: op.tier,
		response: op.response,
		...(op.pathParams ? { pathParams: op.pathParams } : {}),
		...(op.query ? { query: op.query } : {}),
		...(op.headers ? { headers: op.headers } : {}),
		...(op.body ? { body: op.body } : {}),
	};
}

const show = (operation: 'createResumableUpload' | 'uploadChunk') => ({
	show: { resource: ['tempContent'], operation: [operation] },
});

export const createResumableUpload: OperationModule = {
	description: updateDisplayOptions(show('createResumableUpload'), [
		{
			displayName: 'Upload Length',
			name: 'uploadLength',
			type: 'number',
			required: true,
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Size of the whole file in bytes, sent as the Upload-Length header',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Upload Metadata',
					name: 'uploadMetadata',
					type: 'string',
					default: '',
					placeholder: 'e.g. filename c2FsZXMuY3N2',
					description:
						'Comma-separated "key base64value" pairs, sent as the Upload-Metadata header',
				},
			],
		},
	]),
	operation: row('createResumableUpload'),
};

export const uploadChunk: OperationModule = {
	description: updateDisplayOptions(show('uploadChunk'), [
		{
			displayName: 'Upload ID',
			name: 'id',
			type: 'string',
			required: true,
			default: '',
			description: 'The last part of the Location that Create Resumable Upload gave',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			description: 'The name of the input binary field that holds the chunk',
		},
		{
			displayName: 'Upload Offset',
			name: 'uploadOffset',
			type: 'number',
			required: true,
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Where this chunk starts in the file, sent as the Upload-Offset header',
		},
	]),
	operation: row('uploadChunk'),
};
