/** A small multipart/form-data reader (RFC 7578) for uploads, and how the log shows one. */
import { invalid } from './errors';
import type { MultipartPart } from './types';

const CRLF = Buffer.from('\r\n');

/** The parts of `raw`; a body that is not well-formed multipart is a 400. */
export function parseMultipart(raw: Buffer, contentTypeHeader: string): MultipartPart[] {
	const bad = (why: string) =>
		invalid('HTTP-400', `The multipart/form-data body is malformed: ${why}.`, { pointer: '' });
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader);
	if (!m) throw bad('the Content-Type has no boundary');
	const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
	const delimiter = Buffer.concat([CRLF, boundary]);
	let pos = raw.indexOf(boundary);
	if (pos < 0) throw bad('the boundary does not occur');
	const parts: MultipartPart[] = [];
	for (;;) {
		pos += boundary.length;
		if (raw.subarray(pos, pos + 2).toString() === '--') return parts;
		if (raw.subarray(pos, pos + 2).equals(CRLF)) pos += 2;
		const headEnd = raw.indexOf('\r\n\r\n', pos);
		if (headEnd < 0) throw bad('a part has no header end');
		const end = raw.indexOf(delimiter, headEnd + 4);
		if (end < 0) throw bad('the closing boundary is missing');
		const head = raw.subarray(pos, headEnd).toString('utf8');
		const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		if (name === undefined) throw bad('a part has no name');
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const contentType = /^content-type:\s*(.*?)\s*$/im.exec(head)?.[1];
		parts.push({
			name,
			...(filename !== undefined ? { filename } : {}),
			...(contentType ? { contentType } : {}),
			data: raw.subarray(headEnd + 4, end),
		});
		pos = end + 2;
	}
}

/** The value of a text part: its JSON when it parses as an object or array, else the text. */
export function partValue(part: MultipartPart): unknown {
	const text = part.data.toString('utf8');
	if (/^\s*[[{]/.test(text)) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			// not JSON: the text
		}
	}
	return text;
}

/** The request log's view: part name → file facts or value (repeated names → an array). */
export function describeParts(parts: MultipartPart[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const repeated = new Set<string>();
	for (const part of parts) {
		const value =
			part.filename !== undefined
				? {
						filename: part.filename,
						size: part.data.length,
						contentType: part.contentType ?? 'application/octet-stream',
					}
				: partValue(part);
		if (!(part.name in out)) out[part.name] = value;
		else if (repeated.has(part.name)) (out[part.name] as unknown[]).push(value);
		else {
			repeated.add(part.name);
			out[part.name] = [out[part.name], value];
		}
	}
	return out;
}
