/**
 * Answers that are not what Qlik documents: each gives a clear error or a bounded, correct
 * result, never a crash, a hang or an endless loop.
 */
import { NodeApiError } from 'n8n-workflow';

import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';
import type { RouteResult } from '../simulator/types';

/** What the next GET /api/v1/glossaries/{id} and GET /api/v1/glossaries answer. */
let itemAnswer: () => RouteResult;
let listAnswer: (url: string) => RouteResult;

const sim = useSimulator({}, [
	{ method: 'GET', path: '/api/v1/glossaries/{id}', tier: '1', handler: () => itemAnswer() },
	{
		method: 'GET',
		path: '/api/v1/glossaries',
		tier: '1',
		handler: (ctx) => listAnswer(ctx.baseUrl),
	},
]);

async function getGlossary(options: Record<string, unknown> = {}) {
	return await runNode({
		parameters: { resource: 'glossary', operation: 'get', glossaryId: rl('g1'), options },
		credential: apiKeyCredential(sim()),
	});
}

async function getAllGlossaries() {
	return await runNode({
		parameters: { resource: 'glossary', operation: 'getAll', returnAll: true },
		credential: apiKeyCredential(sim()),
	});
}

describe('malformed answers', () => {
	beforeEach(() => sim().clearLog());

	it.each([
		[
			'plain text',
			{ status: 200, text: 'OK', contentType: 'text/plain' },
			/text\/plain that is not valid JSON/,
			/began: OK/,
		],
		[
			'truncated JSON',
			{ status: 200, text: '{"id": "g1", "na', contentType: 'application/json' },
			/application\/json that is not valid JSON/,
			/began: \{"id": "g1", "na/,
		],
		[
			'an HTML page from a proxy',
			{
				status: 200,
				text: '<html><body><h1>Gateway login</h1></body></html>',
				contentType: 'text/html',
			},
			/text\/html that is not valid JSON/,
			/proxy or gateway/,
		],
	])(
		'%s where JSON is documented: a clear error, nothing output',
		async (_name, answer, message, description) => {
			itemAnswer = () => answer;
			const result = await getGlossary();
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(description);
			expect(result.items).toEqual([]);
		},
	);

	it('an empty 200 where an object is documented: a clear error', async () => {
		itemAnswer = () => ({ status: 200, text: '', contentType: 'application/json' });
		const result = await getGlossary();
		expect(result.error?.message).toMatch(
			/answered 200 with an empty body where it documents an object/,
		);
	});

	it('an HTML error page with a 502: retried, then an error that does not carry the page', async () => {
		const page = `<html><body>${'<p>Bad gateway</p>'.repeat(20000)}</body></html>`;
		itemAnswer = () => ({ status: 502, text: page, contentType: 'text/html' });
		const result = await getGlossary({ maxRetries: 1, maxRetryWaitSeconds: 5 });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('502');
		expect(result.error!.message.length).toBeLessThan(500);
		expect(String(result.error!.description ?? '').length).toBeLessThan(2000);
		expect(requests(sim(), 'GET', '/api/v1/glossaries/g1')).toHaveLength(2);
	});

	it('a huge but valid answer is output whole', async () => {
		const long = 'x'.repeat(5 * 1024 * 1024);
		itemAnswer = () => ({ status: 200, body: { id: 'g1', name: 'Big', description: long } });
		const result = await getGlossary();
		expect(result.error).toBeUndefined();
		expect(String(result.items[0].json.description)).toHaveLength(long.length);
	});

	it('a list page without its items array: a clear error', async () => {
		listAnswer = () => ({ status: 200, body: { links: {} } });
		const result = await getAllGlossaries();
		expect(result.error?.message).toMatch(/answered a list request without a "data" array/);
	});

	it('a next link that points at itself: stopped after one repeat', async () => {
		listAnswer = (base) => ({
			status: 200,
			body: {
				data: [{ id: 'g1', name: 'Again' }],
				links: { next: { href: `${base}/api/v1/glossaries?next=same` } },
			},
		});
		const result = await getAllGlossaries();
		expect(result.error?.message).toMatch(/same next-page link twice/);
		expect(requests(sim(), 'GET', '/api/v1/glossaries').length).toBeLessThanOrEqual(3);
	});

	it.each([
		['an HTTP date', () => new Date(Date.now() + 1000).toUTCString()],
		['garbage', () => 'soon'],
	])(
		'a 429 whose Retry-After is %s: waited out or backed off, then the answer',
		async (_name, value) => {
			let calls = 0;
			itemAnswer = () =>
				++calls === 1
					? {
							status: 429,
							body: { errors: [{ code: 'HTTP-429', title: 'Too many' }] },
							headers: { 'Retry-After': value() },
						}
					: { status: 200, body: { id: 'g1', name: 'After the wait' } };
			const result = await getGlossary();
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ name: 'After the wait' });
			expect(calls).toBe(2);
		},
	);

	it('a create answered only with a Location header outputs where the new item is', async () => {
		const result = await runNode({
			parameters: { resource: 'tempContent', operation: 'upload', binaryPropertyName: 'data' },
			credential: apiKeyCredential(sim()),
			items: [
				{
					json: {},
					binary: { data: { data: Buffer.from('a,b').toString('base64'), mimeType: 'text/csv' } },
				},
			],
		});
		expect(result.error).toBeUndefined();
		// The simulator answers 201 with no body and a Location header, as Qlik does.
		expect(result.items.map((i) => i.json)).toEqual([
			{
				success: true,
				location: expect.stringMatching(/\/api\/v1\/temp-contents\/\w+$/),
				tempContentId: expect.stringMatching(/^\w+$/),
			},
		]);
	});
});
