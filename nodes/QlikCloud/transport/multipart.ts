import { randomBytes } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { BinaryStream, FileBody, ReadableClass, UploadFile } from './file';

/** One part: text or bytes (with an optional type), or a file (sent with its name and type). */
export type MultipartPart =
	{ name: string; data: Buffer | string; mimeType?: string } | { name: string; file: UploadFile };

function quoted(value: string): string {
	return value.replace(/[\r\n"\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
}

/**
 * A multipart/form-data body: text, JSON and file parts in order, with its Content-Length known
 * up front. Files in memory and all other parts go as one buffer; a file in n8n's binary store is
 * streamed (the bytes before it, its chunks, the bytes after it), opened anew for each attempt.
 */
export function multipartBody(parts: MultipartPart[]): FileBody {
	const boundary = `----n8nQlikCloud${randomBytes(12).toString('hex')}`;
	const pieces: Array<Buffer | UploadFile> = [];
	for (const part of parts) {
		const file = 'file' in part ? part.file : undefined;
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
		if (file) head += `; filename="${quoted(file.fileName)}"`;
		head += '\r\n';
		const type = file ? file.mimeType : 'mimeType' in part ? part.mimeType : undefined;
		if (type) head += `Content-Type: ${type}\r\n`;
		pieces.push(Buffer.from(`${head}\r\n`));
		if (file) pieces.push(file.open ? file : (file.buffer ?? Buffer.alloc(0)));
		else if ('data' in part)
			pieces.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
		pieces.push(Buffer.from('\r\n'));
	}
	pieces.push(Buffer.from(`--${boundary}--\r\n`));
	const length = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.size), 0);
	const headers = {
		'Content-Type': `multipart/form-data; boundary=${boundary}`,
		'Content-Length': String(length),
	};
	const streamed = pieces.filter((p): p is UploadFile => !Buffer.isBuffer(p));
	const bodyFactory = async (): Promise<IHttpRequestOptions['body']> => {
		if (streamed.length === 0) return Buffer.concat(pieces as Buffer[]);
		const sources = new Map<UploadFile, BinaryStream>();
		for (const file of streamed) sources.set(file, await file.open!());
		async function* bytes() {
			for (const piece of pieces) {
				if (Buffer.isBuffer(piece)) yield piece;
				else for await (const chunk of sources.get(piece)!) yield chunk as Buffer;
			}
		}
		const first = sources.values().next().value!;
		const body = (first.constructor as unknown as ReadableClass).from(bytes());
		// A body that is dropped before it was sent in full releases the files too.
		body.once('close', () => sources.forEach((source) => source.destroy()));
		return body as unknown as IHttpRequestOptions['body'];
	};
	return { bodyFactory, headers };
}
