/**
 * A file on its way to Qlik: its size, name and type, and its bytes as one buffer (n8n holds it
 * in memory) or as a stream that can be opened again (n8n's binary store). Memory stays a few of
 * the binary store's 1 MiB pieces whatever the file's size.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** What `getBinaryStream` gives: a Node Readable (typed without importing `stream`). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** `Readable.from`, a static every Readable subclass inherits (node code may not import `stream`). */
export interface ReadableClass {
	from(source: AsyncIterable<Buffer>): BinaryStream;
}

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

/**
 * Hands out a file's bytes from given offsets as the pieces n8n's binary store reads, never
 * copied or joined: going on from where the last range ended streams on, going back re-opens
 * the file. A tus chunk of 16 MiB is sent as its 1 MiB pieces, so no 16 MiB buffer is made per
 * chunk (joining and copying them made 3 GiB of garbage for a 1 GiB file and held several
 * chunks at once). Only the latest range reads: one left behind by a failed request stops.
 */
export class ChunkReader {
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

	/** A stream of a range, to send as a request body. */
	async body(offset: number, length: number): Promise<IHttpRequestOptions['body']> {
		if (this.file.buffer) return this.file.buffer.subarray(offset, offset + length);
		if (!this.iterator) await this.reopen();
		const stream = (this.source!.constructor as unknown as ReadableClass).from(
			this.range(offset, length),
		);
		return stream as unknown as IHttpRequestOptions['body'];
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
