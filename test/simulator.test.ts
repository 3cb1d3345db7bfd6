/**
 * The tenant simulator checked on its own, over plain HTTP (Node's fetch): it is the oracle of
 * every other test, so its auth, validation, pagination, rate limits, faults and log must hold.
 */
import { createHash, randomBytes } from 'node:crypto';

import { startSimulator, type RequestLogEntry, type Simulator } from './simulator';

let sim: Simulator;
/** Every secret value that went over the wire, for the log-redaction check at the end. */
const secrets = new Set<string>();
/** Every log entry of the main simulator, whatever tests cleared. */
const everything: RequestLogEntry[] = [];

beforeAll(async () => {
	sim = await startSimulator({ quiet: true, rateLimits: false, onLog: (e) => everything.push(e) });
});
afterAll(async () => {
	await sim?.close();
});

type Json = Record<string, any>;

async function api(
	path: string,
	init: { method?: string; body?: unknown; token?: string | null; redirect?: RequestRedirect } = {},
) {
	const headers: Record<string, string> = {};
	const token = init.token === undefined ? sim.credentials.apiKey : init.token;
	if (token) headers.Authorization = `Bearer ${token}`;
	if (init.body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
		redirect: init.redirect,
	});
	const text = await response.text();
	const body = (
		text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text
	) as Json;
	return { status: response.status, headers: response.headers, body };
}

async function tokenRequest(
	body: Record<string, unknown>,
	as: 'json' | 'form' = 'json',
	basic?: [string, string],
) {
	const headers: Record<string, string> = {
		'Content-Type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
	};
	if (basic) headers.Authorization = `Basic ${Buffer.from(basic.join(':')).toString('base64')}`;
	const response = await fetch(`${sim.url}/oauth/token`, {
		method: 'POST',
		headers,
		body:
			as === 'json'
				? JSON.stringify(body)
				: new URLSearchParams(body as Record<string, string>).toString(),
	});
	const json = (await response.json()) as Json;
	for (const key of ['access_token', 'refresh_token'])
		if (typeof json[key] === 'string') secrets.add(json[key]);
	return { status: response.status, body: json };
}

const m2m = () => ({
	client_id: sim.credentials.m2m.clientId,
	client_secret: sim.credentials.m2m.clientSecret,
});

function pkcePair() {
	const verifier = randomBytes(48).toString('base64url');
	secrets.add(verifier);
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';

async function authorize(params: Record<string, string>) {
	const url = new URL(`${sim.url}/oauth/authorize`);
	url.search = new URLSearchParams(params).toString();
	const response = await fetch(url, { redirect: 'manual' });
	const location = response.headers.get('location');
	const back = location ? new URL(location) : undefined;
	const code = back?.searchParams.get('code') ?? undefined;
	if (code) secrets.add(code);
	return { status: response.status, back, code };
}

async function authorizeCode(clientId: string, scope = 'user_default offline_access') {
	const { verifier, challenge } = pkcePair();
	const state = randomBytes(8).toString('hex');
	const answer = await authorize({
		client_id: clientId,
		redirect_uri: redirectUri,
		response_type: 'code',
		scope,
		state,
		code_challenge: challenge,
		code_challenge_method: 'S256',
		login_hint: 'someone@example.com',
	});
	expect(answer.status).toBe(302);
	expect(answer.back?.searchParams.get('state')).toBe(state);
	return { code: answer.code as string, verifier };
}

async function createSpace(name: string, type = 'shared', token?: string) {
	return api('/api/v1/spaces', { method: 'POST', body: { name, type }, token });
}

describe('authentication of /api calls', () => {
	it('answers 401 with the error envelope without a token, or with an unknown one', async () => {
		const none = await api('/api/v1/spaces/types', { token: null });
		expect(none.status).toBe(401);
		expect(none.body).toEqual({
			errors: [
				expect.objectContaining({ code: 'HTTP-401', title: expect.any(String), status: '401' }),
			],
			traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect((await api('/api/v1/spaces/types', { token: 'not-a-token' })).status).toBe(401);
	});

	it('accepts the seeded API key and records the admin as principal', async () => {
		sim.clearLog();
		const types = await api('/api/v1/spaces/types');
		expect(types).toMatchObject({ status: 200, body: { data: ['shared', 'managed', 'data'] } });
		expect(sim.log[0].principal).toMatchObject({
			kind: 'apiKey',
			userId: sim.credentials.users.admin.id,
		});
	});

	it('gives random credentials that differ between simulators', async () => {
		const other = await startSimulator({ quiet: true });
		try {
			expect(other.credentials.apiKey).not.toBe(sim.credentials.apiKey);
			expect(other.credentials.m2m.clientSecret).not.toBe(sim.credentials.m2m.clientSecret);
			expect(sim.credentials.apiKey.length).toBeGreaterThanOrEqual(40);
		} finally {
			await other.close();
		}
	});
});

describe('OAuth machine-to-machine', () => {
	it('issues a bot token with client credentials sent as JSON (default scope user_default)', async () => {
		const { status, body } = await tokenRequest({ grant_type: 'client_credentials', ...m2m() });
		expect(status).toBe(200);
		expect(body).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 21600,
			expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			scope: 'user_default',
		});
		sim.clearLog();
		expect((await api('/api/v1/spaces/types', { token: body.access_token })).status).toBe(200);
		expect(sim.log[0].principal).toMatchObject({
			kind: 'oauth',
			userId: sim.credentials.users.bot.id,
			clientId: sim.credentials.m2m.clientId,
		});
	});

	it('accepts a form-encoded body and HTTP Basic client authentication', async () => {
		const form = await tokenRequest(
			{ grant_type: 'client_credentials', ...m2m(), scope: 'user_default' },
			'form',
		);
		expect(form.status).toBe(200);
		const basic = await tokenRequest({ grant_type: 'client_credentials' }, 'form', [
			sim.credentials.m2m.clientId,
			sim.credentials.m2m.clientSecret,
		]);
		expect(basic.status).toBe(200);
	});

	it('refuses a wrong secret with 401 invalid_client and an unknown scope with 400', async () => {
		const wrong = await tokenRequest({
			grant_type: 'client_credentials',
			...m2m(),
			client_secret: 'nope',
		});
		expect(wrong.status).toBe(401);
		expect(wrong.body).toMatchObject({
			error: 'invalid_client',
			errors: [expect.objectContaining({ status: '401' })],
		});
		const scope = await tokenRequest({
			grant_type: 'client_credentials',
			...m2m(),
			scope: 'everything',
		});
		expect(scope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
	});

	it('impersonates a user by subject or id with user_lookup in JSON', async () => {
		const member = sim.credentials.users.member;
		for (const lookup of [
			{ field: 'subject', value: member.subject },
			{ field: 'userId', value: member.id },
		]) {
			const { status, body } = await tokenRequest({
				grant_type: 'urn:qlik:oauth:user-impersonation',
				...m2m(),
				user_lookup: lookup,
			});
			expect(status).toBe(200);
			const me = await api('/api/v1/users/me', { token: body.access_token });
			expect(me.body.id).toBe(member.id);
		}
	});

	it('refuses impersonation of an unknown user, from a form body, or by another client', async () => {
		const unknown = await tokenRequest({
			grant_type: 'urn:qlik:oauth:user-impersonation',
			...m2m(),
			user_lookup: { field: 'subject', value: 'nobody' },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0]).toMatchObject({
			code: expect.stringMatching(/^OAUTH-/),
			status: '400',
		});
		const form = await tokenRequest(
			{ grant_type: 'urn:qlik:oauth:user-impersonation', ...m2m(), user_lookup: 'subject' },
			'form',
		);
		expect(form.status).toBe(400);
		const web = await tokenRequest({
			grant_type: 'urn:qlik:oauth:user-impersonation',
			client_id: sim.credentials.interactiveConfidential.clientId,
			client_secret: sim.credentials.interactiveConfidential.clientSecret,
			user_lookup: { field: 'userId', value: sim.credentials.users.member.id },
		});
		expect(web).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
	});
});

describe('OAuth authorization code with PKCE', () => {
	it('redirects with code and state, and exchanges the code (public client, no secret)', async () => {
		const { code, verifier } = await authorizeCode(sim.credentials.interactive.clientId);
		const { status, body } = await tokenRequest(
			{
				grant_type: 'authorization_code',
				code,
				code_verifier: verifier,
				redirect_uri: redirectUri,
				client_id: sim.credentials.interactive.clientId,
			},
			'form',
		);
		expect(status).toBe(200);
		expect(body).toMatchObject({ token_type: 'bearer', scope: 'user_default offline_access' });
		expect(body.refresh_token).toEqual(expect.any(String));
		const me = await api('/api/v1/users/me', { token: body.access_token });
		expect(me.body.id).toBe(sim.credentials.users.admin.id);
	});

	it('rejects a wrong verifier, a reused code and a different redirect_uri', async () => {
		const client_id = sim.credentials.interactive.clientId;
		const first = await authorizeCode(client_id);
		const wrong = await tokenRequest({
			grant_type: 'authorization_code',
			code: first.code,
			code_verifier: 'b'.repeat(64),
			redirect_uri: redirectUri,
			client_id,
		});
		expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

		const second = await authorizeCode(client_id);
		const exchange = {
			grant_type: 'authorization_code',
			code: second.code,
			code_verifier: second.verifier,
			client_id,
		};
		const elsewhere = await tokenRequest({
			...exchange,
			redirect_uri: 'http://localhost:5678/other',
		});
		expect(elsewhere).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const ok = await tokenRequest({ ...exchange, redirect_uri: redirectUri });
		expect(ok.status).toBe(200);
		const again = await tokenRequest({ ...exchange, redirect_uri: redirectUri });
		expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		// The replay revoked what the code had produced.
		expect((await api('/api/v1/spaces/types', { token: ok.body.access_token })).status).toBe(401);
	});

	it('needs the secret for the confidential web client, and no refresh token without offline_access', async () => {
		const { clientId, clientSecret } = sim.credentials.interactiveConfidential;
		const { code, verifier } = await authorizeCode(clientId, 'user_default');
		const exchange = {
			grant_type: 'authorization_code',
			code,
			code_verifier: verifier,
			redirect_uri: redirectUri,
			client_id: clientId,
		};
		expect((await tokenRequest(exchange)).status).toBe(401);
		const ok = await tokenRequest({ ...exchange, client_secret: clientSecret });
		expect(ok.status).toBe(200);
		expect(ok.body.refresh_token).toBeUndefined();
	});

	it('answers 400 for an unregistered redirect_uri and redirects with error for a bad request', async () => {
		const { challenge } = pkcePair();
		const base = {
			client_id: sim.credentials.interactive.clientId,
			redirect_uri: 'http://evil.example/cb',
			response_type: 'code',
			scope: 'user_default',
			state: 's1',
			code_challenge: challenge,
			code_challenge_method: 'S256',
		};
		expect((await authorize(base)).status).toBe(400);
		const plain = await authorize({
			...base,
			redirect_uri: redirectUri,
			code_challenge_method: 'plain',
		});
		expect(plain.status).toBe(302);
		expect(plain.back?.searchParams.get('error')).toBe('invalid_request');
		expect(plain.back?.searchParams.get('state')).toBe('s1');
		expect(plain.code).toBeUndefined();
		const registered = 'http://127.0.0.1:9999/callback';
		sim.registerRedirectUri(sim.credentials.interactive.clientId, registered);
		expect((await authorize({ ...base, redirect_uri: registered })).status).toBe(302);
	});

	it('refreshes with rotation, and refresh still works after expireAllTokens', async () => {
		const client_id = sim.credentials.interactive.clientId;
		const { code, verifier } = await authorizeCode(client_id);
		const first = await tokenRequest({
			grant_type: 'authorization_code',
			code,
			code_verifier: verifier,
			redirect_uri: redirectUri,
			client_id,
		});
		sim.expireAllTokens();
		expect((await api('/api/v1/spaces/types', { token: first.body.access_token })).status).toBe(
			401,
		);
		const refreshed = await tokenRequest(
			{ grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id },
			'form',
		);
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.access_token).not.toBe(first.body.access_token);
		expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
		expect((await api('/api/v1/spaces/types', { token: refreshed.body.access_token })).status).toBe(
			200,
		);
		const reused = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: first.body.refresh_token,
		});
		expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
	});

	it('expires tokens after the TTL and revokes on /oauth/revoke', async () => {
		sim.setTokenTtl(0);
		const expired = await tokenRequest({ grant_type: 'client_credentials', ...m2m() });
		sim.setTokenTtl(21600);
		expect(expired.body.expires_in).toBe(0);
		expect((await api('/api/v1/spaces/types', { token: expired.body.access_token })).status).toBe(
			401,
		);
		const live = await tokenRequest({ grant_type: 'client_credentials', ...m2m() });
		const revoke = await fetch(`${sim.url}/oauth/revoke`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ token: live.body.access_token, token_type_hint: 'access_token' }),
		});
		expect(revoke.status).toBe(200);
		expect((await api('/api/v1/spaces/types', { token: live.body.access_token })).status).toBe(401);
	});

	it('publishes its endpoints as absolute URLs', async () => {
		const { body } = await api('/.well-known/oauth-authorization-server', { token: null });
		expect(body).toMatchObject({
			issuer: sim.url,
			authorization_endpoint: `${sim.url}/oauth/authorize`,
			token_endpoint: `${sim.url}/oauth/token`,
			revocation_endpoint: `${sim.url}/oauth/revoke`,
		});
	});
});

describe('users', () => {
	it('redirects users/me with 301 to the caller, on the same origin', async () => {
		const me = await api('/api/v1/users/me', { redirect: 'manual' });
		expect(me.status).toBe(301);
		expect(me.headers.get('location')).toBe(
			`${sim.url}/api/v1/users/${sim.credentials.users.admin.id}`,
		);
		const followed = await api('/api/v1/users/me');
		expect(followed.body).toMatchObject({
			id: sim.credentials.users.admin.id,
			subject: sim.credentials.users.admin.subject,
			assignedRoles: [
				expect.objectContaining({ name: 'TenantAdmin', level: 'admin' }),
				expect.anything(),
			],
		});
	});

	it('lists users with a SCIM filter, limit and cursor', async () => {
		const filtered = await api(`/api/v1/users?filter=${encodeURIComponent('name co "member"')}`);
		expect(filtered.body.data.map((u: Json) => u.id)).toEqual([sim.credentials.users.member.id]);
		const page = await api('/api/v1/users?limit=2&totalResults=true');
		expect(page.body.data).toHaveLength(2);
		expect(page.body.totalResults).toBe(3);
		const next = await api(page.body.links.next.href);
		expect(next.body.data).toHaveLength(1);
		expect((await api('/api/v1/users?limit=101')).status).toBe(400);
		expect((await api('/api/v1/users/000000000000000000000000')).body.errors[0].code).toBe(
			'USERS-7',
		);
	});
});

describe('spaces', () => {
	it('creates, reads, patches, replaces and deletes a space', async () => {
		const created = await createSpace('Lifecycle', 'managed');
		expect(created.status).toBe(201);
		const space = created.body;
		expect(space).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Lifecycle',
			type: 'managed',
			description: '',
			ownerId: sim.credentials.users.admin.id,
			createdBy: sim.credentials.users.admin.id,
			tenantId: expect.any(String),
			meta: { roles: [], actions: expect.arrayContaining(['read', 'update', 'delete']) },
			links: {
				self: { href: `${sim.url}/api/v1/spaces/${space.id}` },
				assignments: { href: `${sim.url}/api/v1/spaces/${space.id}/assignments` },
			},
		});
		expect(space.meta.assignableRoles).toContain('publisher');
		expect((await api(`/api/v1/spaces/${space.id}`)).body.name).toBe('Lifecycle');

		const patched = await api(`/api/v1/spaces/${space.id}`, {
			method: 'PATCH',
			body: [
				{ op: 'replace', path: '/name', value: 'Lifecycle 2' },
				{ op: 'replace', path: '/description', value: 'patched' },
			],
		});
		expect(patched).toMatchObject({
			status: 200,
			body: { name: 'Lifecycle 2', description: 'patched' },
		});
		const put = await api(`/api/v1/spaces/${space.id}`, {
			method: 'PUT',
			body: { name: 'Lifecycle 3' },
		});
		expect(put.body).toMatchObject({ name: 'Lifecycle 3', description: '' });

		const removed = await api(`/api/v1/spaces/${space.id}`, { method: 'DELETE' });
		expect(removed.status).toBe(204);
		expect(removed.body).toBe('');
		const gone = await api(`/api/v1/spaces/${space.id}`);
		expect(gone.status).toBe(404);
		expect(gone.body.errors[0]).toMatchObject({
			status: '404',
			code: expect.stringMatching(/^SPACES-/),
		});
	});

	it('answers 409 on a duplicate name, case-insensitively, at create and rename', async () => {
		expect((await createSpace('Unique Name')).status).toBe(201);
		const clash = await createSpace('unique name', 'data');
		expect(clash.status).toBe(409);
		const other = await createSpace('Another Name');
		const rename = await api(`/api/v1/spaces/${other.body.id}`, {
			method: 'PATCH',
			body: [{ op: 'replace', path: '/name', value: 'UNIQUE NAME' }],
		});
		expect(rename.status).toBe(409);
	});

	it.each([
		['a forbidden character', { name: 'a:b', type: 'shared' }, '/name'],
		['a missing name', { type: 'shared' }, '/name'],
		['a too long name', { name: 'x'.repeat(257), type: 'shared' }, '/name'],
		['an unknown type', { name: 'Typed', type: 'private' }, '/type'],
		['an unknown field', { name: 'Extra', type: 'shared', color: 'red' }, '/color'],
	])('refuses %s with 400 and a pointer to the field', async (_label, body, pointer) => {
		const answer = await api('/api/v1/spaces', { method: 'POST', body });
		expect(answer.status).toBe(400);
		expect(answer.body.errors[0]).toMatchObject({ status: '400', meta: { source: { pointer } } });
	});

	it('refuses a bad JSON Patch and a limit above 100', async () => {
		const space = (await createSpace('Patch target')).body;
		const badPath = await api(`/api/v1/spaces/${space.id}`, {
			method: 'PATCH',
			body: [{ op: 'replace', path: '/type', value: 'data' }],
		});
		expect(badPath.body.errors[0].meta.source.pointer).toBe('/0/path');
		const badOp = await api(`/api/v1/spaces/${space.id}`, {
			method: 'PATCH',
			body: [{ op: 'add', path: '/name', value: 'x' }],
		});
		expect(badOp.status).toBe(400);
		const limit = await api('/api/v1/spaces?limit=101');
		expect(limit.status).toBe(400);
		expect(limit.body.errors[0].meta.source.parameter).toBe('limit');
	});

	it('pages 25 spaces by 10 with absolute next and prev links that keep the filters', async () => {
		for (let i = 0; i < 25; i++)
			expect((await createSpace(`Paged ${String(i).padStart(2, '0')}`)).status).toBe(201);
		const seen: string[] = [];
		let href: string | undefined = `${sim.url}/api/v1/spaces?name=paged&limit=10&sort=%2Bname`;
		const pages: Json[] = [];
		while (href) {
			const page = await api(href);
			expect(page.status).toBe(200);
			pages.push(page.body);
			seen.push(...page.body.data.map((s: Json) => s.name));
			href = page.body.links.next?.href;
			if (href) {
				const next = new URL(href);
				expect(next.origin).toBe(sim.url);
				expect(next.searchParams.get('limit')).toBe('10');
				expect(next.searchParams.get('name')).toBe('paged');
				expect(next.searchParams.get('sort')).toBe('+name');
			}
		}
		expect(pages.map((p) => p.data.length)).toEqual([10, 10, 5]);
		expect(pages[0].meta.count).toBe(25);
		expect(seen).toEqual(
			Array.from({ length: 25 }, (_, i) => `Paged ${String(i).padStart(2, '0')}`),
		);
		expect(pages[0].links.prev).toBeUndefined();
		const back = await api(pages[2].links.prev.href);
		expect(back.body.data[0].name).toBe('Paged 10');
		const forged = new URL(pages[0].links.next.href);
		forged.searchParams.set('next', 'eyJvIjo1fQ.forged');
		expect((await api(forged.toString())).status).toBe(400);
	});

	it('hides spaces from a user without access, and lets an assignment show them', async () => {
		const space = (await createSpace('Private to admin')).body;
		const member = sim.credentials.users.member;
		const token = (
			await tokenRequest({
				grant_type: 'urn:qlik:oauth:user-impersonation',
				...m2m(),
				user_lookup: { field: 'userId', value: member.id },
			})
		).body.access_token;
		expect((await api(`/api/v1/spaces/${space.id}`, { token })).status).toBe(404);
		await api(`/api/v1/spaces/${space.id}/assignments`, {
			method: 'POST',
			body: { type: 'user', assigneeId: member.id, roles: ['consumer'] },
		});
		const seen = await api(`/api/v1/spaces/${space.id}`, { token });
		expect(seen.body.meta.roles).toEqual(['consumer']);
		const del = await api(`/api/v1/spaces/${space.id}`, { method: 'DELETE', token });
		expect(del.status).toBe(403);
	});
});

describe('assignments and shares', () => {
	it('validates roles per space type, assignees and duplicates', async () => {
		const space = (await createSpace('Managed members', 'managed')).body;
		const member = sim.credentials.users.member;
		const path = `/api/v1/spaces/${space.id}/assignments`;
		const wrongRole = await api(path, {
			method: 'POST',
			body: { type: 'user', assigneeId: member.id, roles: ['consumer', 'producer'] },
		});
		expect(wrongRole.status).toBe(400);
		expect(wrongRole.body.errors[0].meta.source.pointer).toBe('/roles/1');
		const empty = await api(path, {
			method: 'POST',
			body: { type: 'user', assigneeId: member.id, roles: [] },
		});
		expect(empty.status).toBe(400);
		const nobody = await api(path, {
			method: 'POST',
			body: { type: 'user', assigneeId: '000000000000000000000000', roles: ['consumer'] },
		});
		expect(nobody.body.errors[0].meta.source.pointer).toBe('/assigneeId');

		const created = await api(path, {
			method: 'POST',
			body: { type: 'user', assigneeId: member.id, roles: ['consumer', 'publisher'] },
		});
		expect(created).toMatchObject({
			status: 201,
			body: { spaceId: space.id, roles: ['consumer', 'publisher'] },
		});
		const twice = await api(path, {
			method: 'POST',
			body: { type: 'user', assigneeId: member.id, roles: ['consumer'] },
		});
		expect(twice.status).toBe(409);
		const listed = await api(`${path}?assigneeId=${member.id}`);
		expect(listed.body).toMatchObject({ meta: { count: 1 }, data: [{ id: created.body.id }] });
		const changed = await api(`${path}/${created.body.id}`, {
			method: 'PUT',
			body: { roles: ['facilitator'] },
		});
		expect(changed.body.roles).toEqual(['facilitator']);
		expect((await api(`${path}/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(`${path}/${created.body.id}`)).status).toBe(404);
	});

	it('creates, filters, patches and deletes a share', async () => {
		const space = (await createSpace('Shared apps', 'managed')).body;
		const path = `/api/v1/spaces/${space.id}/shares`;
		const body = {
			type: 'user',
			assigneeId: sim.credentials.users.member.id,
			resourceId: '3ff7b2a8-1c59-4ae8-a8e5-8f6c7e0a8f51',
			resourceType: 'app',
			roles: ['consumer'],
		};
		const share = await api(path, { method: 'POST', body });
		expect(share).toMatchObject({ status: 201, body: { disabled: false, resourceType: 'app' } });
		expect((await api(path, { method: 'POST', body })).status).toBe(409);
		expect(
			(await api(path, { method: 'POST', body: { ...body, resourceType: 'sheet' } })).status,
		).toBe(400);
		const listed = await api(`${path}?resourceId=${body.resourceId}`);
		expect(listed.body.data.map((s: Json) => s.id)).toEqual([share.body.id]);
		const patched = await api(`${path}/${share.body.id}`, {
			method: 'PATCH',
			body: [
				{ op: 'replace', path: '/roles', value: ['contributor'] },
				{ op: 'replace', path: '/disabled', value: true },
			],
		});
		expect(patched.body).toMatchObject({ roles: ['contributor'], disabled: true });
		expect((await api(`${path}/${share.body.id}`, { method: 'DELETE' })).status).toBe(204);
	});
});

describe('routing errors', () => {
	it('answers an unknown route with 404 and a wrong method with 405, both in the envelope', async () => {
		const missing = await api('/api/v1/nothing-here');
		expect(missing).toMatchObject({
			status: 404,
			body: { errors: [{ code: 'HTTP-404', status: '404' }] },
		});
		const method = await api('/api/v1/spaces', { method: 'DELETE' });
		expect(method.status).toBe(405);
		expect(method.body.errors[0].code).toBe('HTTP-405');
		expect(method.headers.get('allow')).toContain('GET');
	});

	it('answers 415 for a body that is not JSON', async () => {
		const response = await fetch(`${sim.url}/api/v1/spaces`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${sim.credentials.apiKey}`,
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: 'name=x&type=shared',
		});
		expect(response.status).toBe(415);
	});
});

describe('rate limits', () => {
	afterEach(() => sim.setRateLimits(false));

	it('answers 429 with Retry-After and Qlik body after the tier limit, per token and tier', async () => {
		sim.setRateLimits({ '1': { limit: 5, windowMs: 1000 }, '2': { limit: 2, windowMs: 1000 } });
		sim.clearLog();
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await api('/api/v1/spaces/types')).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
		const limited = await api('/api/v1/spaces?limit=1');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
		expect(limited.body.errors[0]).toMatchObject({
			code: 'HTTP-429',
			title: 'API rate limit reached.',
			detail: expect.stringMatching(/^You need to wait \d+ seconds until limit is lifted\.$/),
		});
		expect(sim.log.filter((e) => e.status === 429)).toHaveLength(2);
		expect(sim.log.at(-1)?.tier).toBe('1');
		// Tier 2 has its own window, and another token its own count.
		expect((await createSpace('Rate tier 2')).status).toBe(201);
		const token = (await tokenRequest({ grant_type: 'client_credentials', ...m2m() })).body
			.access_token;
		expect((await api('/api/v1/spaces/types', { token })).status).toBe(200);
	});

	it('does not count /oauth calls by default', async () => {
		sim.setRateLimits({ '2': { limit: 1, windowMs: 60_000 } });
		for (let i = 0; i < 3; i++)
			expect((await tokenRequest({ grant_type: 'client_credentials', ...m2m() })).status).toBe(200);
	});
});

describe('faults', () => {
	afterEach(() => sim.clearFaults());

	it('answers an injected status the given number of times, with Retry-After when asked', async () => {
		sim.addFault({
			method: 'GET',
			path: '/api/v1/spaces/types',
			kind: 'status',
			status: 503,
			retryAfter: '2',
			times: 1,
		});
		sim.clearLog();
		const first = await api('/api/v1/spaces/types');
		expect(first.status).toBe(503);
		expect(first.headers.get('retry-after')).toBe('2');
		expect(first.body.errors[0]).toMatchObject({ code: 'HTTP-503', status: '503' });
		expect((await api('/api/v1/spaces/types')).status).toBe(200);
		expect(sim.log.map((e) => [e.status, e.fault !== undefined])).toEqual([
			[503, true],
			[200, false],
		]);
	});

	it('drops the connection and logs status 0; matches path prefixes; delays then answers', async () => {
		sim.addFault({ path: '/api/v1/spaces*', kind: 'drop', times: 1 });
		sim.clearLog();
		await expect(fetch(`${sim.url}/api/v1/spaces/types`)).rejects.toThrow();
		expect(sim.log[0]).toMatchObject({ status: 0, fault: expect.stringContaining('drop') });
		sim.addFault({ method: 'GET', path: /\/types$/, kind: 'delay', delayMs: 20, times: 1 });
		expect((await api('/api/v1/spaces/types')).status).toBe(200);
	});

	it('draws probabilities from the seeded RNG, so the same seed repeats the same pattern', async () => {
		async function pattern(seed: number) {
			const s = await startSimulator({ quiet: true, seed, rateLimits: false });
			try {
				s.addFault({ path: '/api/v1/spaces/types', kind: 'status', status: 500, probability: 0.5 });
				const out: number[] = [];
				for (let i = 0; i < 16; i++) {
					const r = await fetch(`${s.url}/api/v1/spaces/types`, {
						headers: { Authorization: `Bearer ${s.credentials.apiKey}` },
					});
					await r.arrayBuffer();
					out.push(r.status);
				}
				return out;
			} finally {
				await s.close();
			}
		}
		const a = await pattern(7);
		expect(await pattern(7)).toEqual(a);
		expect(a).toContain(500);
		expect(a).toContain(200);
	});
});

describe('state and log', () => {
	it('never logs a secret: API key, client secrets, tokens, codes or verifiers', () => {
		const c = sim.credentials;
		const text = JSON.stringify(everything);
		expect(everything.length).toBeGreaterThan(100);
		const all = [c.apiKey, c.m2m.clientSecret, c.interactiveConfidential.clientSecret, ...secrets];
		expect(all.length).toBeGreaterThan(10);
		for (const secret of all) expect(text).not.toContain(secret);
	});

	it('logs requests with the Authorization header and body secrets redacted', async () => {
		sim.clearLog();
		await tokenRequest({ grant_type: 'client_credentials', ...m2m() }, 'form');
		await api('/api/v1/spaces/types');
		const [token, call] = sim.log;
		expect(token.body).toMatchObject({
			grant_type: 'client_credentials',
			client_id: sim.credentials.m2m.clientId,
			client_secret: '<redacted>',
		});
		expect(token.tier).toBe('2');
		expect(call.headers.authorization).toBe('Bearer <redacted>');
		expect(JSON.stringify(sim.log)).not.toContain(sim.credentials.m2m.clientSecret);
	});

	it('resets to the seeded state with the same credentials', async () => {
		expect(sim.state.spaces.size).toBeGreaterThan(0);
		sim.reset();
		expect(sim.state.spaces.size).toBe(0);
		expect(sim.log).toHaveLength(0);
		expect((await api('/api/v1/spaces')).body.data).toEqual([]);
		expect((await tokenRequest({ grant_type: 'client_credentials', ...m2m() })).status).toBe(200);
	});
});
