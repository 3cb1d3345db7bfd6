/**
 * The simulator checks every request against Qlik's own specs (openapi.ts): requests that break
 * them, sent on purpose, are answered 400 (or 415) in Qlik's envelope naming what is wrong; every
 * operation's request schema compiles; the repairs of the specs keep their meaning.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { useSimulator } from '../helpers/sim';
import { compileAll, repairPattern, repairSpec } from './openapi';

const simulator = useSimulator();

type Json = Record<string, any>;
const hex = () => randomBytes(12).toString('hex');

async function call(
	method: string,
	path: string,
	init: { json?: unknown; form?: FormData; headers?: Record<string, string>; text?: string } = {},
): Promise<{ status: number; body: Json }> {
	const sim = simulator();
	const headers: Record<string, string> = {
		Authorization: `Bearer ${sim.credentials.apiKey}`,
		...init.headers,
	};
	let body: BodyInit | undefined = init.form ?? init.text;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	const response = await fetch(`${sim.url}${path}`, { method, headers, body });
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/** A 400 in Qlik's envelope: `{ errors: [{ code, title, detail, status, source }], traceId }`. */
function expect400(answer: { status: number; body: Json }, where: Json, mentions: string) {
	expect(answer.status).toBe(400);
	expect(answer.body.errors[0]).toMatchObject({
		code: 'HTTP-400',
		title: 'Bad request',
		status: '400',
		source: where,
		meta: { source: where },
	});
	expect(answer.body.errors[0].detail).toContain(mentions);
	expect(answer.body.traceId).toMatch(/^[0-9a-f]{32}$/);
}

describe("requests that break Qlik's specs are refused", () => {
	it('a missing required body property, on a hand-written route and a generic one', async () => {
		expect400(
			await call('POST', '/api/v1/spaces', { json: { name: 'no type' } }),
			{ pointer: '/type' },
			'/type is required',
		);
		expect400(
			await call('POST', '/api/v1/glossaries', { json: { description: 'no name' } }),
			{ pointer: '/name' },
			'/name is required',
		);
	});

	it('a missing body the spec requires (JSON, and bytes)', async () => {
		const app = hex();
		simulator().seed(`/api/v1/apps/${app}`, {});
		expect400(await call('POST', `/api/v1/apps/${app}/copy`), { pointer: '' }, 'body is required');
		expect400(await call('POST', '/api/v1/data-alerts'), { pointer: '' }, 'body is required');
		expect400(
			await call('PUT', `/api/v1/apps/${app}/media/files/logo.png`),
			{ pointer: '' },
			'body is required',
		);
	});

	it('a value outside an enum (body and path), naming the allowed ones', async () => {
		expect400(
			await call('POST', '/api/v1/spaces', { json: { name: 'x', type: 'private' } }),
			{ pointer: '/type' },
			'must be one of "shared", "managed", "data"',
		);
		const brand = hex();
		simulator().seed(`/api/v1/brands/${brand}`, {});
		expect400(
			await call('GET', `/api/v1/brands/${brand}/files/banner`),
			{ parameter: 'brand-file-id' },
			'"logo", "favIcon", "styles"',
		);
	});

	it('wrong types: in the query and in the body, also of an array item', async () => {
		expect400(
			await call('GET', '/api/v1/spaces?limit=many'),
			{ parameter: 'limit' },
			'query parameter limit must be integer',
		);
		expect400(
			await call('GET', '/api/v1/data-files?allowInternalFiles=yes'),
			{ parameter: 'allowInternalFiles' },
			'must be boolean',
		);
		expect400(
			await call('POST', '/api/v1/glossaries', { json: { name: 'x', tags: 'kpi' } }),
			{ pointer: '/tags' },
			'/tags must be array',
		);
		expect400(
			await call('POST', '/api/v1/glossaries', { json: { name: 'x', tags: ['a', 3] } }),
			{ pointer: '/tags/1' },
			'must be string',
		);
	});

	it('a pattern, a length and a range', async () => {
		expect400(
			await call('POST', '/api/v1/spaces', { json: { name: 'a"b', type: 'shared' } }),
			{ pointer: '/name' },
			'/name must match the pattern',
		);
		expect400(
			await call('POST', '/api/v1/spaces', { json: { name: 'x'.repeat(257), type: 'shared' } }),
			{ pointer: '/name' },
			'must NOT have more than 256 characters',
		);
		expect400(
			await call('GET', '/api/v1/glossaries?limit=500'),
			{ parameter: 'limit' },
			'must be <= 100',
		);
	});

	it('a property the spec does not allow (additionalProperties: false)', async () => {
		expect400(
			await call('POST', '/api/v1/data-files/actions/delete', {
				json: { delete: [{ id: randomUUID() }], force: true },
			}),
			{ pointer: '/force' },
			'/force is not allowed',
		);
	});

	it('required query parameters (arrays: each item checked) and headers', async () => {
		const app = hex();
		simulator().seed(`/api/v1/apps/${app}`, {});
		expect400(
			await call('GET', `/api/v1/apps/${app}/report-filters`),
			{ parameter: 'filterTypes' },
			'query parameter filterTypes is required',
		);
		for (const form of ['filterTypes=REP,SUB', 'filterTypes=REP&filterTypes=SUB'])
			expect((await call('GET', `/api/v1/apps/${app}/report-filters?${form}`)).status).toBe(200);
		expect400(
			await call('GET', `/api/v1/apps/${app}/report-filters?filterTypes=REP,XYZ`),
			{ parameter: 'filterTypes' },
			'filterTypes (item 1) must be one of "REP", "SUB"',
		);
		const client = hex();
		simulator().seed(`/api/v1/oauth-clients/${client}`, {});
		expect400(
			await call('DELETE', `/api/v1/oauth-clients/${client}`),
			{ parameter: 'qlik-confirm-delete' },
			'header qlik-confirm-delete is required',
		);
	});

	it('JSON Patch operations: the shape and the allowed paths', async () => {
		const glossary = (await call('POST', '/api/v1/glossaries', { json: { name: 'g' } })).body;
		const path = `/api/v1/glossaries/${glossary.id}`;
		expect400(await call('PATCH', path, { json: { name: 'x' } }), { pointer: '' }, 'must be array');
		expect400(
			await call('PATCH', path, { json: [{ op: 'rename', path: '/name', value: 'x' }] }),
			{ pointer: '/0/op' },
			'must be one of',
		);
		const key = hex();
		simulator().seed(`/api/v1/api-keys/${key}`, {});
		expect400(
			await call('PATCH', `/api/v1/api-keys/${key}`, {
				json: [{ op: 'replace', path: '/sub', value: 'x' }],
			}),
			{ pointer: '/0/path' },
			'"/description"',
		);
	});

	it('multipart: the required parts, and the JSON part of a data-file upload', async () => {
		const noName = new FormData();
		noName.append('description', 'd');
		expect400(await call('POST', '/api/v1/brands', { form: noName }), { pointer: '/name' }, 'name');
		const upload = new FormData();
		upload.append('Json', JSON.stringify({ name: 'a<b.csv' }));
		upload.append('File', new Blob(['a,b\n1,2\n']), 'a.csv');
		expect400(
			await call('POST', '/api/v1/data-files', { form: upload }),
			{ pointer: '/Json/name' },
			'must match the pattern',
		);
	});

	it('a body in a media type the spec does not list: 415', async () => {
		const answer = await call('POST', '/api/v1/glossaries', {
			text: 'name=x',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(answer.status).toBe(415);
		expect(answer.body.errors[0]).toMatchObject({ code: 'HTTP-415', status: '415' });
		expect(answer.body.errors[0].detail).toContain('application/json');
	});

	it('a request that keeps to the spec passes', async () => {
		expect(
			(await call('POST', '/api/v1/spaces', { json: { name: hex(), type: 'shared' } })).status,
		).toBe(201);
		expect((await call('GET', '/api/v1/spaces?limit=100&type=shared')).status).toBe(200);
	});
});

describe("Qlik's specs as the simulator reads them", () => {
	it('every operation in scope has a request schema that compiles (461)', async () => {
		expect(await compileAll()).toBe(461);
	});

	it('repairs a pattern JavaScript refuses in unicode mode, keeping what it matches', () => {
		const spaceName = '^[^\\"\\*\\?\\<\\>\\/\\|\\\\\\:]+$';
		expect(() => new RegExp(spaceName, 'u')).toThrow();
		const repaired = new RegExp(repairPattern(spaceName), 'u');
		for (const ok of ['Sales', 'a-b c_d.1']) expect(repaired.test(ok)).toBe(true);
		for (const bad of ['a"b', 'a*b', 'a?b', 'a<b', 'a>b', 'a/b', 'a|b', 'a\\b', 'a:b', ''])
			expect(repaired.test(bad)).toBe(false);
		expect(repairPattern('^\\d{4}-[a-z]\\.\\u0000$')).toBe('^\\d{4}-[a-z]\\.\\u0000$');
	});

	it('reads a date-format "pattern" as the dates it describes', () => {
		const doc = repairSpec({
			components: { schemas: { d: { type: 'string', pattern: 'YYYY-MM-DD' } } },
		});
		const pattern = new RegExp((doc.components as Json).schemas.d.pattern, 'u');
		expect(pattern.test('2024-01-31')).toBe(true);
		expect(pattern.test('YYYY-MM-DD')).toBe(false);
	});
});
