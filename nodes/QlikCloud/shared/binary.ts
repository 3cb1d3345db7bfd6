/** Reading a file from an input item's binary property: the one place that does it. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadFile } from '../transport/file';

/** How many bytes n8n's binary store reads at a time when it streams a file to us. */
const STREAM_READ_SIZE = 1024 * 1024;

/**
 * The file in an item's binary property. A file in n8n's binary store (it has an `id`) is never
 * read whole: its size comes from the metadata and its bytes from a stream.
 */
export async function readUploadFile(
	ctx: IExecuteFunctions,
	i: number,
	property: string,
	label: string,
): Promise<UploadFile> {
	const item = ctx.getInputData()[i];
	const binary = item?.binary?.[property];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`The "${label}" parameter names "${property}", but the input item has no binary field of that name`,
			{
				itemIndex: i,
				description: present.length
					? `Use one of the item's binary fields: ${present.join(', ')}.`
					: 'Add a node before this one that reads or downloads the file (e.g. Read/Write Files from Disk, HTTP Request).',
			},
		);
	}
	const fileName = binary.fileName ?? property;
	const mimeType = binary.mimeType || 'application/octet-stream';
	if (binary.id) {
		const id = binary.id;
		const meta = await ctx.helpers.getBinaryMetadata(id);
		return {
			size: Number(meta.fileSize),
			fileName: binary.fileName ?? meta.fileName ?? property,
			mimeType: binary.mimeType || meta.mimeType || mimeType,
			open: async () => await ctx.helpers.getBinaryStream(id, STREAM_READ_SIZE),
		};
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(i, property);
	return { size: buffer.length, fileName, mimeType, buffer };
}
