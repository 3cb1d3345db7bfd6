/**
 * A file on its way to Qlik: its size, name and type, and its bytes as one buffer (n8n holds it
 * in memory) or as a stream that can be opened again (n8n's binary store). Memory stays about one
 * chunk whatever the file's size.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** What `getBinaryStream` gives: a Node Readable (typed without importing `stream`). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

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

/** A body made again for each attempt (a stream can be sent once), and its headers. */
export interface FileBody {
	/** Called per attempt: a new body (a fresh stream of the file) each time. */
	bodyFactory: () => Promise<IHttpRequestOptions['body']>;
	headers: IDataObject;
}

/** The body of a plain upload (`application/octet-stream`): the file's stream or buffer. */
export function fileBody(file: UploadFile): FileBody {
	return {
		headers: { 'Content-Length': String(file.size) },
		bodyFactory: async () =>
			(file.open ? await file.open() : file.buffer) as unknown as IHttpRequestOptions['body'],
	};
}

/** Reads a file in pieces at given offsets; sequential reads stream, going back re-opens it. */
export class ChunkReader {
	private source?: BinaryStream;
	private iterator?: AsyncIterator<unknown>;
	/** File offset of the first byte of `pending`. */
	private position = 0;
	private pending: Buffer = Buffer.alloc(0);

	constructor(private readonly file: UploadFile) {}

	async read(offset: number, length: number): Promise<Buffer> {
		if (this.file.buffer) return this.file.buffer.subarray(offset, offset + length);
		if (!this.iterator || offset < this.position) await this.reopen();
		// skip to the offset
		while (this.position + this.pending.length < offset) {
			this.position += this.pending.length;
			this.pending = await this.next();
			if (!this.pending.length) break;
		}
		this.pending = this.pending.subarray(offset - this.position);
		this.position = offset;
		const pieces: Buffer[] = [this.pending];
		let have = this.pending.length;
		while (have < length) {
			const chunk = await this.next();
			if (!chunk.length) break;
			pieces.push(chunk);
			have += chunk.length;
		}
		const all = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, have);
		const out = Buffer.from(all.subarray(0, length));
		this.pending = all.subarray(length);
		this.position = offset + out.length;
		return out;
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

	close() {
		this.source?.destroy();
		this.source = undefined;
		this.iterator = undefined;
	}
}
