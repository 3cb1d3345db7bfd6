/**
 * Public types of the tenant simulator and the contract between the server and its route files.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

import type { SimulatorState } from './store';

export type Tier = '1' | '2' | 'special';

export interface RateLimitRule {
	limit: number;
	windowMs: number;
}

export interface FaultRule {
	/** e.g. 'GET'; undefined = any method. */
	method?: string;
	/** Matched against the URL pathname; a string is exact, or a prefix when it ends with '*'. */
	path: string | RegExp;
	/** status: answer with `status` (default 503) and Qlik's error envelope; delay: wait `delayMs`
	 * then handle normally; drop: destroy the socket without answering. */
	kind: 'status' | 'delay' | 'drop';
	status?: number;
	delayMs?: number;
	/** 0..1, default 1; drawn from the seeded RNG so runs repeat. */
	probability?: number;
	/** Apply at most N times, then stop matching. */
	times?: number;
	/** For status 429/503: value of the Retry-After header. */
	retryAfter?: string;
	/** status and drop only: handle the request first (its change is made), then answer with the
	 * status (default 504) or drop the connection, as when an answer is lost on the way back. */
	after?: boolean;
}

export interface Principal {
	kind: 'apiKey' | 'oauth';
	userId: string;
	clientId?: string;
	tokenId: string;
}

export interface RequestLogEntry {
	seq: number;
	time: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** Lower-case names; Authorization value replaced by 'Bearer <redacted>'. */
	headers: Record<string, string>;
	/**
	 * Parsed JSON or form body; for multipart/form-data an object by part name (file parts as
	 * `{ filename, size, contentType }`, other parts their text, or JSON value when it parses);
	 * for other non-text bodies `{ bytes, contentType }`; else the raw text (truncated to 10 kB).
	 * Secrets redacted.
	 */
	body: unknown;
	/** 0 if dropped. */
	status: number;
	tier: Tier | 'none';
	principal?: Principal;
	/** Which fault rule applied, if any. */
	fault?: string;
}

export type RateLimits = Partial<Record<Tier, RateLimitRule>> | false;

export interface ReloadTimes {
	/** How long a reload (or a task run) stays QUEUED, then RELOADING. */
	queuedMs: number;
	runningMs: number;
}

export interface SimulatorEvents {
	/** Registered webhooks, secrets included (the API never shows them). */
	webhooks(): import('./events').WebhookRecord[];
	deliveries(webhookId: string): import('./events').DeliveryRecord[];
	/** Delivers an event to the subscribed webhooks now (in the background). */
	emit(event: import('./events').EventInput): void;
	/** Resolves once every delivery in flight has been answered. */
	settle(): Promise<void>;
	/** How the next reloads (and task runs) of this app or task end. */
	setReloadOutcome(id: string, outcome: 'SUCCEEDED' | 'FAILED' | 'EXCEEDED_LIMIT'): void;
	setReloadTimes(times: ReloadTimes): void;
	/** IDs of an app's reloads, oldest first. */
	reloadsOf(appId: string): string[];
	/** What example workflows posted to /demo/notifications. */
	notifications(): Array<{ receivedAt: string; body: unknown }>;
}

export interface SimulatorOptions {
	/** Default 0 = a free port. */
	port?: number;
	/** Default 1. */
	seed?: number;
	/** OAuth access-token lifetime, default 21600. */
	tokenTtlSeconds?: number;
	/** An OAuth access token answers 401 after this many authenticated requests; default unlimited. */
	tokenMaxRequests?: number;
	/** Default: tier 1 = 1000/60000 ms, tier 2 = 100/60000 ms, special = the operation's own
	 * per-minute limit; false = off. */
	rateLimits?: RateLimits;
	/** Also rate-limit /oauth/* and /.well-known/* (keyed by client_id or address). Default false. */
	rateLimitOAuth?: boolean;
	/** Seed a richer demo tenant (a few spaces, users, groups). */
	demo?: boolean;
	/** No console output. */
	quiet?: boolean;
	/** Extra redirect URIs registered for both interactive clients. */
	redirectUris?: string[];
	/** Lifetime of an authorization code in seconds, default 60. */
	authCodeTtlSeconds?: number;
	/** Called with every log entry as it is written (even after clearLog). */
	onLog?: (entry: RequestLogEntry) => void;
	/** How long reloads and task runs queue and run; default 200 ms and 600 ms. */
	reloadTimes?: ReloadTimes;
	/** Data-file quotas: direct-upload limit (default 500 MiB), tus limit (6 GiB), per-user total. */
	dataFiles?: Partial<DataFileQuotas>;
	/** How long after an upload its data set and item appear in the catalog; default 300 ms. */
	catalogDelayMs?: number;
}

export interface DataFileQuotas {
	maxFileSize: number;
	maxLargeFileSize: number;
	maxSize: number;
}

/** Data files and temp contents: settings, and what is stored on the simulator's disk. */
export interface SimulatorDataFiles {
	/** The temp folder that holds the bytes (removed on close). */
	readonly dir: string;
	setQuotas(quotas: Partial<DataFileQuotas>): void;
	setCatalogDelay(ms: number): void;
	/** Where a data file's bytes are, their size and sha256 (hex). */
	stored(id: string): { path: string; size: number; sha256: string } | undefined;
	tempContents(): Array<{ id: string; name: string; length: number; offset: number; tus: boolean }>;
}

export interface SeededUser {
	id: string;
	subject: string;
	name: string;
	email: string;
}

export interface SimulatorCredentials {
	/** Same as url. */
	tenantUrl: string;
	/** API key of the seeded admin user. */
	apiKey: string;
	/** Confidential web client allowing client_credentials and urn:qlik:oauth:user-impersonation. */
	m2m: { clientId: string; clientSecret: string };
	/** Public (SPA) client, no secret, authorization code + PKCE. */
	interactive: { clientId: string; clientSecret?: string; redirectUris: string[] };
	/** Web client, authorization code + PKCE + secret. */
	interactiveConfidential: { clientId: string; clientSecret: string; redirectUris: string[] };
	users: { admin: SeededUser; member: SeededUser; bot: SeededUser };
	/** Seeded groups by key: `analysts` (the member belongs to it). */
	groups: { analysts: string };
}

export interface Simulator {
	url: string;
	port: number;
	credentials: SimulatorCredentials;
	log: RequestLogEntry[];
	clearLog(): void;
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	setRateLimits(r: SimulatorOptions['rateLimits']): void;
	setTokenTtl(seconds: number): void;
	/** Access tokens issued from now on (and those in use) expire after N requests; 0 = unlimited. */
	setTokenMaxRequests(requests: number): void;
	/** Every issued OAuth access token now answers 401 (refresh tokens keep working). */
	expireAllTokens(): void;
	registerRedirectUri(clientId: string, uri: string): void;
	/** Direct access to the store for assertions. */
	state: SimulatorState;
	/**
	 * Puts an item at a concrete item path of the generic store, e.g.
	 * `seed('/api/v1/data-alerts/abc', { name: 'x' })` stores `{ id: 'abc', name: 'x' }`; under
	 * /api/v1/users, /groups and /spaces it creates the user, group or space record instead.
	 */
	seed(path: string, object?: Record<string, unknown>): Record<string, unknown>;
	/** Webhook deliveries, reloads and task runs. */
	events: SimulatorEvents;
	/** Data files and temp contents on disk; quotas and the catalog delay. */
	dataFiles: SimulatorDataFiles;
	/** Back to the seeded state: store, tokens, log, faults, rate-limit counters and RNG; keeps
	 * the credentials, registered redirect URIs and the rate-limit / TTL settings. */
	reset(): void;
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Route contract

export interface MultipartPart {
	name: string;
	/** Set for file parts. */
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export type QueryMap = Record<string, string | string[]>;

export interface RouteResult {
	status: number;
	/** JSON-serialised unless `text` or `bytes` is given. */
	body?: unknown;
	/** A non-JSON body (e.g. the HTML of a redirect). */
	text?: string;
	/** A binary body (a download); `contentType` defaults to application/octet-stream. */
	bytes?: Buffer;
	/** A binary body streamed from a file on disk, bytes `start` to `end` inclusive (a download). */
	file?: { path: string; start: number; end: number };
	contentType?: string;
	headers?: Record<string, string>;
}

export interface RouteContext {
	req: IncomingMessage;
	method: string;
	path: string;
	url: URL;
	params: Record<string, string>;
	query: QueryMap;
	headers: IncomingHttpHeaders;
	/** Parsed JSON / form object, undefined when the request had no body. */
	body: unknown;
	rawBody: Buffer;
	/** The parts of a multipart/form-data body. */
	parts?: MultipartPart[];
	/** Media type of the body without parameters, lower case ('' when absent). */
	contentType: string;
	/** The authenticated caller (every /api route). */
	principal?: Principal;
	/** Origin the caller used (http://127.0.0.1:port or http://localhost:port): links are built on it. */
	baseUrl: string;
	core: import('./core').SimCore;
}

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
	/** Path pattern like '/api/v1/spaces/{spaceId}'. */
	path: string;
	/** From the spec's x-qlik-tier. */
	tier: Tier;
	/** The spec's per-minute limit (used for the special tier). */
	limit?: number;
	/** Needs a bearer token; default: paths under /api/. */
	auth?: boolean;
	/** Counted against the tier's limit; default true except /oauth and /.well-known. */
	rateLimited?: boolean;
	/** 'stream' leaves the body unread for the handler (uploads). Default 'parse'. */
	body?: 'parse' | 'stream';
	handler(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}
