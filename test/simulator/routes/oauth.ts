/**
 * The tenant's authorization server: /oauth/authorize (auto-consent for the seeded admin),
 * /oauth/token (client credentials, user impersonation, authorization code + PKCE S256,
 * refresh token with rotation), /oauth/revoke and the RFC 8414 metadata.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { SimCore } from '../core';
import { ApiError } from '../errors';
import type { OAuthClientRecord, UserRecord } from '../store';
import { recordSecret } from '../../secrets/capture';
import { secret } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import { isJsonType } from '../validate';

const IMPERSONATION = 'urn:qlik:oauth:user-impersonation';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

const OAUTH_CODES: Record<string, [string, string]> = {
	invalid_request: ['OAUTH-1', 'Invalid request'],
	invalid_client: ['OAUTH-2', 'Invalid client'],
	invalid_grant: ['OAUTH-3', 'Invalid grant'],
	unauthorized_client: ['OAUTH-4', 'Unauthorized client'],
	unsupported_grant_type: ['OAUTH-5', 'Unsupported grant type'],
	invalid_scope: ['OAUTH-6', 'Invalid scope'],
	access_denied: ['OAUTH-7', 'Access denied'],
	unsupported_response_type: ['OAUTH-8', 'Unsupported response type'],
};

/** RFC 6749 error plus Qlik's `errors` envelope. */
function oauthError(status: number, error: keyof typeof OAUTH_CODES, description: string) {
	const [code, title] = OAUTH_CODES[error];
	return new ApiError(status, code, title, description, undefined, {
		extra: { error, error_description: description },
		headers: {
			'Cache-Control': 'no-store',
			...(status === 401 ? { 'WWW-Authenticate': 'Basic realm="oauth"' } : {}),
		},
	});
}

type Params = Record<string, unknown>;

/** The token/revoke body as an object, from JSON or a form. */
function bodyParams(ctx: RouteContext): Params {
	if (!ctx.rawBody.length) throw oauthError(400, 'invalid_request', 'The request body is empty.');
	if (!isJsonType(ctx.contentType) && ctx.contentType !== 'application/x-www-form-urlencoded')
		throw oauthError(
			400,
			'invalid_request',
			'Send the body as application/json or application/x-www-form-urlencoded.',
		);
	const body = ctx.body;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw oauthError(400, 'invalid_request', 'The body must be an object.');
	for (const [key, value] of Object.entries(body))
		if (Array.isArray(value))
			throw oauthError(400, 'invalid_request', `The parameter ${key} was sent more than once.`);
	return body as Params;
}

function str(params: Params, key: string, required = false): string | undefined {
	const value = params[key];
	if (value === undefined || value === null || value === '') {
		if (required) throw oauthError(400, 'invalid_request', `The parameter ${key} is required.`);
		return undefined;
	}
	if (typeof value !== 'string')
		throw oauthError(400, 'invalid_request', `The parameter ${key} must be a string.`);
	return value;
}

const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/** Client id and secret from HTTP Basic or the body (not both). */
function clientAuth(ctx: RouteContext, params: Params): { id?: string; secret?: string } {
	const header = String(ctx.headers.authorization ?? '');
	const bodyId = str(params, 'client_id');
	const bodySecret = str(params, 'client_secret');
	const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
	if (!basic) {
		if (header) throw oauthError(401, 'invalid_client', 'Unsupported client authentication.');
		return { id: bodyId, secret: bodySecret };
	}
	const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) throw oauthError(401, 'invalid_client', 'Malformed HTTP Basic credentials.');
	let id: string;
	let pass: string;
	try {
		id = formDecode(decoded.slice(0, colon));
		pass = formDecode(decoded.slice(colon + 1));
	} catch {
		throw oauthError(401, 'invalid_client', 'Malformed HTTP Basic credentials.');
	}
	if (bodySecret !== undefined)
		throw oauthError(400, 'invalid_request', 'Use one client authentication method, not two.');
	if (bodyId !== undefined && bodyId !== id)
		throw oauthError(400, 'invalid_request', 'client_id differs from the Basic credentials.');
	return { id, secret: pass || undefined };
}

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** The client, authenticated as its type requires (confidential: secret; public: none). */
function authenticateClient(
	core: SimCore,
	auth: { id?: string; secret?: string },
): OAuthClientRecord {
	if (!auth.id) throw oauthError(401, 'invalid_client', 'client_id is required.');
	const client = core.state.clients.get(auth.id);
	if (!client) throw oauthError(401, 'invalid_client', 'Invalid client credentials.');
	if (client.clientSecret !== undefined) {
		if (!auth.secret || !safeEqual(auth.secret, client.clientSecret))
			throw oauthError(401, 'invalid_client', 'Invalid client credentials.');
	} else if (auth.secret) {
		throw oauthError(401, 'invalid_client', 'This public client has no secret; do not send one.');
	}
	return client;
}

function allowGrant(client: OAuthClientRecord, grant: string) {
	if (!client.allowedGrantTypes.includes(grant))
		throw oauthError(400, 'unauthorized_client', `This client may not use the ${grant} grant.`);
}

function parseScope(raw: string | undefined): string[] {
	return [...new Set((raw ?? '').split(/\s+/).filter(Boolean))];
}

/** Requested scopes, checked against the client's allowed ones (and an upper bound). */
function grantScope(
	client: OAuthClientRecord,
	raw: string | undefined,
	fallback: string[],
	within?: string[],
): string {
	const requested = parseScope(raw);
	const scopes = requested.length ? requested : fallback;
	const bound = within ?? client.allowedScopes;
	const bad = scopes.filter((s) => !bound.includes(s));
	if (bad.length)
		throw oauthError(400, 'invalid_scope', `Scope not allowed for this client: ${bad.join(' ')}.`);
	return scopes.join(' ');
}

function tokenResponse(
	core: SimCore,
	grant: { clientId: string; userId: string; scope: string; grantType: string; fromCode?: string },
	refresh: boolean,
): RouteResult {
	const access = core.issueAccessToken(grant);
	const body: Record<string, unknown> = {
		access_token: access.token,
		token_type: 'bearer',
		expires_in: Math.max(0, Math.round((access.expiresAt - access.issuedAt) / 1000)),
		expires_at: new Date(access.expiresAt).toISOString(),
		scope: grant.scope,
	};
	if (refresh) {
		body.refresh_token = core.issueRefreshToken({
			clientId: grant.clientId,
			userId: grant.userId,
			scope: grant.scope,
			fromCode: grant.fromCode,
		}).token;
	}
	return { status: 200, body, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}

function activeUser(core: SimCore, userId: string | undefined, what: string): UserRecord {
	const user = userId ? core.state.users.get(userId) : undefined;
	if (!user) throw oauthError(400, 'invalid_grant', `${what} does not exist.`);
	if (user.status !== 'active') throw oauthError(403, 'access_denied', `${what} is not active.`);
	return user;
}

function token(ctx: RouteContext): RouteResult {
	const { core } = ctx;
	const params = bodyParams(ctx);
	const grantType = str(params, 'grant_type', true) as string;
	const auth = clientAuth(ctx, params);

	switch (grantType) {
		case 'client_credentials': {
			const client = authenticateClient(core, auth);
			allowGrant(client, grantType);
			const user = activeUser(core, client.botUserId, 'The bot user of this client');
			const scope = grantScope(client, str(params, 'scope'), ['user_default']);
			return tokenResponse(
				core,
				{ clientId: client.clientId, userId: user.id, scope, grantType },
				false,
			);
		}
		case IMPERSONATION: {
			const client = authenticateClient(core, auth);
			allowGrant(client, grantType);
			const lookup = params.user_lookup;
			if (!lookup || typeof lookup !== 'object' || Array.isArray(lookup))
				throw oauthError(
					400,
					'invalid_request',
					'user_lookup must be an object {field, value}; send the request as JSON.',
				);
			const { field, value } = lookup as Record<string, unknown>;
			if (field !== 'subject' && field !== 'userId')
				throw oauthError(400, 'invalid_request', 'user_lookup.field must be subject or userId.');
			if (typeof value !== 'string' || !value)
				throw oauthError(400, 'invalid_request', 'user_lookup.value must be a non-empty string.');
			const user = [...core.state.users.values()].find((u) =>
				field === 'subject' ? u.subject === value : u.id === value,
			);
			if (!user)
				throw oauthError(
					400,
					'invalid_request',
					`No user with ${field} "${value}" in this tenant.`,
				);
			if (user.status !== 'active')
				throw oauthError(403, 'access_denied', 'The impersonated user is not active.');
			const scope = grantScope(client, str(params, 'scope'), ['user_default']);
			return tokenResponse(
				core,
				{ clientId: client.clientId, userId: user.id, scope, grantType },
				false,
			);
		}
		case 'authorization_code': {
			const code = str(params, 'code', true) as string;
			const verifier = str(params, 'code_verifier', true) as string;
			const redirectUri = str(params, 'redirect_uri', true) as string;
			if (!auth.id)
				throw oauthError(400, 'invalid_request', 'The parameter client_id is required.');
			const client = authenticateClient(core, auth);
			allowGrant(client, grantType);
			if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier))
				throw oauthError(
					400,
					'invalid_request',
					'code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.',
				);
			const record = core.state.authCodes.get(code);
			if (!record || record.clientId !== client.clientId)
				throw oauthError(400, 'invalid_grant', 'The authorization code is not valid.');
			if (record.used) {
				// A replayed code: revoke everything it produced (RFC 6749 §4.1.2).
				for (const t of core.state.accessTokens.values()) if (t.fromCode === code) t.revoked = true;
				for (const t of core.state.refreshTokens.values())
					if (t.fromCode === code) t.revoked = true;
				throw oauthError(400, 'invalid_grant', 'The authorization code was already used.');
			}
			if (Date.now() >= record.expiresAt) {
				core.state.authCodes.delete(code);
				throw oauthError(400, 'invalid_grant', 'The authorization code has expired.');
			}
			if (record.redirectUri !== redirectUri)
				throw oauthError(
					400,
					'invalid_grant',
					'redirect_uri differs from the one used to authorize.',
				);
			const challenge = createHash('sha256').update(verifier).digest('base64url');
			if (!safeEqual(challenge, record.codeChallenge))
				throw oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
			record.used = true;
			const user = activeUser(core, record.userId, 'The user who consented');
			return tokenResponse(
				core,
				{
					clientId: client.clientId,
					userId: user.id,
					scope: record.scope,
					grantType,
					fromCode: code,
				},
				parseScope(record.scope).includes('offline_access'),
			);
		}
		case 'refresh_token': {
			const value = str(params, 'refresh_token', true) as string;
			const record = core.state.refreshTokens.get(value);
			if (!record || record.revoked)
				throw oauthError(400, 'invalid_grant', 'The refresh token is not valid.');
			if (auth.id !== undefined && auth.id !== record.clientId)
				throw oauthError(400, 'invalid_grant', 'The refresh token was issued to another client.');
			const client = authenticateClient(core, { id: record.clientId, secret: auth.secret });
			allowGrant(client, grantType);
			const user = activeUser(core, record.userId, 'The user of this refresh token');
			const scope = grantScope(
				client,
				str(params, 'scope'),
				parseScope(record.scope),
				parseScope(record.scope),
			);
			record.revoked = true; // rotation: each refresh token works once
			return tokenResponse(
				core,
				{ clientId: client.clientId, userId: user.id, scope, grantType, fromCode: record.fromCode },
				true,
			);
		}
		case TOKEN_EXCHANGE:
			throw oauthError(400, 'unsupported_grant_type', 'Token exchange is not simulated.');
		default:
			throw oauthError(400, 'unsupported_grant_type', `Unknown grant_type "${grantType}".`);
	}
}

function revoke(ctx: RouteContext): RouteResult {
	const params = bodyParams(ctx);
	const value = str(params, 'token', true) as string;
	const hint = str(params, 'token_type_hint');
	if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token')
		throw oauthError(
			400,
			'invalid_request',
			'token_type_hint must be access_token or refresh_token.',
		);
	const { state } = ctx.core;
	const access = state.accessTokens.get(value);
	if (access) access.revoked = true;
	const refresh = state.refreshTokens.get(value);
	if (refresh) refresh.revoked = true;
	// RFC 7009: an unknown token is not an error.
	return { status: 200, body: {} };
}

function authorize(ctx: RouteContext): RouteResult {
	const { core } = ctx;
	const one = (key: string): string | undefined => {
		const v = ctx.query[key];
		if (Array.isArray(v))
			throw new ApiError(
				400,
				'OAUTH-1',
				'Invalid request',
				`The parameter ${key} was sent more than once.`,
			);
		return v === undefined ? undefined : v;
	};
	const clientId = one('client_id');
	const client = clientId ? core.state.clients.get(clientId) : undefined;
	if (!client)
		throw new ApiError(400, 'OAUTH-2', 'Invalid client', 'Unknown or missing client_id.', {
			source: { parameter: 'client_id' },
		});
	const redirectUri = one('redirect_uri');
	if (!redirectUri || !client.redirectUris.includes(redirectUri))
		throw new ApiError(
			400,
			'OAUTH-9',
			'Invalid redirect_uri',
			'redirect_uri is missing or not registered for this client (exact match).',
			{ source: { parameter: 'redirect_uri' } },
		);
	const state = one('state');
	const back = (params: Record<string, string>): RouteResult => {
		const location = new URL(redirectUri);
		for (const [k, v] of Object.entries(params)) location.searchParams.set(k, v);
		if (state !== undefined) location.searchParams.set('state', state);
		const href = location.toString();
		return {
			status: 302,
			headers: { Location: href, 'Cache-Control': 'no-store' },
			text: `<html><body>Redirecting to <a href="${href.replace(/"/g, '&quot;').replace(/</g, '&lt;')}">the application</a>.</body></html>`,
			contentType: 'text/html; charset=utf-8',
		};
	};
	const fail = (error: keyof typeof OAUTH_CODES, detail: string) =>
		back({
			error,
			error_description: detail,
			error_code: OAUTH_CODES[error][0],
			error_detail: detail,
		});

	if (one('response_type') !== 'code')
		return fail('unsupported_response_type', 'response_type must be code.');
	if (!client.allowedGrantTypes.includes('authorization_code'))
		return fail('unauthorized_client', 'This client may not use the authorization code flow.');
	if (!state) return fail('invalid_request', 'state is required.');
	const rawScope = one('scope');
	if (rawScope === undefined) return fail('invalid_request', 'scope is required.');
	const method = one('code_challenge_method');
	if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
	const challenge = one('code_challenge');
	if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
		return fail('invalid_request', 'code_challenge must be the base64url SHA-256 of the verifier.');
	const prompt = one('prompt');
	if (prompt !== undefined && !['none', 'login', 'consent'].includes(prompt))
		return fail('invalid_request', 'prompt must be none, login or consent.');
	// login_hint and max_age are accepted and ignored: the seeded admin is always signed in.
	let scope: string;
	try {
		scope = grantScope(client, rawScope, ['user_default']);
	} catch (error) {
		return fail(
			'invalid_scope',
			(error instanceof ApiError && error.items[0].detail) || 'Invalid scope.',
		);
	}
	const code = secret(32);
	recordSecret(code);
	core.state.authCodes.set(code, {
		code,
		clientId: client.clientId,
		userId: core.identity.users.admin.id,
		redirectUri,
		scope,
		codeChallenge: challenge,
		expiresAt: Date.now() + core.authCodeTtlSeconds * 1000,
		used: false,
	});
	return back({ code });
}

function metadata(ctx: RouteContext): RouteResult {
	const base = ctx.baseUrl;
	return {
		status: 200,
		body: {
			issuer: base,
			authorization_endpoint: `${base}/oauth/authorize`,
			token_endpoint: `${base}/oauth/token`,
			revocation_endpoint: `${base}/oauth/revoke`,
			jwks_uri: `${base}/.well-known/jwks.json`,
			grant_types_supported: [
				'authorization_code',
				'refresh_token',
				'client_credentials',
				IMPERSONATION,
				TOKEN_EXCHANGE,
			],
			response_types_supported: ['code'],
			code_challenge_methods_supported: ['S256'],
			token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
		},
	};
}

export const oauthRoutes: Route[] = [
	{
		method: 'GET',
		path: '/oauth/authorize',
		tier: '1',
		limit: 1000,
		auth: false,
		handler: authorize,
	},
	{ method: 'POST', path: '/oauth/token', tier: '2', limit: 100, auth: false, handler: token },
	{ method: 'POST', path: '/oauth/revoke', tier: '2', limit: 100, auth: false, handler: revoke },
	{
		method: 'GET',
		path: '/.well-known/oauth-authorization-server',
		tier: '1',
		limit: 1000,
		auth: false,
		handler: metadata,
	},
	{
		method: 'GET',
		path: '/.well-known/jwks.json',
		tier: '1',
		limit: 1000,
		auth: false,
		handler: () => ({ status: 200, body: { keys: [] } }),
	},
];
