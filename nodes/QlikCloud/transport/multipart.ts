import { randomBytes } from 'crypto';

export interface MultipartPart {
	name: string;
	data: Buffer | string;
	fileName?: string;
	mimeType?: string;
}

function quoted(value: string): string {
	return value.replace(/[\r\n"\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
}

/** A multipart/form-data body: text, JSON and file parts in order. */
export function multipartBody(parts: MultipartPart[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nQlikCloud${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
		if (part.fileName !== undefined) head += `; filename="${quoted(part.fileName)}"`;
		head += '\r\n';
		if (part.mimeType) head += `Content-Type: ${part.mimeType}\r\n`;
		chunks.push(
			Buffer.from(`${head}\r\n`),
			Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data),
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
