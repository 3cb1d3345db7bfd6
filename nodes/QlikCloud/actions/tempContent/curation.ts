import { curate } from '../../shared/resource';
import { createResumableUpload, uploadChunk } from './tus';

/**
 * Temporary contents: Upload and Upload Chunk stream the binary from n8n's store and Download
 * streams into it (the generic executor does both); the tus operations default their version.
 */
export const curation = curate('tempContent', {
	options: {
		upload: {
			name: 'Upload',
			action: 'Upload a temporary file',
			description: 'Upload a file for a later import (e.g. an app or a large data file)',
		},
		download: {
			name: 'Download',
			action: 'Download a temporary file',
			description: 'Download temporary content (an app export, for example) into a binary field',
		},
	},
	operations: { createResumableUpload, uploadChunk },
});
