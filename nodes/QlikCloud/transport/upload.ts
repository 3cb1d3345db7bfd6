/**
 * Streamed uploads of n8n binaries: a multipart/form-data body built around the file's stream
 * (Content-Length known up front), and tus chunked uploads to temp-contents that resume from
 * the server's offset, each chunk streamed from the file. Memory stays a few of the binary store's
 * 1 MiB pieces whatever the file's size.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { RateTier } from '../shared/types';
import { TIER_1 } from '../shared/types';
import type { QlikRequest, QlikResponse, TransportSettings } from './index';
import { qlikApiRequest } from './index';

/** What `getBinaryStream` gives: a Node Readable (typed without importing `stream`). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** `Readable.from`, a static every Readable subclass inherits. */
interface ReadableClass {
	from(source: AsyncIterable<Buffer>): BinaryStream;
}

/** How many bytes n8n's binary store reads at a time when it streams a file to us. */
const STREAM_READ_SIZE = 1024 * 1024;

export const TUS_VERSION = '1.0.0';
const TUS_TIER: RateTier = { tier: 'special', perMinute: 800 };

/** A file from an input item: streamed from n8n's binary store, or a buffer held in memory. */
export interface UploadFile {
	size: number;
	fileName: string;
	mimeType: string;
	/** Set when n8n holds the file in memory (no binary store id). */
	buffer?: Buffer;
	/** A new stream over the whole file (binary store files only). */
	open?: () => Promise<BinaryStream>;
}

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

function quoted(value: string): string {
	return value.replace(/[\r\n"\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
}

export interface MultipartUpload {
	/** Called per attempt: a new body (a fresh stream of the file) each time. */
	bodyFactory: () => Promise<IHttpRequestOptions['body']>;
	headers: IDataObject;
}

/**
 * A multipart/form-data upload: a `Json` part, then (optionally) the file as the `File` part.
 * A binary store file is streamed (preamble, the file's chunks, trailer) with its
 * Content-Length computed up front; a file in memory is sent as one buffer.
 */
export function multipartUpload(json: IDataObject, file?: UploadFile): MultipartUpload {
	const boundary = `----n8nQlikCloud${randomBytes(12).toString('hex')}`;
	let head =
		`--${boundary}\r\nContent-Disposition: form-data; name="Json"\r\n` +
		`Content-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`;
	if (file) {
		head +=
			`--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="${quoted(file.fileName)}"\r\n` +
			`Content-Type: ${file.mimeType}\r\n\r\n`;
	}
	const preamble = Buffer.from(head);
	const trailer = Buffer.from(`${file ? '\r\n' : ''}--${boundary}--\r\n`);
	const length = preamble.length + (file?.size ?? 0) + trailer.length;
	const headers: IDataObject = {
		'Content-Type': `multipart/form-data; boundary=${boundary}`,
		'Content-Length': String(length),
	};
	const bodyFactory = async (): Promise<IHttpRequestOptions['body']> => {
		if (!file) return Buffer.concat([preamble, trailer]);
		if (!file.open) return Buffer.concat([preamble, file.buffer ?? Buffer.alloc(0), trailer]);
		const source = await file.open();
		async function* parts() {
			yield preamble;
			for await (const chunk of source) yield chunk as Buffer;
			yield trailer;
		}
		const body = (source.constructor as unknown as ReadableClass).from(parts());
		// A body that is dropped before it was sent in full releases the file too.
		body.once('close', () => source.destroy());
		return body as unknown as IHttpRequestOptions['body'];
	};
	return { bodyFactory, headers };
}

/** The body of a plain upload (`application/octet-stream`): the file's stream or buffer. */
export function fileBody(file: UploadFile): MultipartUpload {
	return {
		headers: { 'Content-Length': String(file.size) },
		bodyFactory: async () =>
			(file.open ? await file.open() : file.buffer) as unknown as IHttpRequestOptions['body'],
	};
}

/**
 * Hands out a file's bytes from given offsets as the pieces n8n's binary store reads, never
 * copied or joined: going on from where the last range ended streams on, going back re-opens
 * the file. A tus chunk of 16 MiB is sent as its 1 MiB pieces, so no 16 MiB buffer is made per
 * chunk (joining and copying them made 3 GiB of garbage for a 1 GiB file and held several
 * chunks at once). Only the latest range reads: one left behind by a failed request stops.
 */
class ChunkReader {
	private source?: BinaryStream;
	private iterator?: AsyncIterator<unknown>;
	/** File offset of the first byte of `pending`. */
	private position = 0;
	private pending: Buffer = Buffer.alloc(0);
	/** Which range may read; an older one (its request failed) stops at its next step. */
	private current = 0;
	/** The current range has started and not ended (done, or closed by its request). */
	private reading = false;

	constructor(private readonly file: UploadFile) {}

	/** The bytes from `offset` to `offset + length` (or the end of the file), piece by piece. */
	async *range(offset: number, length: number): AsyncGenerator<Buffer> {
		if (this.file.buffer) {
			yield this.file.buffer.subarray(offset, offset + length);
			return;
		}
		const turn = ++this.current;
		// A range left waiting on a read (its request failed) would take the next piece: re-open.
		if (!this.iterator || offset < this.position || this.reading) await this.reopen();
		this.reading = true;
		try {
			while (this.position + this.pending.length <= offset) {
				this.position += this.pending.length;
				this.pending = await this.next();
				if (turn !== this.current || !this.pending.length) return;
			}
			this.pending = this.pending.subarray(offset - this.position);
			this.position = offset;
			const end = offset + length;
			while (this.position < end) {
				if (!this.pending.length) {
					const next = await this.next();
					if (turn !== this.current) return;
					this.pending = next;
					if (!this.pending.length) return;
				}
				const piece = this.pending.subarray(0, end - this.position);
				this.pending = this.pending.subarray(piece.length);
				this.position += piece.length;
				yield piece;
			}
		} finally {
			if (turn === this.current) this.reading = false;
		}
	}

	private async next(): Promise<Buffer> {
		const step = await this.iterator!.next();
		return step.done ? Buffer.alloc(0) : (step.value as Buffer);
	}

	private async reopen() {
		this.close();
		this.source = await this.file.open!();
		this.iterator = this.source[Symbol.asyncIterator]();
		this.position = 0;
		this.pending = Buffer.alloc(0);
	}

	/** A stream of a range, to send as a request body. */
	async body(offset: number, length: number): Promise<IHttpRequestOptions['body']> {
		if (this.file.buffer) return this.file.buffer.subarray(offset, offset + length);
		if (!this.iterator) await this.reopen();
		const stream = (this.source!.constructor as unknown as ReadableClass).from(
			this.range(offset, length),
		);
		return stream as unknown as IHttpRequestOptions['body'];
	}

	close() {
		this.source?.destroy();
		this.source = undefined;
		this.iterator = undefined;
	}
}

export interface TusOptions {
	chunkSize: number;
	itemIndex: number;
	/** Failed chunks (server error, dropped connection, offset conflict, lock) resumed at most
	 * this many times in all. */
	maxResumes: number;
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
	const created = await qlikApiRequest.call(
		this,
		{
			method: 'POST',
			path: '/api/v1/temp-contents/files',
			tier: TUS_TIER,
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
	let resumes = 0;
	let offset = 0;
	try {
		while (offset < file.size) {
			// The next chunk from `offset`, streamed from the file as it is sent.
			const start = offset;
			const length = Math.min(options.chunkSize, file.size - start);
			const request: QlikRequest = {
				method: 'PATCH',
				path: uploadUrl,
				tier: TUS_TIER,
				route: 'PATCH /api/v1/temp-contents/files/{id}',
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
			try {
				answer = await qlikApiRequest.call(this, request, settings, errorContext);
			} catch (error) {
				if (!resumable(error) || resumes >= options.maxResumes) {
					throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				resumes++;
				await sleep(Math.min(8000, 250 * 2 ** resumes), settings.signal);
				offset = await serverOffset.call(this, uploadUrl, settings, errorContext);
				continue;
			}
			const reported = Number(headerValue(answer.headers, 'upload-offset'));
			offset = Number.isFinite(reported) ? reported : start + length;
		}
	} finally {
		reader.close();
	}
	return id;
}

/** Where the server's copy of an upload ends (tus HEAD). */
async function serverOffset(
	this: IExecuteFunctions,
	uploadUrl: string,
	settings: TransportSettings,
	errorContext: { itemIndex: number },
): Promise<number> {
	const answer = await qlikApiRequest.call(
		this,
		{
			method: 'HEAD',
			path: uploadUrl,
			tier: TUS_TIER,
			route: 'HEAD /api/v1/temp-contents/files/{id}',
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

/** The data-file quotas (`maxFileSize` is the direct-upload limit), read once per execution. */
export async function dataFileQuotas(
	this: IExecuteFunctions,
	settings: TransportSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const key = 'dataFiles.quotas';
	const known = settings.memo?.get(key) as IDataObject | undefined;
	if (known) return known;
	const { body } = await qlikApiRequest.call(
		this,
		{ method: 'GET', path: '/api/v1/data-files/quotas', tier: TIER_1 },
		settings,
		{ itemIndex },
	);
	const quotas = (body ?? {}) as IDataObject;
	settings.memo?.set(key, quotas);
	return quotas;
}
