/**
 * What data files and temp contents keep: records in memory, bytes in a temp folder on disk
 * (removed on close). Request bodies are streamed to disk, never held whole: a streaming
 * multipart/form-data reader writes the `File` part to a file as it arrives.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SimCore } from './core';
import { ApiError, invalid } from './errors';

export interface DataFileQuotas {
	/** Largest direct (multipart) upload, default 500 MiB. */
	maxFileSize: number;
	/** Largest file imported from temp contents (tus), default 6 GiB. */
	maxLargeFileSize: number;
	/** Largest total size of one user's files, default 9 PiB (no practical limit). */
	maxSize: number;
}

export const DEFAULT_QUOTAS: DataFileQuotas = {
	maxFileSize: 500 * 1024 * 1024,
	maxLargeFileSize: 6 * 1024 * 1024 * 1024,
	maxSize: 9 * 1024 ** 5,
};

export interface TempContentRecord {
	id: string;
	name: string;
	/** Upload-Length for tus uploads; the size for simple ones. */
	length: number;
	/** Bytes stored so far. */
	offset: number;
	tus: boolean;
	path: string;
	createdAt: string;
	updatedAt: string;
	expiresAt: number;
	ttlSeconds: number;
	creatorId: string;
	/** A PATCH is writing to it (a second one gets 423). */
	locked: boolean;
}

export interface StoredBytes {
	path: string;
	size: number;
	sha256: string;
}

/** Per simulator (survives reset()): the folder, the settings and the timers to clear. */
interface DiskState {
	dir: string;
	quotas: DataFileQuotas;
	catalogDelayMs: number;
	timers: Set<NodeJS.Timeout>;
	closed: boolean;
}

/** Per store (reset() starts over): temp contents and the bytes of data files. */
export interface UploadState {
	temp: Map<string, TempContentRecord>;
	/** Data file ID → its bytes on disk. */
	bytes: Map<string, StoredBytes>;
	/** Data file ID → its catalog data set and item. */
	catalog: Map<string, { dataSetId: string; itemId: string }>;
}

const disks = new WeakMap<SimCore, DiskState>();

export function disk(core: SimCore): DiskState {
	let state = disks.get(core);
	if (!state) {
		const dir = join(tmpdir(), `qlik-sim-files-${randomBytes(6).toString('hex')}`);
		mkdirSync(dir, { recursive: true });
		state = {
			dir,
			quotas: { ...DEFAULT_QUOTAS, ...(core.options.dataFiles ?? {}) },
			catalogDelayMs: core.options.catalogDelayMs ?? 300,
			timers: new Set(),
			closed: false,
		};
		disks.set(core, state);
	}
	return state;
}

export function uploadState(core: SimCore): UploadState {
	const state = core.state as typeof core.state & { uploads?: UploadState };
	state.uploads ??= { temp: new Map(), bytes: new Map(), catalog: new Map() };
	return state.uploads;
}

/** A new file path in the simulator's folder. */
export function newPath(core: SimCore, prefix: string): string {
	return join(disk(core).dir, `${prefix}-${randomBytes(8).toString('hex')}`);
}

/** Runs `fn` after `ms` unless the simulator closed meanwhile. */
export function later(core: SimCore, ms: number, fn: () => void | Promise<void>) {
	const state = disk(core);
	const timer = setTimeout(() => {
		state.timers.delete(timer);
		if (!state.closed) void Promise.resolve(fn()).catch(() => undefined);
	}, ms);
	state.timers.add(timer);
}

/** Clears timers and removes the folder with every stored byte. */
export function closeUploads(core: SimCore) {
	const state = disks.get(core);
	if (!state) return;
	state.closed = true;
	for (const timer of state.timers) clearTimeout(timer);
	state.timers.clear();
	rmSync(state.dir, { recursive: true, force: true });
	disks.delete(core);
}

export async function removeFile(path: string | undefined) {
	if (path) await rm(path, { force: true });
}

export async function moveFile(from: string, to: string) {
	await rename(from, to);
}

/** Hashes a stored file by streaming it. */
export async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	const handle = await open(path, 'r');
	try {
		for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
	} finally {
		await handle.close().catch(() => undefined);
	}
	return hash.digest('hex');
}

/** A file being written: size and hash as the bytes come. */
export class FileSink {
	size = 0;
	private readonly hash = createHash('sha256');
	private handle?: FileHandle;
	/** Once above `limit`, further bytes are counted but not written. */
	overLimit = false;

	constructor(
		readonly path: string,
		private readonly limit = Infinity,
		private readonly flags = 'w',
	) {}

	async write(chunk: Buffer) {
		this.size += chunk.length;
		if (this.size > this.limit) this.overLimit = true;
		if (this.overLimit) return;
		this.handle ??= await open(this.path, this.flags);
		this.hash.update(chunk);
		let written = 0;
		while (written < chunk.length) {
			const { bytesWritten } = await this.handle.write(chunk, written);
			written += bytesWritten;
		}
	}

	async close(): Promise<string> {
		if (!this.handle) this.handle = await open(this.path, this.flags);
		await this.handle.close();
		this.handle = undefined;
		return this.hash.digest('hex');
	}
}

/** Streams a request body into a sink; resolves when it ended (or the client went away). */
export async function pipeBody(
	req: IncomingMessage,
	sink: FileSink,
): Promise<{ complete: boolean }> {
	let complete = true;
	const aborted = () => (complete = false);
	req.once('aborted', aborted);
	try {
		for await (const chunk of req) await sink.write(chunk as Buffer);
	} catch {
		complete = false;
	} finally {
		req.off('aborted', aborted);
	}
	if (req.readableAborted) complete = false;
	return { complete };
}

export interface StreamedPart {
	name: string;
	filename?: string;
	contentType?: string;
	/** Text parts (up to 1 MB). */
	text?: string;
}

export interface StreamedMultipart {
	parts: StreamedPart[];
	/** The `File` part written to disk, if any. */
	file?: { part: StreamedPart; path: string; size: number; sha256: string; overLimit: boolean };
}

const CRLF = Buffer.from('\r\n');
const MAX_TEXT_PART = 1024 * 1024;

/**
 * Reads a multipart/form-data request as it streams: the part named `File` (any case) goes to
 * `filePath` (stopped being written once above `limit`), other parts are kept as text.
 */
export async function readMultipartStream(
	req: IncomingMessage,
	filePath: string,
	limit: number,
): Promise<StreamedMultipart> {
	const bad = (why: string) =>
		invalid('HTTP-400', `The multipart/form-data body is malformed: ${why}.`, { pointer: '' });
	const header = String(req.headers['content-type'] ?? '');
	if (!/^multipart\/form-data/i.test(header))
		throw new ApiError(
			415,
			'HTTP-415',
			'Unsupported Media Type',
			'Send the upload as multipart/form-data with the parts File and Json.',
		);
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(header);
	if (!m) throw bad('the Content-Type has no boundary');
	// Every delimiter, the first one included, is CRLF "--" boundary (a CRLF is put in front).
	const delimiter = Buffer.from(`\r\n--${m[1] ?? m[2]}`);
	const result: StreamedMultipart = { parts: [] };
	let buffer: Buffer = CRLF;
	type State = 'preamble' | 'afterDelimiter' | 'head' | 'body' | 'done';
	let state = 'preamble' as State;
	const finished = () => state === 'done';
	let part: StreamedPart | undefined;
	let sink: FileSink | undefined;
	let text: Buffer[] = [];
	let textSize = 0;

	const emit = async (bytes: Buffer) => {
		if (!bytes.length) return;
		if (sink) await sink.write(bytes);
		else if (textSize < MAX_TEXT_PART) {
			text.push(bytes);
			textSize += bytes.length;
		}
	};
	const endPart = async () => {
		if (!part) return;
		if (sink) {
			const sha256 = await sink.close();
			result.file = { part, path: sink.path, size: sink.size, sha256, overLimit: sink.overLimit };
			sink = undefined;
		} else part.text = Buffer.concat(text).toString('utf8');
		result.parts.push(part);
		part = undefined;
		text = [];
		textSize = 0;
	};

	const consume = async (final: boolean) => {
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = buffer.indexOf(delimiter);
				if (at < 0) {
					// keep what could be the start of a delimiter
					const safe = final ? buffer.length : Math.max(0, buffer.length - delimiter.length);
					if (state === 'body') await emit(buffer.subarray(0, safe));
					buffer = buffer.subarray(safe);
					return;
				}
				if (state === 'body') {
					await emit(buffer.subarray(0, at));
					await endPart();
				}
				buffer = buffer.subarray(at + delimiter.length);
				state = 'afterDelimiter';
			}
			if (state === 'afterDelimiter') {
				if (buffer.length < 2) return;
				if (buffer.subarray(0, 2).toString() === '--') {
					state = 'done';
					return;
				}
				if (buffer.subarray(0, 2).equals(CRLF)) buffer = buffer.subarray(2);
				state = 'head';
			}
			if (state === 'head') {
				const end = buffer.indexOf('\r\n\r\n');
				if (end < 0) {
					if (buffer.length > 16384) throw bad('a part header is too long');
					return;
				}
				const head = buffer.subarray(0, end).toString('utf8');
				buffer = buffer.subarray(end + 4);
				const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
				const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
				if (name === undefined) throw bad('a part has no name');
				const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
				const contentType = /^content-type:\s*(.*?)\s*$/im.exec(head)?.[1];
				part = {
					name,
					...(filename !== undefined ? { filename } : {}),
					...(contentType ? { contentType } : {}),
				};
				if (name.toLowerCase() === 'file') sink = new FileSink(filePath, limit);
				state = 'body';
			}
			if (state === 'done') return;
		}
	};

	for await (const chunk of req) {
		if (finished()) continue;
		buffer = buffer.length ? Buffer.concat([buffer, chunk as Buffer]) : (chunk as Buffer);
		await consume(false);
	}
	if (!finished()) {
		await consume(true);
		if (sink) await sink.close().catch(() => undefined);
		await removeFile(filePath);
		if (req.readableAborted)
			throw new ApiError(400, 'HTTP-400', 'Bad request', 'The upload was cut off.');
		throw bad('the closing boundary is missing');
	}
	return result;
}

/** The `Json` part's object (any case of the name), or a 400. */
export function jsonPart(multipart: StreamedMultipart, required: boolean): Record<string, unknown> {
	const part = multipart.parts.find((p) => p.name.toLowerCase() === 'json');
	if (!part) {
		if (!required) return {};
		throw invalid('HTTP-400', 'The Json part is required.', { pointer: '/Json' });
	}
	try {
		const value = JSON.parse(part.text ?? '') as unknown;
		if (value && typeof value === 'object' && !Array.isArray(value))
			return value as Record<string, unknown>;
	} catch {
		// below
	}
	throw invalid('HTTP-400', 'The Json part must be a JSON object.', { pointer: '/Json' });
}
