/**
 * Everything a route handler may need: the store, the settings, tokens, the RNG and a few
 * shared helpers (links, cursors, access checks).
 */
import { createHmac, randomBytes } from 'node:crypto';

import { ApiError } from './errors';
import { FaultInjector, RateLimiter, mulberry32 } from './limits';
import type {
	AccessTokenRecord,
	RefreshTokenRecord,
	SeedIdentity,
	SimulatorState,
	UserRecord,
} from './store';
import { objectId, seedState, secret } from './store';
import { recordSecret } from '../secrets/capture';
import type { Principal, RequestLogEntry, SimulatorOptions } from './types';

export class SimCore {
	state: SimulatorState;
	readonly log: RequestLogEntry[] = [];
	seq = 0;
	tokenTtlSeconds: number;
	/** Access tokens answer 401 after this many authenticated requests (0 = no limit). */
	tokenMaxRequests: number;
	/** Authenticated requests per access token, for `tokenMaxRequests`. */
	private readonly tokenUses = new Map<string, number>();
	authCodeTtlSeconds: number;
	readonly limiter: RateLimiter;
	readonly faults: FaultInjector;
	rng: () => number;
	/** Signs pagination cursors so that a forged one is a 400, like an opaque server cursor. */
	private readonly cursorKey = randomBytes(16);
	/** Filled in once the server listens. */
	url = '';

	constructor(
		readonly identity: SeedIdentity,
		readonly options: SimulatorOptions,
	) {
		this.state = seedState(identity);
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 21600;
		this.tokenMaxRequests = options.tokenMaxRequests ?? 0;
		for (const value of this.secrets) recordSecret(value);
		this.authCodeTtlSeconds = options.authCodeTtlSeconds ?? 60;
		this.rng = mulberry32(options.seed ?? 1);
		this.limiter = new RateLimiter(options.rateLimits);
		this.faults = new FaultInjector(this.rng);
	}

	reset() {
		this.state = seedState(this.identity);
		this.rng = mulberry32(this.options.seed ?? 1);
		this.faults.reseed(this.rng);
		this.faults.clear();
		this.limiter.clear();
		this.tokenUses.clear();
		this.log.length = 0;
	}

	/** Static secrets scrubbed from anything logged. */
	get secrets(): string[] {
		const { apiKey, m2m, interactiveConfidential } = this.identity;
		return [apiKey, m2m.clientSecret, interactiveConfidential.clientSecret];
	}

	// ---------------------------------------------------------------------------------------
	// authentication of /api calls

	authenticate(header: string | undefined): Principal {
		const unauthorized = (detail: string) =>
			new ApiError(401, 'HTTP-401', 'Unauthorized', detail, undefined, {
				headers: { 'WWW-Authenticate': 'Bearer' },
			});
		if (!header) throw unauthorized('No Authorization header was sent.');
		const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
		if (!m) throw unauthorized('The Authorization header must be "Bearer <token>".');
		const token = m[1];
		const key = this.state.apiKeys.get(token);
		if (key) {
			if (key.revoked || (key.expiresAt !== undefined && Date.now() >= key.expiresAt))
				throw unauthorized('The API key is expired or revoked.');
			this.activeUser(key.userId, unauthorized);
			return { kind: 'apiKey', userId: key.userId, tokenId: key.id };
		}
		const access = this.state.accessTokens.get(token);
		if (!access) throw unauthorized('The bearer token is not valid.');
		if (access.revoked) throw unauthorized('The access token was revoked.');
		if (Date.now() >= access.expiresAt) throw unauthorized('The access token has expired.');
		if (this.tokenMaxRequests > 0) {
			const uses = this.tokenUses.get(access.id) ?? 0;
			if (uses >= this.tokenMaxRequests) throw unauthorized('The access token has expired.');
			this.tokenUses.set(access.id, uses + 1);
		}
		this.activeUser(access.userId, unauthorized);
		return { kind: 'oauth', userId: access.userId, clientId: access.clientId, tokenId: access.id };
	}

	private activeUser(userId: string, fail: (detail: string) => ApiError) {
		const user = this.state.users.get(userId);
		if (!user || user.status !== 'active') throw fail('The user of this token is not active.');
	}

	// ---------------------------------------------------------------------------------------
	// OAuth tokens

	issueAccessToken(
		grant: Pick<AccessTokenRecord, 'clientId' | 'userId' | 'scope' | 'grantType' | 'fromCode'>,
	): AccessTokenRecord {
		const now = Date.now();
		const record: AccessTokenRecord = {
			id: objectId(),
			token: secret(48),
			issuedAt: now,
			expiresAt: now + this.tokenTtlSeconds * 1000,
			revoked: false,
			...grant,
		};
		this.state.accessTokens.set(record.token, record);
		recordSecret(record.token);
		return record;
	}

	issueRefreshToken(
		grant: Pick<RefreshTokenRecord, 'clientId' | 'userId' | 'scope' | 'fromCode'>,
	): RefreshTokenRecord {
		const record: RefreshTokenRecord = {
			id: objectId(),
			token: secret(48),
			issuedAt: Date.now(),
			revoked: false,
			...grant,
		};
		this.state.refreshTokens.set(record.token, record);
		recordSecret(record.token);
		return record;
	}

	expireAllTokens() {
		const past = Date.now() - 1;
		for (const t of this.state.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, past);
	}

	// ---------------------------------------------------------------------------------------
	// helpers for routes

	user(principal: Principal | undefined): UserRecord {
		const user = principal && this.state.users.get(principal.userId);
		if (!user) throw new ApiError(401, 'HTTP-401', 'Unauthorized', 'No authenticated user.');
		return user;
	}

	isTenantAdmin(user: UserRecord): boolean {
		return user.roles.includes('TenantAdmin');
	}

	/** Opaque, signed cursor for an offset in a list (bound to the list's filters). */
	cursor(offset: number, scope: string): string {
		const payload = Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
		return `${payload}.${this.sign(payload + scope)}`;
	}

	/** The offset of a cursor, or a 400 naming the parameter. */
	readCursor(value: string, scope: string, parameter: string): number {
		const bad = () =>
			new ApiError(400, 'HTTP-400', 'Bad request', `The ${parameter} cursor is not valid.`, {
				source: { parameter },
			});
		const [payload, signature] = value.split('.');
		if (!payload || !signature || signature !== this.sign(payload + scope)) throw bad();
		try {
			const { o } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
				o: unknown;
			};
			if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw bad();
			return o;
		} catch (error) {
			if (error instanceof ApiError) throw error;
			throw bad();
		}
	}

	private sign(text: string): string {
		return createHmac('sha256', this.cursorKey).update(text).digest('base64url').slice(0, 16);
	}
}
