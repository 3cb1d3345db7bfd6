import { Readable } from 'node:stream';

import type { UploadFile } from '../../../../nodes/QlikCloud/transport/file';
import { multipartBody } from '../../../../nodes/QlikCloud/transport/multipart';

const bytes = Buffer.from('id,name\n1,"a"\n2,b\r\n');

async function read(body: unknown): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

function inMemory(): UploadFile {
	return { size: bytes.length, fileName: 'sales "q1".csv', mimeType: 'text/csv', buffer: bytes };
}

/** A file in n8n's binary store: opened anew for each attempt, read in small chunks. */
function streamed(opened: { count: number }): UploadFile {
	return {
		size: bytes.length,
		fileName: 'sales "q1".csv',
		mimeType: 'text/csv',
		open: async () => {
			opened.count++;
			const pieces = [bytes.subarray(0, 5), bytes.subarray(5, 11), bytes.subarray(11)];
			return Readable.from(pieces) as never;
		},
	};
}

const parts = (file: UploadFile) => [
	{ name: 'Json', data: JSON.stringify({ name: 'sales.csv' }), mimeType: 'application/json' },
	{ name: 'File', file },
];

describe('multipartBody', () => {
	it('writes text, JSON and file parts between boundaries, with the length up front', async () => {
		const { bodyFactory, headers } = multipartBody(parts(inMemory()));
		const body = await read(await bodyFactory());
		const boundary = /boundary=(.+)$/.exec(String(headers['Content-Type']))![1];
		expect(headers['Content-Length']).toBe(String(body.length));
		expect(body.toString()).toBe(
			`--${boundary}\r\nContent-Disposition: form-data; name="Json"\r\n` +
				'Content-Type: application/json\r\n\r\n{"name":"sales.csv"}\r\n' +
				`--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="sales %22q1%22.csv"\r\n` +
				`Content-Type: text/csv\r\n\r\n${bytes.toString()}\r\n` +
				`--${boundary}--\r\n`,
		);
	});

	it('streams a file from the binary store: the same bytes, a new stream per attempt', async () => {
		const opened = { count: 0 };
		const { bodyFactory, headers } = multipartBody(parts(streamed(opened)));
		const first = await bodyFactory();
		expect(Buffer.isBuffer(first)).toBe(false);
		const sent = await read(first);
		const again = await read(await bodyFactory());
		expect(opened.count).toBe(2);
		expect(again.equals(sent)).toBe(true);
		expect(headers['Content-Length']).toBe(String(sent.length));
		expect(sent.includes(bytes)).toBe(true);
	});

	it('sends a part without a type as plain form data', async () => {
		const { bodyFactory } = multipartBody([{ name: 'note', data: 'hi' }]);
		const text = (await read(await bodyFactory())).toString();
		expect(text).toContain('Content-Disposition: form-data; name="note"\r\n\r\nhi\r\n');
	});
});
