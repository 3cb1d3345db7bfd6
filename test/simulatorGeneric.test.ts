/**
 * The simulator's generic layer (routes/generic.ts): every operation of the committed tables
 * answers a valid request with its documented status and response kind; collections keep what
 * is created; hand-written routes keep precedence. (Requests are checked against Qlik's specs:
 * test/simulator/openapi.test.ts.)
 */
import { randomBytes } from 'node:crypto';

import { tables } from '../nodes/QlikCloud/actions/generated';
import type { FieldSpec, TableOperation } from '../nodes/QlikCloud/shared/types';
import { SPEC_BODIES } from './helpers/samples';
import { startSimulator, type Simulator } from './simulator';
import { shapeOf } from './simulator/generic/model';
import { allRoutes } from './simulator/routes';
import { genericRoutes } from './simulator/routes/generic';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ quiet: true, rateLimits: false });
});
afterAll(async () => {
	await sim?.close();
});

type Json = Record<string, any>;
const hex = () => randomBytes(12).toString('hex');

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	bytes: Buffer;
	body: Json;
}

async function call(
	method: string,
	path: string,
	init: {
		json?: unknown;
		form?: FormData;
		bytes?: { data: Buffer; type: string };
		headers?: Record<string, string>;
		token?: string | null;
	} = {},
): Promise<Answer> {
	const headers: Record<string, string> = { ...init.headers };
	const token = init.token === undefined ? sim.credentials.apiKey : init.token;
	if (token) headers.Authorization = `Bearer ${token}`;
	let body: BodyInit | undefined;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	} else if (init.form) body = init.form;
	else if (init.bytes) {
		headers['Content-Type'] = init.bytes.type;
		body = new Uint8Array(init.bytes.data);
	}
	const response = await fetch(`${sim.url}${path}`, { method, headers, body });
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	const isJson = /json/.test(response.headers.get('content-type') ?? '') && text;
	return {
		status: response.status,
		headers: response.headers,
		text,
		bytes,
		body: (isJson ? JSON.parse(text) : {}) as Json,
	};
}

// ---------------------------------------------------------------------------------------------
// a valid minimal request for an operation, built from its table row

function sample(field: FieldSpec): unknown {
	const number = () => Math.max(field.minimum ?? 1, Math.min(field.maximum ?? 5, 5));
	switch (field.type) {
		case 'integer':
		case 'number':
			return number();
		case 'boolean':
			return true;
		case 'array':
			return field.enum
				? [field.enum[0]]
				: field.items === 'integer' || field.items === 'number'
					? [1]
					: ['first'];
		case 'object':
			return {};
		case 'json':
			return [];
		case 'dateTime':
			return '2026-12-01T09:30:00.000Z';
		default:
			if (field.name === 'date') return '2024-01-31';
			return field.enum ? field.enum[0] : 'sample-value';
	}
}

/** A JSON Patch of the first path the spec allows (the field's hint lists them). */
const patchOf = (field?: FieldSpec) => [
	{
		op: 'replace',
		path: /Paths: ([^,\s]+)/.exec(field?.hint ?? '')?.[1] ?? '/name',
		value: 'Renamed',
	},
];
const PATCH = patchOf();

/** Bodies where Qlik's spec asks for more than the row's types say (nested, one of several shapes). */
const BODIES: Record<string, unknown> = {
	...SPEC_BODIES,
	'dataAlert.create': {
		name: 'x',
		appId: 'a',
		conditionId: 'c',
		recipients: { userIds: [{ value: 'u' }] },
		triggerType: 'RELOAD',
	},
	'report.create': { type: 'sense-image-1.0', output: { type: 'pdf', outputId: 'out' } },
};
BODIES['dataAlert.validate'] = BODIES['dataAlert.create'];
/** Bodies built from the row that need one nested property more. */
const NESTED: Record<string, Json> = {
	'dataSet.replace': { dataAssetInfo: { id: 'asset-1' } },
};

interface Built {
	path: string;
	init: Parameters<typeof call>[2];
}

function buildRequest(op: TableOperation, name = ''): Built {
	let path = op.path;
	for (const param of op.pathParams ?? []) {
		const value = param.enum ? param.enum[0] : param.kind === 'path' ? 'images/logo.png' : hex();
		path = path.replace(`{${param.name}}`, value);
		// Items the path goes through exist first.
		if (!param.enum && param.kind !== 'path')
			sim.seed(path.slice(0, path.indexOf(value) + value.length), { name: `Seeded ${value}` });
	}
	const query = new URLSearchParams();
	for (const field of op.query ?? [])
		if (field.required) {
			const value = sample(field);
			query.set(field.name, Array.isArray(value) ? value.join(',') : String(value));
		}
	const headers: Record<string, string> = {};
	for (const field of op.headers ?? [])
		if (field.required) headers[field.name] = field.name === 'Tus-Resumable' ? '1.0.0' : '0';
	const init: Built['init'] = { headers };
	const body = op.body;
	switch (body?.kind) {
		case 'json': {
			const json: Json = {};
			for (const field of body.fields)
				if (field.required && !field.spread) json[field.name] = sample(field);
			init.json = json;
			break;
		}
		case 'jsonPatch': {
			// The first Update Field, at the path the spec allows for it.
			const first = body.fields[0];
			init.json = first
				? [{ op: body.op ?? 'replace', path: `/${first.name}`, value: sample(first) }]
				: PATCH;
			break;
		}
		case 'raw':
			init.json =
				body.field.param === 'patch' || (body.field.type === 'json' && op.method === 'PATCH')
					? patchOf(body.field)
					: body.field.type === 'json'
						? ['first']
						: {};
			break;
		case 'multipart': {
			const form = new FormData();
			for (const field of body.fields) {
				if (field.type === 'binary')
					form.append(field.name, new Blob(['id,name\n1,first\n'], { type: 'text/csv' }), 'a.csv');
				else if (field.required)
					form.append(
						field.name,
						field.type === 'object' ? '{"name":"x"}' : String(sample(field) as string),
					);
			}
			init.form = form;
			break;
		}
		case 'binary':
			init.bytes = { data: Buffer.from('PK\u0003\u0004 some bytes'), type: body.contentType };
			break;
	}
	if (BODIES[name] !== undefined) init.json = BODIES[name];
	if (NESTED[name]) init.json = { ...(init.json as Json), ...NESTED[name] };
	return { path: query.size ? `${path}?${query.toString()}` : path, init };
}

/** The answer has the documented status and the shape of the documented response kind. */
function expectKind(op: TableOperation, answer: Answer) {
	expect({ status: answer.status, error: answer.body.errors }).toEqual({
		status: op.status,
		error: undefined,
	});
	if (op.status === 204) return expect(answer.text).toBe('');
	const response = op.response;
	switch (response.kind) {
		case 'object':
			expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
			expect(typeof answer.body).toBe('object');
			expect(Array.isArray(answer.body)).toBe(false);
			if (op.method === 'POST' && op.status === 201)
				expect(answer.body.id).toEqual(expect.any(String));
			break;
		case 'list':
			expect(answer.body[response.itemsKey ?? 'data']).toEqual(expect.any(Array));
			expect(answer.body.links.self.href).toMatch(new RegExp(`^${sim.url}/`));
			break;
		case 'array':
			expect(Array.isArray(answer.body)).toBe(true);
			break;
		case 'empty':
			expect(answer.text).toBe('');
			break;
		case 'text':
			expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
			expect(answer.text.length).toBeGreaterThan(0);
			break;
		case 'binary':
			expect(answer.headers.get('content-type')).toBe(
				response.mimeType ?? 'application/octet-stream',
			);
			expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"$/);
			expect(answer.bytes.length).toBeGreaterThan(0);
			break;
	}
}

// ---------------------------------------------------------------------------------------------

const all = tables.flatMap((table) =>
	Object.entries(table.operations).map(
		([name, op]) => [`${table.resource}.${name}`, op] as [string, TableOperation],
	),
);
const generic = new Set(genericRoutes(allRoutes).map((r) => `${r.method} ${shapeOf(r.path)}`));
const isGeneric = (op: TableOperation) => generic.has(`${op.method} ${shapeOf(op.path)}`);
const handWritten = new Set(allRoutes.map((r) => `${r.method} ${shapeOf(r.path)}`));

describe('every operation of the tables', () => {
	it('is served: 461 operations, each by a hand-written or a generic route', () => {
		expect(all).toHaveLength(461);
		for (const [name, op] of all) {
			const key = `${op.method} ${shapeOf(op.path)}`;
			expect(`${name}: ${handWritten.has(key) || generic.has(key)}`).toBe(`${name}: true`);
		}
		expect(all.filter(([, op]) => isGeneric(op)).length).toBeGreaterThan(350);
	});

	it.each(all.filter(([, op]) => isGeneric(op)))(
		'%s answers its documented status and kind',
		async (name, op) => {
			const { path, init } = buildRequest(op, name);
			expectKind(op, await call(op.method, path, init));
		},
	);
});

describe('generic collections', () => {
	it('webhook: create → get → replace → patch → list (filter) → delete → 404', async () => {
		const name = `Hook ${hex()}`;
		const created = await call('POST', '/api/v1/webhooks', {
			json: { name, url: 'https://example.com/hooks/a', eventTypes: ['com.qlik.v1.app.created'] },
		});
		expect(created.status).toBe(201);
		const id = created.body.id as string;
		expect(created.body).toMatchObject({ id, name, url: 'https://example.com/hooks/a' });
		expect((await call('GET', `/api/v1/webhooks/${id}`)).body).toMatchObject({ id, name });

		const replaced = await call('PUT', `/api/v1/webhooks/${id}`, {
			json: { name: `${name} v2`, url: 'https://example.com/hooks/b' },
		});
		expect(replaced).toMatchObject({ status: 200, body: { id, name: `${name} v2` } });

		const patched = await call('PATCH', `/api/v1/webhooks/${id}`, {
			json: [{ op: 'replace', path: '/description', value: 'Patched' }],
		});
		expect(patched.status).toBe(204);
		expect((await call('GET', `/api/v1/webhooks/${id}`)).body).toMatchObject({
			id,
			name: `${name} v2`,
			description: 'Patched',
		});

		await call('POST', '/api/v1/webhooks', { json: { name: 'Other', url: 'https://x.example' } });
		const filtered = await call('GET', `/api/v1/webhooks?name=${encodeURIComponent(`${name} v2`)}`);
		expect(filtered.body.data.map((w: Json) => w.id)).toEqual([id]);

		expect((await call('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(204);
		const gone = await call('GET', `/api/v1/webhooks/${id}`);
		expect(gone.status).toBe(404);
		expect(gone.body.errors[0]).toMatchObject({ status: '404', code: expect.any(String) });
		expect((await call('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(404);
	});

	it('glossary + term: nested collection, parent must exist, pages, cascade on delete', async () => {
		const glossary = await call('POST', '/api/v1/glossaries', { json: { name: 'Finance terms' } });
		expect(glossary.status).toBe(201);
		const terms = `/api/v1/glossaries/${glossary.body.id}/terms`;

		const ids: string[] = [];
		for (const name of ['Revenue', 'Margin', 'Churn']) {
			const term = await call('POST', terms, { json: { name, tags: ['kpi'] } });
			expect(term.status).toBe(201);
			ids.push(term.body.id as string);
		}
		const term = await call('GET', `${terms}/${ids[1]}`);
		expect(term.body).toMatchObject({ id: ids[1], name: 'Margin', tags: ['kpi'] });

		// Glossary terms take `replace` operations only (the spec's JSONPatch).
		const patch = [
			{ op: 'replace', path: '/name', value: 'Gross margin' },
			{ op: 'replace', path: '/description', value: 'Revenue less cost' },
		];
		expect((await call('PATCH', `${terms}/${ids[1]}`, { json: patch })).status).toBe(204);
		expect((await call('GET', `${terms}/${ids[1]}`)).body).toMatchObject({
			name: 'Gross margin',
			description: 'Revenue less cost',
			tags: ['kpi'],
		});

		// Cursor pages with absolute links, at most the table's page size.
		const seen: string[] = [];
		let next: string | undefined = `${terms}?limit=2`;
		while (next) {
			const page = await call('GET', next.replace(sim.url, ''));
			expect(page.status).toBe(200);
			expect(page.body.data.length).toBeLessThanOrEqual(2);
			expect(page.body.links.self.href).toMatch(new RegExp(`^${sim.url}/`));
			seen.push(...page.body.data.map((t: Json) => t.id as string));
			next = page.body.links.next?.href;
		}
		expect(seen).toEqual(ids);
		const sorted = await call('GET', `${terms}?sort=-name`);
		expect(sorted.body.data.map((t: Json) => t.name)).toEqual(['Revenue', 'Gross margin', 'Churn']);
		expect((await call('GET', `${terms}?limit=1000`)).status).toBe(400);

		const orphan = await call('POST', `/api/v1/glossaries/${hex()}/terms`, { json: { name: 'x' } });
		expect(orphan.status).toBe(404);

		expect((await call('DELETE', `/api/v1/glossaries/${glossary.body.id}`)).status).toBe(204);
		expect((await call('GET', `${terms}/${ids[0]}`)).status).toBe(404);
		expect(sim.state.generic.items.get(terms)).toBeUndefined();
	});

	it('data alert: create (202) → get → patch → list (list shape) → delete', async () => {
		const appId = hex();
		const conditionId = hex();
		const created = await call('POST', '/api/v1/data-alerts', {
			json: {
				name: 'Sales drop',
				appId,
				conditionId,
				recipients: { userIds: [{ value: sim.credentials.users.admin.id }] },
				triggerType: 'RELOAD',
			},
		});
		expect(created).toMatchObject({ status: 202, body: { name: 'Sales drop', appId } });
		const path = `/api/v1/data-alerts/${created.body.id}`;
		expect((await call('GET', path)).body).toMatchObject({ triggerType: 'RELOAD' });
		expect(
			(await call('PATCH', path, { json: [{ op: 'replace', path: '/name', value: 'Sales fall' }] }))
				.status,
		).toBe(204);
		// Data alerts list under `tasks`, not `data`.
		const listed = await call('GET', `/api/v1/data-alerts?conditionId=${conditionId}`);
		expect(listed.body.tasks).toEqual([
			expect.objectContaining({ id: created.body.id, name: 'Sales fall' }),
		]);
		expect((await call('GET', `/api/v1/data-alerts?conditionId=${hex()}`)).body.tasks).toEqual([]);
		expect((await call('DELETE', path)).status).toBe(204);
		expect((await call('GET', path)).status).toBe(404);
	});

	it('seed() stores an item at a concrete path; reset() leaves only the built-in roles', async () => {
		expect(sim.seed('/api/v1/data-alerts/abc', { name: 'x' })).toEqual({ id: 'abc', name: 'x' });
		expect((await call('GET', '/api/v1/data-alerts/abc')).body).toEqual({ id: 'abc', name: 'x' });
		const user = sim.seed(`/api/v1/users/${'1'.repeat(24)}`, { name: 'Seeded Sam' });
		expect((await call('GET', `/api/v1/users/${user.id as string}`)).body).toMatchObject({
			name: 'Seeded Sam',
		});
		await call('PATCH', '/api/v1/groups/settings', {
			json: [{ op: 'replace', path: '/syncIdpGroups', value: true }],
		});

		sim.reset();
		expect((await call('GET', '/api/v1/data-alerts/abc')).status).toBe(404);
		expect((await call('GET', '/api/v1/groups/settings')).body).toEqual({});
		expect([...sim.state.generic.items.keys()]).toEqual(['/api/v1/roles']);
		expect(sim.state.users.has('1'.repeat(24))).toBe(false);
		const roles = (await call('GET', '/api/v1/roles?limit=100')).body.data as Array<{
			name: string;
		}>;
		expect(roles.map((r) => r.name)).toContain('TenantAdmin');
	});

	it('remembers what a settings PUT/PATCH wrote and answers it on GET', async () => {
		const settings = '/api/workflows/automations/settings';
		expect(
			(await call('PUT', settings, { json: { maxConcurrentRunsPerAutomation: 3 } })).body,
		).toEqual({ maxConcurrentRunsPerAutomation: 3 });
		expect((await call('GET', settings)).body).toEqual({ maxConcurrentRunsPerAutomation: 3 });
		const wrong = await call('PUT', settings, { json: { maxConcurrentRunsPerAutomation: 1.5 } });
		expect(wrong.body.errors[0].source).toEqual({ pointer: '/maxConcurrentRunsPerAutomation' });
		await call('PATCH', '/api/v1/groups/settings', {
			json: [{ op: 'replace', path: '/autoCreateGroups', value: true }],
		});
		expect((await call('GET', '/api/v1/groups/settings')).body).toEqual({ autoCreateGroups: true });
	});

	it('gives an uploaded file back on download', async () => {
		const appId = hex();
		sim.seed(`/api/v1/apps/${appId}`, { name: 'App' });
		const media = `/api/v1/apps/${appId}/media/files/images/logo.png`;
		const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
		const put = await call('PUT', media, { bytes: { data: logo, type: 'image/png' } });
		expect(put.status).toBe(200);
		const got = await call('GET', media);
		expect(got.bytes).toEqual(logo);
		expect(got.headers.get('content-type')).toBe('image/png');
		expect(got.headers.get('content-disposition')).toBe('attachment; filename="logo.png"');

		const upload = await call('POST', '/api/v1/temp-contents?filename=sales.csv', {
			bytes: { data: Buffer.from('a,b\n1,2\n'), type: 'application/octet-stream' },
		});
		expect(upload.status).toBe(201);
		const location = upload.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^${sim.url}/api/v1/temp-contents/[0-9a-f]{24}$`));
		const download = await call('GET', location.replace(sim.url, ''));
		expect(download.text).toBe('a,b\n1,2\n');
		expect(download.headers.get('content-disposition')).toBe('attachment; filename="sales.csv"');
	});
});

describe('unknown items', () => {
	it('404 for an unknown id, also of a parent', async () => {
		const missing = await call('GET', `/api/v1/data-alerts/${hex()}`);
		expect(missing.status).toBe(404);
		expect(missing.body.errors[0]).toMatchObject({ code: 'HTTP-404', status: '404' });
		const parent = await call('POST', `/api/v1/apps/${hex()}/copy`, { json: {} });
		expect(parent.status).toBe(404);
	});
});

describe('auth, rate limits and the log apply to generic routes', () => {
	it('needs a bearer token', async () => {
		const answer = await call('GET', '/api/v1/webhooks', { token: null });
		expect(answer.status).toBe(401);
		expect(answer.headers.get('www-authenticate')).toBe('Bearer');
	});

	it('counts against the tier of the operation', async () => {
		sim.setRateLimits({ '2': { limit: 2, windowMs: 60_000 } });
		try {
			const create = () => call('POST', '/api/v1/glossaries', { json: { name: 'g' } });
			expect((await create()).status).toBe(201);
			expect((await create()).status).toBe(201);
			const limited = await create();
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
			expect((await call('GET', '/api/v1/glossaries')).status).toBe(200); // tier 1
			expect(sim.log[sim.log.length - 2]).toMatchObject({ status: 429, tier: '2' });
		} finally {
			sim.setRateLimits(false);
		}
	});

	it('logs the parsed query and JSON body, multipart parts and binary sizes, secrets redacted', async () => {
		sim.clearLog();
		await call('GET', '/api/v1/webhooks?enabled=true&name=a&name=b');
		await call('POST', '/api/v1/webhooks', {
			json: { name: 'Signed', url: 'https://example.com', secret: 'do-not-log-this-secret-value' },
		});
		const form = new FormData();
		form.append('name', 'Brand');
		form.append('password', 'hunter2-hunter2');
		form.append('logo', new Blob([Buffer.from('PNGDATA')], { type: 'image/png' }), 'logo.png');
		await call('POST', '/api/v1/brands', { form });
		await call('POST', '/api/v1/apps/import', {
			bytes: { data: Buffer.alloc(1234, 1), type: 'application/octet-stream' },
		});
		const [list, create, brand, upload] = sim.log;
		// A repeated name is refused by the spec (one string), and logged as it came.
		expect(list).toMatchObject({
			method: 'GET',
			tier: '1',
			status: 400,
			query: { enabled: 'true', name: ['a', 'b'] },
		});
		expect(create.body).toEqual({
			name: 'Signed',
			url: 'https://example.com',
			secret: '<redacted>',
		});
		expect(brand).toMatchObject({ status: 201, tier: '2' });
		expect(brand.body).toEqual({
			name: 'Brand',
			password: '<redacted>',
			logo: { filename: 'logo.png', size: 7, contentType: 'image/png' },
		});
		expect(upload.body).toEqual({ bytes: 1234, contentType: 'application/octet-stream' });
		expect(JSON.stringify(sim.log)).not.toContain('hunter2');
		expect(JSON.stringify(sim.log)).not.toContain('do-not-log-this');
	});
});

describe('hand-written routes keep precedence', () => {
	it('spaces answer as before (their own rules, codes and shapes)', async () => {
		const created = await call('POST', '/api/v1/spaces', {
			json: { name: `Generic check ${hex()}`, type: 'shared' },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ type: 'shared', meta: { actions: expect.any(Array) } });
		const unknown = await call('POST', '/api/v1/spaces', {
			json: { name: 'x', type: 'shared', color: 'red' },
		});
		expect(unknown.body.errors[0].code).toBe('SPACES-400');
		expect((await call('GET', '/api/v1/spaces/types')).body).toEqual({
			data: ['shared', 'managed', 'data'],
		});
		const missing = await call('GET', `/api/v1/spaces/${hex()}`);
		expect(missing.body.errors[0].code).toBe('SPACES-404');
		const seeded = sim.seed(`/api/v1/spaces/${hex()}`, { name: 'Seeded space', type: 'managed' });
		expect((await call('GET', `/api/v1/spaces/${seeded.id as string}`)).body).toMatchObject({
			name: 'Seeded space',
			type: 'managed',
		});
	});

	it('users and groups: created, patched and deleted in the records the reads use', async () => {
		const user = await call('POST', '/api/v1/users', {
			json: { subject: `auth0|${hex()}`, name: 'New Nina', assignedRoles: [{ name: 'Developer' }] },
		});
		expect(user.status).toBe(201);
		const userPath = `/api/v1/users/${user.body.id}`;
		const patched = await call('PATCH', userPath, {
			json: [{ op: 'replace', path: '/name', value: 'Nina N.' }],
		});
		expect(patched.status).toBe(207);
		expect((await call('GET', userPath)).body).toMatchObject({
			name: 'Nina N.',
			assignedRoles: [expect.objectContaining({ name: 'Developer' })],
		});
		expect((await call('DELETE', userPath)).status).toBe(204);
		expect((await call('GET', userPath)).status).toBe(404);

		const group = await call('POST', '/api/v1/groups', { json: { name: `Group ${hex()}` } });
		expect(group.status).toBe(201);
		const groupPath = `/api/v1/groups/${group.body.id}`;
		await call('PATCH', groupPath, {
			json: [{ op: 'replace', path: 'description', value: 'Patched' }],
		});
		expect((await call('GET', groupPath)).body).toMatchObject({ description: 'Patched' });
		expect((await call('DELETE', groupPath)).status).toBe(204);
		expect((await call('GET', groupPath)).status).toBe(404);
	});

	it('a test’s extra route wins over the generic one for its method and path', async () => {
		const own = await startSimulator({ quiet: true, rateLimits: false }, [
			{
				method: 'GET',
				path: '/api/v1/glossaries/{glossaryId}',
				tier: '1',
				handler: (ctx) => ({ status: 200, body: { mine: ctx.params.glossaryId } }),
			},
		]);
		try {
			const answer = await fetch(`${own.url}/api/v1/glossaries/abc`, {
				headers: { Authorization: `Bearer ${own.credentials.apiKey}` },
			});
			expect(await answer.json()).toEqual({ mine: 'abc' });
		} finally {
			await own.close();
		}
	});
});
