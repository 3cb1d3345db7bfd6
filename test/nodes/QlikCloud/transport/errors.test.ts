import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import {
	describeHttpFailure,
	retryAfterToMs,
	toNodeApiError,
} from '../../../../nodes/QlikCloud/transport/errors';

const node: INode = {
	id: '1',
	name: 'Qlik Cloud',
	type: 'n8n-nodes-qlik-cloud.qlikCloud',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function axiosFailure(status: number, data: unknown, headers: Record<string, string> = {}) {
	const response = {
		status,
		statusText: '',
		data,
		headers: new AxiosHeaders(headers),
		config: { headers: new AxiosHeaders() },
	};
	return new AxiosError(
		`Request failed with status code ${status}`,
		'ERR_BAD_RESPONSE',
		undefined,
		undefined,
		response as never,
	);
}

/** As n8n's httpRequestWithAuthentication throws it. */
const wrapped = (status: number, data: unknown, headers?: Record<string, string>) =>
	new NodeApiError(node, axiosFailure(status, data, headers) as unknown as JsonObject);

describe('error mapping', () => {
	it.each([
		[400, 'SPACES-400', 'Invalid space name', 'The name must not contain ":"', undefined],
		[403, 'HTTP-403', 'Forbidden', 'User lacks the permission', 'configuration-invalid'],
		[404, 'SPACES-404', 'Not found', 'Space not found', 'configuration-invalid'],
		[409, 'SPACES-409', 'Conflict', 'A space with this name exists', 'configuration-invalid'],
	])('maps HTTP %i with title, detail, code and status', (status, code, title, detail, cause) => {
		const failure = describeHttpFailure(
			wrapped(status, {
				errors: [{ code, title, detail, status: String(status) }],
				traceId: 'trace-77',
			}),
		);
		expect(failure.status).toBe(status);
		const error = toNodeApiError(node, failure, { itemIndex: 3, subject: 'Space "abc"' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain(title);
		expect(error.message).toContain(detail);
		expect(error.message).toContain(code);
		expect(error.message).toContain(`HTTP ${status}`);
		expect(error.description).toContain('trace-77');
		expect(error.httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(3);
		if (status === 404 || status === 409) expect(error.message).toMatch(/^Space "abc": /);
		expect((error as unknown as { failure?: { cause: string } }).failure?.cause).toBe(cause);
	});

	it('marks 401 as an invalid credential and 429 as rate limited with the wait', () => {
		const e401 = toNodeApiError(
			node,
			describeHttpFailure(wrapped(401, { errors: [{ code: 'HTTP-401', title: 'Unauthorized' }] })),
		);
		expect((e401 as unknown as { failure: { cause: string } }).failure.cause).toBe(
			'credential-invalid',
		);
		const e429 = toNodeApiError(
			node,
			describeHttpFailure(
				wrapped(
					429,
					{ errors: [{ code: 'HTTP-429', title: 'API rate limit reached.' }] },
					{ 'retry-after': '13' },
				),
			),
		);
		expect(
			(e429 as unknown as { failure: { cause: string; retryAfterMs: number } }).failure,
		).toEqual({
			cause: 'rate-limited',
			retryAfterMs: 13000,
		});
	});

	it('keeps a field pointer from Qlik in the description', () => {
		const error = toNodeApiError(
			node,
			describeHttpFailure(
				wrapped(400, {
					errors: [{ code: 'X', title: 'Bad', meta: { source: { pointer: '/name' } } }],
				}),
			),
		);
		expect(error.description).toContain('/name');
	});

	it('reads an HTML error page without crashing', () => {
		const error = toNodeApiError(
			node,
			describeHttpFailure(wrapped(502, '<html><body>Bad gateway</body></html>')),
		);
		expect(error.message).toContain('HTTP 502');
		expect((error as unknown as { failure: { cause: string } }).failure.cause).toBe(
			'temporarily-unavailable',
		);
	});

	it('names a network failure', () => {
		const network = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const failure = describeHttpFailure(new NodeApiError(node, network as unknown as JsonObject));
		expect(failure.status).toBeUndefined();
		expect(failure.networkCode).toBe('ECONNRESET');
		expect(toNodeApiError(node, failure).message).toContain('could not be reached');
	});

	it('reads Retry-After as seconds or a date, and ignores garbage', () => {
		expect(retryAfterToMs('13')).toBe(13000);
		expect(retryAfterToMs('0.5')).toBe(500);
		expect(retryAfterToMs(['2'])).toBe(2000);
		expect(
			retryAfterToMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
		).toBe(10000);
		expect(retryAfterToMs('soon')).toBeUndefined();
		// A negative number is neither seconds nor a date (Date.parse reads "-1" as a year).
		expect(retryAfterToMs('-1')).toBeUndefined();
		expect(retryAfterToMs(' -5 ')).toBeUndefined();
		expect(retryAfterToMs(-1)).toBeUndefined();
		expect(retryAfterToMs(undefined)).toBeUndefined();
	});
});
