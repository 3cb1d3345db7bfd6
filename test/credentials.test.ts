import { createHash, randomBytes } from 'node:crypto';

import { REFUSED_TENANT_URL } from '../nodes/QlikCloud/transport/tenant';
import { startFakeTenant, type FakeTenant } from './helpers/fakeTenant';
import {
	credentialTypes,
	resolveExpression,
	rl,
	runNode,
	testCredential,
	withDefaults,
	type StoredCredential,
} from './helpers/n8n';
import { apiKeyCredential, m2mCredential, requests, useSimulator } from './helpers/sim';

const sim = useSimulator();

describe('API key credential', () => {
	it('passes the credential test', async () => {
		expect(await testCredential(apiKeyCredential(sim()))).toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
	});

	it('fails the credential test with a wrong key', async () => {
		const result = await testCredential({
			type: 'qlikCloudApi',
			data: { tenantUrl: sim().url, apiKey: 'not-a-key' },
		});
		expect(result.status).toBe('Error');
	});

	it('accepts the tenant without scheme or with a trailing slash in the test', async () => {
		const bare = sim().url.replace('http://', '').replace('127.0.0.1', 'localhost');
		// http is only allowed for localhost; without a scheme the test assumes https, which the
		// simulator does not speak, so only the trailing-slash form is checked end to end here.
		expect(bare).toContain('localhost');
		const result = await testCredential({
			type: 'qlikCloudApi',
			data: { tenantUrl: `${sim().url}/`, apiKey: sim().credentials.apiKey },
		});
		expect(result.status).toBe('OK');
	});
});

describe('the tenant URL rule where n8n resolves the URL itself', () => {
	let tenant: FakeTenant;
	beforeAll(async () => {
		tenant = await startFakeTenant(() => ({ json: { id: 'me' } }));
	});
	afterAll(async () => await tenant.close());
	beforeEach(() => (tenant.log.length = 0));

	it.each([
		[
			'user info (the key would go to the host after the @)',
			(u: string) => u.replace('//', '//a@'),
		],
		['a path', (u: string) => `${u}/evil`],
		['a query', (u: string) => `${u}?x=1`],
	])('the API key test with %s sends nothing', async (_label, change) => {
		const result = await testCredential({
			type: 'qlikCloudApi',
			data: { tenantUrl: change(tenant.url.replace('127.0.0.1', 'localhost')), apiKey: 'k-123' },
		});
		expect(result.status).toBe('Error');
		expect(tenant.log).toHaveLength(0);
	});

	it('the API key test with http to a tenant that is not local resolves to no address', () => {
		const data = withDefaults({
			type: 'qlikCloudApi',
			data: { tenantUrl: 'http://acme.eu.qlikcloud.com', apiKey: 'k' },
		});
		const baseURL = resolveExpression(credentialTypes.qlikCloudApi.test!.request.baseURL, data);
		expect(baseURL).toBe(REFUSED_TENANT_URL);
	});

	it.each([
		'http://acme.eu.qlikcloud.com',
		'https://a@evil.example.com',
		'acme.eu.qlikcloud.com/x',
	])('the interactive OAuth URLs for %j are no address', (tenantUrl) => {
		const data = withDefaults({ type: 'qlikCloudOAuth2Api', data: { tenantUrl, clientId: 'c' } });
		expect(() => new URL(String(data.authUrl))).toThrow();
		expect(() => new URL(String(data.accessTokenUrl))).toThrow();
	});
});

describe('OAuth machine-to-machine credential', () => {
	beforeEach(() => sim().clearLog());

	it('gets a token with client credentials sent as JSON and passes the test', async () => {
		const credential = m2mCredential(sim());
		expect(await testCredential(credential)).toMatchObject({ status: 'OK' });
		const [token] = requests(sim(), 'POST', '/oauth/token');
		expect(token.headers['content-type']).toMatch(/application\/json/);
		expect(token.body).toMatchObject({
			grant_type: 'client_credentials',
			client_id: sim().credentials.m2m.clientId,
			scope: 'user_default',
		});
		expect(typeof credential.data.accessToken).toBe('string');
	});

	it('impersonates a user with user_lookup, and the calls run as that user', async () => {
		const member = sim().credentials.users.member;
		const credential = m2mCredential(sim(), { field: 'subject', value: member.subject });
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential,
		});
		expect(result.error).toBeUndefined();
		const [token] = requests(sim(), 'POST', '/oauth/token');
		expect(token.body).toMatchObject({
			grant_type: 'urn:qlik:oauth:user-impersonation',
			user_lookup: { field: 'subject', value: member.subject },
		});
		const [call] = requests(sim(), 'GET', '/api/v1/spaces/types');
		expect(call.principal?.userId).toBe(member.id);
	});

	it('caches the token in the credential: a second run asks for none', async () => {
		const credential = m2mCredential(sim());
		await runNode({ parameters: { resource: 'space', operation: 'getTypes' }, credential });
		const again = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential,
		});
		expect(again.recorder.tokenRequests).toBe(0);
		expect(requests(sim(), 'POST', '/oauth/token')).toHaveLength(1);
	});

	it('a wrong secret fails with a clear message that does not show the secret', async () => {
		const credential = m2mCredential(sim());
		credential.data.clientSecret = 'wrong-secret-value-123';
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential,
		});
		expect(result.error?.message).toMatch(
			/did not issue a token \(HTTP 401\).*Check the client ID and secret/,
		);
		expect(JSON.stringify(result)).not.toContain('wrong-secret-value-123');
	});
});

describe('the machine-to-machine token is tied to the settings it was issued for', () => {
	beforeEach(() => sim().clearLog());
	afterEach(() => {
		jest.restoreAllMocks();
		sim().setTokenTtl(21600);
	});
	const getTypes = { resource: 'space', operation: 'getTypes' };

	it('after the impersonated user changes, calls run as the new user, not with the old token', async () => {
		const credential = m2mCredential(sim());
		expect((await runNode({ parameters: getTypes, credential })).error).toBeUndefined();
		const member = sim().credentials.users.member;
		Object.assign(credential.data, {
			impersonate: true,
			userLookupField: 'userId',
			userLookupValue: member.id,
		});
		const result = await runNode({ parameters: getTypes, credential });
		expect(result.error).toBeUndefined();
		const calls = requests(sim(), 'GET', '/api/v1/spaces/types').filter((r) => r.status === 200);
		expect(calls.map((c) => c.principal?.userId)).toEqual([
			sim().credentials.users.bot.id,
			member.id,
		]);
	});

	it('after the tenant URL changes, the old token is not sent to the new host', async () => {
		const credential = m2mCredential(sim());
		await runNode({ parameters: getTypes, credential });
		const token = String(credential.data.accessToken).split(' ')[0];
		expect(token.length).toBeGreaterThan(10);
		const other = await startFakeTenant(() => ({
			status: 401,
			json: { errors: [{ title: 'no' }] },
		}));
		try {
			credential.data.tenantUrl = other.url;
			await runNode({ parameters: getTypes, credential });
			expect(other.log.length).toBeGreaterThan(0);
			expect(JSON.stringify(other.log.map((r) => r.headers))).not.toContain(token);
		} finally {
			await other.close();
		}
	});

	it('a token about to expire is renewed before Qlik refuses it', async () => {
		sim().setTokenTtl(120);
		const credential = m2mCredential(sim());
		const first = await runNode({ parameters: getTypes, credential });
		expect(first.recorder.tokenRequests).toBe(1);
		// 90 s later the token is still good at Qlik for 30 s: inside the renewal margin.
		const start = Date.now();
		jest.spyOn(Date, 'now').mockImplementation(() => start + 90_000);
		const later = await runNode({ parameters: getTypes, credential });
		expect(later.error).toBeUndefined();
		expect(later.recorder.tokenRequests).toBe(1);
		const [, second] = requests(sim(), 'GET', '/api/v1/spaces/types').filter(
			(r) => r.status === 200,
		);
		const [firstCall] = requests(sim(), 'GET', '/api/v1/spaces/types');
		expect(second.principal?.tokenId).not.toBe(firstCall.principal?.tokenId);
	});

	it('the token request is never redirected (its body holds the client secret)', async () => {
		const elsewhere: string[] = [];
		const other = await startFakeTenant((r) => {
			if (r.path === '/elsewhere') {
				elsewhere.push(r.body.toString());
				return { json: { access_token: 'stolen', expires_in: 3600 } };
			}
			return { status: 307, headers: { Location: `${other.url}/elsewhere` } };
		});
		try {
			const credential = m2mCredential(sim());
			credential.data.tenantUrl = other.url;
			const result = await testCredential(credential);
			expect(result.status).toBe('Error');
			expect(elsewhere).toEqual([]);
		} finally {
			await other.close();
		}
	});
});

describe('OAuth interactive credential (authorization code + PKCE)', () => {
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';

	function base64Url(buffer: Buffer) {
		return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}

	/** Consents at the authorize URL the credential builds, as n8n does; returns the code. */
	async function authorize(data: Record<string, unknown>, verifier: string): Promise<string> {
		const challenge = base64Url(createHash('sha256').update(verifier).digest());
		const state = base64Url(randomBytes(16));
		const url = new URL(String(data.authUrl));
		url.search = new URLSearchParams({
			client_id: String(data.clientId),
			redirect_uri: redirectUri,
			response_type: 'code',
			scope: String(data.scope),
			state,
			code_challenge: challenge,
			code_challenge_method: 'S256',
		}).toString();
		const consent = await fetch(url, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const back = new URL(consent.headers.get('location') ?? '');
		expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
		expect(back.searchParams.get('state')).toBe(state);
		const code = back.searchParams.get('code');
		expect(code).toBeTruthy();
		return String(code);
	}

	/** The token exchange n8n makes after the callback (form-encoded, verifier included). */
	function exchange(data: Record<string, unknown>, code: string, verifier: string) {
		const form = new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: redirectUri,
			client_id: String(data.clientId),
			code_verifier: verifier,
		});
		if (data.clientSecret) form.set('client_secret', String(data.clientSecret));
		return fetch(String(data.accessTokenUrl), {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: form,
		});
	}

	/** What n8n does behind the Connect button, with the credential's own URLs and scope. */
	async function connect(stored: StoredCredential) {
		const data = withDefaults(stored);
		const verifier = base64Url(randomBytes(48));
		const answer = await exchange(data, await authorize(data, verifier), verifier);
		expect(answer.status).toBe(200);
		const token = (await answer.json()) as Record<string, string>;
		stored.data.oauthTokenData = token;
		return { token, verifier };
	}

	beforeAll(() => {
		sim().registerRedirectUri(sim().credentials.interactive.clientId, redirectUri);
		sim().registerRedirectUri(sim().credentials.interactiveConfidential.clientId, redirectUri);
	});

	it('builds its URLs from the tenant and asks for a refresh token', () => {
		const data = withDefaults({
			type: 'qlikCloudOAuth2Api',
			data: { tenantUrl: 'acme.eu.qlikcloud.com/', clientId: 'c' },
		});
		expect(data.authUrl).toBe('https://acme.eu.qlikcloud.com/oauth/authorize');
		expect(data.accessTokenUrl).toBe('https://acme.eu.qlikcloud.com/oauth/token');
		expect(data.grantType).toBe('pkce');
		expect(String(data.scope).split(' ')).toContain('offline_access');
	});

	it.each([
		[
			'a public client without a secret',
			() => ({ clientId: sim().credentials.interactive.clientId }),
		],
		[
			'a confidential web client with a secret',
			() => ({
				clientId: sim().credentials.interactiveConfidential.clientId,
				clientSecret: sim().credentials.interactiveConfidential.clientSecret,
			}),
		],
	])('connects %s, runs, and refreshes after expiry', async (_label, client) => {
		const stored: StoredCredential = {
			type: 'qlikCloudOAuth2Api',
			data: { tenantUrl: sim().url, ...client() },
		};
		const { token } = await connect(stored);
		expect(token.access_token).toBeTruthy();
		expect(token.refresh_token).toBeTruthy();

		const run = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: stored,
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(3);

		sim().expireAllTokens();
		sim().clearLog();
		const after = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: stored,
		});
		expect(after.error).toBeUndefined();
		expect(after.recorder.tokenRequests).toBe(1);
		expect(requests(sim(), 'POST', '/oauth/token')[0].body).toMatchObject({
			grant_type: 'refresh_token',
		});
		expect((stored.data.oauthTokenData as Record<string, string>).access_token).not.toBe(
			token.access_token,
		);
	});

	it('a wrong verifier gets no token', async () => {
		const data = withDefaults({
			type: 'qlikCloudOAuth2Api',
			data: { tenantUrl: sim().url, clientId: sim().credentials.interactive.clientId },
		});
		const code = await authorize(data, 'a'.repeat(64));
		const answer = await exchange(data, code, 'b'.repeat(64));
		expect(answer.status).toBe(400);
	});
});

describe('list search (resource locator From list)', () => {
	it('finds spaces by name', async () => {
		const { searchSpace } = await import('../nodes/QlikCloud/methods/listSearch');
		const { loadOptionsContext } = await import('./helpers/n8n');
		const credential = apiKeyCredential(sim());
		await runNode({
			parameters: { resource: 'space', operation: 'create', name: 'Findable space', type: 'data' },
			credential,
		});
		const found = await searchSpace.call(loadOptionsContext({}, credential), 'findable');
		expect(found.results).toEqual([
			expect.objectContaining({ name: 'Findable space (data)', value: expect.any(String) }),
		]);
	});

	it('lists the assignments of the chosen space and the users to assign', async () => {
		const { searchSpaceAssignment, searchAssignees } =
			await import('../nodes/QlikCloud/methods/listSearch');
		const { loadOptionsContext } = await import('./helpers/n8n');
		const credential = apiKeyCredential(sim());
		const created = await runNode({
			parameters: {
				resource: 'space',
				operation: 'create',
				name: 'Listed members',
				type: 'shared',
			},
			credential,
		});
		const spaceId = String(created.items[0].json.id);
		const member = sim().credentials.users.member;
		await runNode({
			parameters: {
				resource: 'spaceAssignment',
				operation: 'create',
				spaceId: rl(spaceId),
				type: 'user',
				assigneeId: rl(member.id),
				roles: ['consumer'],
			},
			credential,
		});
		const assignments = await searchSpaceAssignment.call(
			loadOptionsContext({ spaceId: rl(spaceId) }, credential),
		);
		expect(assignments.results).toEqual([
			expect.objectContaining({ name: expect.stringContaining(member.id) }),
		]);
		const { searchSpaceShare } = await import('../nodes/QlikCloud/methods/listSearch');
		const appId = '3ff7b2a8-1c59-4ae8-a8e5-8f6c7e0a8f51';
		await runNode({
			parameters: {
				resource: 'spaceShare',
				operation: 'create',
				spaceId: rl(spaceId),
				type: 'user',
				assigneeId: rl(member.id),
				resourceId: appId,
				resourceType: 'app',
				roles: ['consumer'],
			},
			credential,
		});
		const shares = await searchSpaceShare.call(
			loadOptionsContext({ spaceId: rl(spaceId) }, credential),
			appId.slice(0, 8),
		);
		expect(shares.results).toEqual([
			expect.objectContaining({ name: `app ${appId} → user ${member.id}` }),
		]);
		const users = await searchAssignees.call(
			loadOptionsContext({ type: 'user' }, credential),
			member.name.slice(0, 3),
		);
		expect(users.results.map((r) => r.value)).toContain(member.id);
	});
});
