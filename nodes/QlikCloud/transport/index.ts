import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { HttpMethod, QlikList, RateTier } from '../shared/types';
import type { ErrorContext, HttpFailure } from './errors';
import { describeHttpFailure, retryAfterToMs, toNodeApiError } from './errors';
import { Pacer } from './pacer';
import { decideRetry, failureKind, isIdempotent } from './retry';
import { checkTenantUrl } from './tenant';

export type QlikContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export const CREDENTIAL_TYPES = {
	apiKey: 'qlikCloudApi',
	m2m: 'qlikCloudM2mOAuth2Api',
	interactive: 'qlikCloudOAuth2Api',
} as const;

export interface TransportSettings {
	pacer: Pacer;
	/** Retries after the first attempt (429 always; 5xx and network errors only when idempotent). */
	maxRetries: number;
	/** Upper bound on the total time spent waiting between retries of one call. */
	maxRetryWaitMs: number;
	signal?: AbortSignal;
	/** Tenant base URL, resolved once per run. */
	baseUrl?: string;
	/** Facts read once per execution (e.g. the data-file quotas), never kept across runs. */
	memo?: Map<string, unknown>;
}

export interface QlikRequest {
	/** HEAD only for tus offsets (no table operation uses it). */
	method: HttpMethod | 'HEAD';
	/** A path on the tenant, or an absolute URL on the tenant (pagination links). */
	path: string;
	tier: RateTier;
	/** Route template for pacing special tiers: the method and the row's path template. */
	route?: string;
	qs?: IDataObject;
	/** JSON, or the bytes of a file or multipart body (with its Content-Type in `headers`). */
	body?: IDataObject | IDataObject[] | Buffer;
	/**
	 * Makes the body for each attempt (a stream can be sent once: a retried upload re-opens its
	 * file). Takes precedence over `body`; a stream left over from a failed attempt is destroyed.
	 */
	bodyFactory?: () => Promise<IHttpRequestOptions['body']>;
	headers?: IDataObject;
	/** How to read the answer: JSON (default), bytes (downloads), a stream, or text (logs). */
	encoding?: 'arraybuffer' | 'text' | 'stream';
}

export interface QlikResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_MAX_RETRY_WAIT_SECONDS = 300;

function cancelSignal(ctx: QlikContext): AbortSignal | undefined {
	const withSignal = ctx as Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>;
	return typeof withSignal.getExecutionCancelSignal === 'function'
		? withSignal.getExecutionCancelSignal()
		: undefined;
}

/** Transport settings from the node's Options collection (see `requestOptions`). */
export function createTransportSettings(
	ctx: QlikContext,
	options: IDataObject = {},
): TransportSettings {
	const signal = cancelSignal(ctx);
	return {
		pacer: new Pacer({
			enabled: options.pacing !== false,
			maxRequestsPerMinute: Number(options.maxRequestsPerMinute ?? 0) || undefined,
			signal,
		}),
		maxRetries: Math.max(0, Math.floor(Number(options.maxRetries ?? DEFAULT_MAX_RETRIES))),
		maxRetryWaitMs:
			Math.max(0, Number(options.maxRetryWaitSeconds ?? DEFAULT_MAX_RETRY_WAIT_SECONDS)) * 1000,
		signal,
		memo: new Map(),
	};
}

export function getCredentialType(ctx: QlikContext): string {
	const chosen = ctx.getNode().parameters.authentication;
	return typeof chosen === 'string' && chosen !== '' ? chosen : CREDENTIAL_TYPES.apiKey;
}

/** The tenant's base URL from the credential, normalised; bad input fails before any request. */
export async function getBaseUrl(this: QlikContext, settings?: TransportSettings): Promise<string> {
	if (settings?.baseUrl) return settings.baseUrl;
	const credentials = await this.getCredentials(getCredentialType(this));
	const checked = checkTenantUrl(credentials.tenantUrl);
	if (checked.problem !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Credential field "Tenant URL": ${checked.problem}`,
			{
				description: 'Open the Qlik Cloud credential and correct the Tenant URL.',
			},
		);
	}
	if (settings) settings.baseUrl = checked.url;
	return checked.url;
}

/**
 * A JSON call answered with something else (an HTML page from a proxy, cut-off JSON, plain
 * text): a clear error with the start of what came, instead of passing text on as data.
 */
function notJson(
	this: QlikContext,
	body: unknown,
	headers: IDataObject,
	errorContext: ErrorContext,
): void {
	if (typeof body !== 'string' && !Buffer.isBuffer(body)) return;
	const text = body.toString().trim();
	if (text === '') return;
	const type = String(headers['content-type'] ?? 'no content type').split(';')[0];
	const start = text.slice(0, 120).replace(/\s+/g, ' ');
	throw new NodeApiError(
		this.getNode(),
		{ message: 'Answer is not JSON' },
		{
			message: `Qlik Cloud answered with ${type} that is not valid JSON${errorContext.subject ? ` for ${errorContext.subject}` : ''}`,
			description: `The answer began: ${start}${text.length > 120 ? '…' : ''}. A proxy or gateway in front of the tenant may have answered instead of Qlik Cloud; check the tenant URL.`,
			itemIndex: errorContext.itemIndex,
		},
	);
}

type StreamLike = AsyncIterable<Buffer | string> & { destroy?: () => void };

function isStream(value: unknown): value is StreamLike {
	return (
		!!value &&
		typeof value === 'object' &&
		typeof (value as Partial<StreamLike>)[Symbol.asyncIterator] === 'function' &&
		!Buffer.isBuffer(value)
	);
}

/** A body stream that was not (fully) sent: closed so its file handle is released. */
function discardStream(body: unknown): void {
	if (isStream(body) && typeof body.destroy === 'function') body.destroy();
}

/** The start of an error answer that came as a stream (downloads), for the error message. */
async function readSmall(stream: StreamLike): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			chunks.push(buffer);
			size += buffer.length;
			if (size > 65536) break;
		}
	} catch {
		// what came is enough
	}
	discardStream(stream);
	return Buffer.concat(chunks).toString('utf8');
}

/** Sends one call to Qlik Cloud: pacing, retries, 429 waits and error mapping live here. */
export async function qlikApiRequest<T = unknown>(
	this: QlikContext,
	request: QlikRequest,
	settings: TransportSettings = createTransportSettings(this),
	errorContext: ErrorContext = {},
): Promise<QlikResponse<T>> {
	const baseUrl = await getBaseUrl.call(this, settings);
	const url = /^https?:\/\//i.test(request.path) ? request.path : `${baseUrl}${request.path}`;
	if (new URL(url).origin !== new URL(baseUrl).origin) {
		throw new NodeApiError(
			this.getNode(),
			{ message: 'Refused to call another host' },
			{
				message: `Refused to send the credential to ${new URL(url).origin}: Qlik Cloud returned a link outside the tenant ${baseUrl}`,
				description: 'The request was not sent. This points at a proxy or tenant misconfiguration.',
				itemIndex: errorContext.itemIndex,
			},
		);
	}
	const route = request.route ?? `${request.method} ${request.path.split('?')[0]}`;
	const credentialType = getCredentialType(this);
	const idempotent = isIdempotent(request.method, request.body, !!request.bodyFactory);
	let waitedMs = 0;
	/** An earlier attempt got no definite answer (5xx or a dropped connection): it may have worked. */
	let unconfirmed = false;

	for (let attempt = 0; ; attempt++) {
		await settings.pacer.acquire(request.tier, route);
		const body = request.bodyFactory ? await request.bodyFactory() : request.body;
		const options: IHttpRequestOptions = {
			method: request.method as IHttpRequestMethods,
			url,
			qs: request.qs,
			body,
			headers: {
				Accept: request.encoding ? '*/*' : 'application/json',
				...(request.headers ?? {}),
			},
			json: !request.encoding,
			...(request.encoding ? { encoding: request.encoding } : {}),
			returnFullResponse: true,
			sendCredentialsOnCrossOriginRedirect: false,
			// Only reads follow a redirect: a body (a secret in it, or a streamed upload the
			// follower would hold whole in memory to replay) is never sent to another address.
			...(request.method === 'GET' || request.method === 'HEAD'
				? {}
				: { disableFollowRedirect: true }),
			...(settings.signal ? { abortSignal: settings.signal } : {}),
		};
		let failure: HttpFailure | undefined;
		let answer: QlikResponse<T> | undefined;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				options,
			)) as { statusCode: number; headers: IDataObject; body: T };
			answer = {
				statusCode: response.statusCode,
				headers: response.headers ?? {},
				body: response.body,
			};
		} catch (error) {
			if (error instanceof NodeOperationError) {
				throw new NodeOperationError(this.getNode(), error, { itemIndex: errorContext.itemIndex });
			}
			failure = describeHttpFailure(error);
			discardStream(body);
			if (isStream(failure.body)) failure.body = await readSmall(failure.body);
		}
		if (!failure) {
			const done = answer!;
			if (!request.encoding) notJson.call(this, done.body, done.headers, errorContext);
			return done;
		}

		const kind = failureKind(failure);
		const decision = decideRetry({
			method: request.method,
			idempotent,
			kind,
			attempt,
			waitedMs,
			unconfirmed,
			retryAfterMs:
				kind === 'rateLimited' ? retryAfterToMs(failure.headers['retry-after']) : undefined,
			maxRetries: settings.maxRetries,
			maxRetryWaitMs: settings.maxRetryWaitMs,
			aborted: settings.signal?.aborted,
			jitter: Math.random(),
		});
		if (decision.do === 'return') {
			return { statusCode: 404, headers: failure.headers, body: undefined as T };
		}
		if (decision.do === 'throw') {
			if (decision.holdMs) settings.pacer.block(request.tier, route, decision.holdMs);
			throw toNodeApiError(this.getNode(), failure, {
				...errorContext,
				attempts: attempt,
				...(decision.unconfirmed ? { unconfirmed: decision.unconfirmed } : {}),
			});
		}
		if (kind === 'server' || kind === 'network') unconfirmed = true;
		waitedMs += decision.ms;
		if (decision.rateLimited) settings.pacer.block(request.tier, route, decision.ms);
		else await sleep(decision.ms, settings.signal);
	}
}

/** Pages one list may take: far above any tenant's list, low enough to end a link that cycles. */
export const MAX_PAGES = 10000;

export interface PageOptions {
	/** Stop once this many items came; undefined = all. */
	limit?: number;
	/** At most this many pages (default MAX_PAGES). */
	maxPages?: number;
	maxPageSize: number;
	limitParam?: string;
	/** The API documents no page size (one page answers all): none is sent. */
	single?: boolean;
	/** Where a page holds its items; default `data`. */
	itemsKey?: string;
	/** Stop after a page for which this is true (a newest-first walk that reached known items). */
	enough?: (pageItems: unknown[]) => boolean;
}

/** Follows `links.next.href` until the end or until `limit` items came. */
export async function qlikApiRequestAllItems(
	this: QlikContext,
	request: QlikRequest,
	page: PageOptions,
	settings: TransportSettings = createTransportSettings(this),
	errorContext: ErrorContext = {},
): Promise<unknown[]> {
	const items: unknown[] = [];
	const seen = new Set<string>();
	const limitParam = page.limitParam ?? 'limit';
	const wanted = () =>
		page.limit === undefined
			? page.maxPageSize
			: Math.min(page.maxPageSize, page.limit - items.length);
	let next: QlikRequest | undefined = {
		...request,
		qs: { ...(request.qs ?? {}), ...(page.single ? {} : { [limitParam]: wanted() }) },
	};
	const seenIds = new Set<string>();
	const loop = (why: string) =>
		new NodeApiError(
			this.getNode(),
			{ message: 'Pagination loop' },
			{
				message: `Qlik Cloud ${why}; stopped to avoid an endless loop`,
				itemIndex: errorContext.itemIndex,
			},
		);
	for (let pages = 0; next; pages++) {
		if (pages >= (page.maxPages ?? MAX_PAGES)) {
			throw loop(`returned more than ${page.maxPages ?? MAX_PAGES} pages`);
		}
		const { body } = await qlikApiRequest.call(this, next, settings, errorContext);
		const list = (body ?? {}) as QlikList<unknown>;
		const key = page.itemsKey ?? 'data';
		const pageItems = list[key];
		if (!Array.isArray(pageItems)) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'List answer without data' },
				{
					message: `Qlik Cloud answered a list request without a "${key}" array`,
					description: 'The answer was not the list Qlik Cloud documents; nothing was returned.',
					itemIndex: errorContext.itemIndex,
				},
			);
		}
		const ids = pageItems
			.map((item) => (item as { id?: unknown } | null)?.id)
			.filter((id) => typeof id === 'string' || typeof id === 'number')
			.map(String);
		const repeated = ids.find((id) => seenIds.has(id));
		for (const id of ids) seenIds.add(id);
		items.push(...pageItems);
		if (page.limit !== undefined && items.length >= page.limit) {
			return items.slice(0, page.limit);
		}
		if (page.enough?.(pageItems)) break;
		const href = list.links?.next?.href;
		if (href && pageItems.length > 0 && seen.has(href)) {
			throw loop('returned the same next-page link twice');
		}
		if (repeated !== undefined) throw loop(`returned item "${repeated}" on two pages`);
		if (!href || pageItems.length === 0) break;
		seen.add(href);
		const baseUrl = await getBaseUrl.call(this, settings);
		const nextUrl = new URL(href, baseUrl);
		next = {
			...request,
			path: nextUrl.toString(),
			qs: undefined,
			route: request.route ?? `${request.method} ${request.path}`,
		};
	}
	return items;
}
