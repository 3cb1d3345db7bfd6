/**
 * tus 1.0.0 uploads to temp-contents (creation, then PATCH chunks), given the two generated rows
 * they use: a chunk that fails is resumed from the offset a HEAD reports, not restarted.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { OperationSpec } from '../shared/types';
import type { UploadFile } from './file';
import { ChunkReader } from './file';
import type { QlikRequest, QlikResponse, TransportSettings } from './index';
import { qlikApiRequest } from './index';

export const TUS_VERSION = '1.0.0';

/** The largest tus chunk: a chunk that fails is sent again from the server's offset, so this
 * bounds what a failure costs (a chunk is streamed, never held whole). */
export const MAX_CHUNK_MIB = 100;

/** The rows of the tus endpoints: creation (POST) and a chunk (PATCH on the upload's URL). */
export interface TusRows {
	create: OperationSpec;
	chunk: OperationSpec;
}

export interface TusOptions {
	chunkSize: number;
	itemIndex: number;
	/** Failed chunks (server error, dropped connection, offset conflict, lock) resumed at most
	 * this many times in all. */
	maxResumes: number;
	rows: TusRows;
}

function statusOf(error: unknown): number | undefined {
	const code = (error as { httpCode?: string | null }).httpCode;
	return code && /^\d{3}$/.test(code) ? Number(code) : undefined;
}

/** A failure after which the upload can go on from the server's offset. */
function resumable(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = statusOf(error);
	return status === undefined || status >= 500 || status === 409 || status === 423;
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name.toLowerCase()] ?? headers[name];
	if (Array.isArray(value)) return value[0] as string;
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Uploads a file to temp-contents with tus 1.0.0 (creation, then PATCH chunks); a chunk that
 * fails is resumed from the offset a HEAD reports, not restarted. Returns the temp content ID.
 */
export async function tusUpload(
	this: IExecuteFunctions,
	file: UploadFile,
	settings: TransportSettings,
	options: TusOptions,
): Promise<string> {
	const errorContext = { itemIndex: options.itemIndex, subject: `"${file.fileName}"` };
	const { create, chunk: chunkRow } = options.rows;
	const created = await qlikApiRequest.call(
		this,
		{
			method: create.method,
			path: create.path,
			tier: create.tier,
			route: `${create.method} ${create.path}`,
			headers: {
				'Tus-Resumable': TUS_VERSION,
				'Upload-Length': String(file.size),
				'Upload-Metadata': `filename ${Buffer.from(file.fileName).toString('base64')}`,
			},
			encoding: 'text',
		},
		settings,
		errorContext,
	);
	const location = headerValue(created.headers, 'location');
	if (!location) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'No upload location' },
			{
				message:
					'Qlik Cloud created the resumable upload but did not say where (no Location header)',
				itemIndex: options.itemIndex,
			},
		);
	}
	const uploadUrl = location;
	const id = decodeURIComponent(new URL(location, 'http://x').pathname.split('/').pop() ?? '');
	const reader = new ChunkReader(file);
	const chunkSize = Math.max(1, Math.min(options.chunkSize, MAX_CHUNK_MIB * 1024 * 1024));
	let resumes = 0;
	let offset = 0;
	/** The end of the furthest chunk sent: no server offset may go beyond it. */
	let sent = 0;
	try {
		while (offset < file.size) {
			// The next chunk from `offset`, streamed from the file as it is sent.
			const start = offset;
			const length = Math.min(chunkSize, file.size - start);
			const request: QlikRequest = {
				method: chunkRow.method,
				path: uploadUrl,
				tier: chunkRow.tier,
				route: `${chunkRow.method} ${chunkRow.path}`,
				headers: {
					'Tus-Resumable': TUS_VERSION,
					'Upload-Offset': String(start),
					'Content-Type': 'application/offset+octet-stream',
					'Content-Length': String(length),
				},
				bodyFactory: async () => await reader.body(start, length),
				encoding: 'text',
			};
			let answer: QlikResponse;
			sent = Math.max(sent, start + length);
			try {
				answer = await qlikApiRequest.call(this, request, settings, errorContext);
			} catch (error) {
				if (!resumable(error) || resumes >= options.maxResumes) {
					throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				resumes++;
				await sleep(Math.min(8000, 250 * 2 ** resumes), settings.signal);
				offset = await serverOffset.call(this, uploadUrl, chunkRow, settings, errorContext);
				// After a HEAD: anything from the start up to what was sent.
				if (offset > sent) throw badOffset.call(this, 'HEAD', String(offset), 0, sent, options);
				continue;
			}
			// After a PATCH: more than before, and at most what this chunk added.
			const reported = headerValue(answer.headers, 'upload-offset') ?? '';
			const next = /^\d+$/.test(reported.trim()) ? Number(reported) : NaN;
			if (!(next > start && next <= start + length)) {
				throw badOffset.call(this, 'PATCH', reported, start + 1, start + length, options);
			}
			offset = next;
		}
	} finally {
		reader.close();
	}
	return id;
}

/** An Upload-Offset outside what the upload can have reached: the item fails, nothing is imported. */
function badOffset(
	this: IExecuteFunctions,
	after: 'PATCH' | 'HEAD',
	reported: string,
	lowest: number,
	highest: number,
	options: TusOptions,
): NodeApiError {
	return new NodeApiError(
		this.getNode(),
		{ message: 'Bad upload offset' },
		{
			message: `Qlik Cloud reported an upload offset of "${reported.slice(0, 40)}" after a ${after}, outside ${lowest}–${highest} bytes; the upload was stopped and nothing was imported`,
			description:
				'The file was not imported. Try again; if it persists, a proxy in front of the tenant may be changing the upload.',
			itemIndex: options.itemIndex,
		},
	);
}

/** Where the server's copy of an upload ends (tus HEAD). */
async function serverOffset(
	this: IExecuteFunctions,
	uploadUrl: string,
	chunkRow: OperationSpec,
	settings: TransportSettings,
	errorContext: { itemIndex: number },
): Promise<number> {
	const answer = await qlikApiRequest.call(
		this,
		{
			method: 'HEAD',
			path: uploadUrl,
			tier: chunkRow.tier,
			route: `HEAD ${chunkRow.path}`,
			headers: { 'Tus-Resumable': TUS_VERSION },
			encoding: 'text',
		},
		settings,
		errorContext,
	);
	const offset = Number(headerValue(answer.headers, 'upload-offset'));
	if (!Number.isInteger(offset) || offset < 0) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'No upload offset' },
			{
				message: 'Qlik Cloud did not report how much of the upload it has (no Upload-Offset)',
				itemIndex: errorContext.itemIndex,
			},
		);
	}
	return offset;
}
