/**
 * The HTTP pipeline: fault → body → route → auth → rate limit → spec check → handler, with every request
 * (also 401, 404, 429 and dropped ones) written to the request log with secrets redacted.
 */
import { createReadStream } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { SimCore } from './core';
import { ApiError, envelope, rateLimited } from './errors';
import { redactHeaders, redactQuery, redactRaw, redactValue, secretKeys } from './log';
import { Router } from './router';
import { describeParts, parseMultipart } from './multipart';
import { checkRequest } from './openapi';
import type {
	FaultRule,
	MultipartPart,
	QueryMap,
	RequestLogEntry,
	Route,
	RouteContext,
	RouteResult,
} from './types';
import { isJsonType } from './validate';

const MAX_BODY = 20 * 1024 * 1024;

export interface RunningServer {
	server: http.Server;
	port: number;
	close(): Promise<void>;
}

export async function startServer(
	core: SimCore,
	routes: Route[],
	port: number,
): Promise<RunningServer> {
	const router = new Router(routes);
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closing = false;

	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (!core.options.quiet) console.error('[qlik-sim] unexpected error', error);
			if (!res.headersSent && !res.destroyed) send(req, res, envelope(500, 'HTTP-500'));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		if (closing) socket.destroy();
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	async function handle(req: IncomingMessage, res: ServerResponse) {
		req.on('error', () => undefined);
		res.on('error', () => undefined);
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', core.url || 'http://127.0.0.1');
		const path = url.pathname;
		const query = parseQuery(url.searchParams);
		const keys = secretKeys(path);
		const entry: RequestLogEntry = {
			seq: ++core.seq,
			time: Date.now(),
			method,
			path,
			query: redactQuery(query, core.secrets, keys),
			headers: redactHeaders(req.headers),
			body: undefined,
			status: 0,
			tier: 'none',
		};
		const match = router.match(method, path);
		const route = match.kind === 'route' ? match.route : undefined;
		if (route) entry.tier = route.tier;
		let after: { rule: FaultRule; label: string } | undefined;
		const finish = (outcome: RouteResult | undefined) => {
			let result = outcome;
			if (result && after) {
				// The request was handled; its answer is lost (drop) or replaced by a gateway error.
				if (after.rule.kind === 'drop') {
					req.socket.destroy();
					result = undefined;
				} else result = faultResult(after.rule.status ?? 504, after.rule.retryAfter, after.label);
			}
			if (result) {
				send(req, res, result);
				entry.status = result.status;
			}
			core.log.push(entry);
			core.options.onLog?.(entry);
		};

		// 1. faults
		const fault = core.faults.pick(method, path);
		if (fault?.rule.after && fault.rule.kind !== 'delay') {
			entry.fault = fault.label;
			after = fault;
		} else if (fault) {
			entry.fault = fault.label;
			if (fault.rule.kind === 'drop') {
				req.socket.destroy();
				return finish(undefined);
			}
			if (fault.rule.kind === 'delay') await sleep(fault.rule.delayMs ?? 0);
			else {
				entry.body = await readLoggedBody(req, entry, keys).catch(() => undefined);
				return finish(faultResult(fault.rule.status ?? 503, fault.rule.retryAfter, fault.label));
			}
			if (closing || res.destroyed) return finish(undefined);
		}

		// 2. body
		let rawBody: Buffer = Buffer.alloc(0);
		if (route?.body !== 'stream') {
			try {
				rawBody = await readBody(req);
			} catch (error) {
				if (error instanceof ApiError) return finish(error.toResult());
				return finish(undefined);
			}
		}
		const contentType = mediaType(req);
		const { body, parts, error: bodyError } = parseBody(rawBody, req);
		entry.body =
			route?.body === 'stream' && !rawBody.length
				? '<stream>'
				: loggedBody(rawBody, contentType, body, parts, keys);

		// 3. routing
		if (match.kind === 'none')
			return finish(envelope(404, 'HTTP-404', 'Not Found', `No API at ${method} ${path}.`));
		if (match.kind === 'method') {
			const result = envelope(
				405,
				'HTTP-405',
				'Method Not Allowed',
				`${method} is not supported on ${path}. Use ${match.allowed.join(', ')}.`,
			);
			result.headers = { Allow: match.allowed.join(', ') };
			return finish(result);
		}
		const matched = match.route;
		if (bodyError) return finish(bodyError.toResult());

		const ctx: RouteContext = {
			req,
			method,
			path,
			url,
			params: match.params,
			query,
			headers: req.headers,
			body,
			rawBody,
			...(parts ? { parts } : {}),
			contentType,
			baseUrl: baseUrlOf(req, core),
			core,
		};

		try {
			// 4. authentication
			const needsAuth = matched.auth ?? path.startsWith('/api/');
			if (needsAuth) {
				ctx.principal = core.authenticate(req.headers.authorization);
				entry.principal = { ...ctx.principal };
			}
			// 5. rate limit
			const isAuthServer = path.startsWith('/oauth/') || path.startsWith('/.well-known/');
			const limited =
				matched.rateLimited ?? (!isAuthServer || core.options.rateLimitOAuth === true);
			if (limited) {
				const key = ctx.principal?.tokenId ?? clientKey(ctx);
				const wait = core.limiter.hit(key, matched.tier, {
					id: `${matched.method} ${matched.path}`,
					limit: matched.limit,
				});
				if (wait !== undefined) return finish(rateLimited(wait));
			}
			// 6. the request against Qlik's spec
			await checkRequest(ctx, matched);
			// 7. handler
			const result = await matched.handler(ctx);
			return finish(result);
		} catch (error) {
			if (error instanceof ApiError) return finish(error.toResult());
			if (!core.options.quiet) console.error('[qlik-sim] handler failed', error);
			return finish(envelope(500, 'HTTP-500', 'Internal Server Error', 'The simulator failed.'));
		}
	}

	async function readLoggedBody(
		req: IncomingMessage,
		entry: RequestLogEntry,
		keys: ReadonlySet<string>,
	) {
		const raw = await readBody(req);
		if (!raw.length) return entry.body;
		const { body, parts } = parseBody(raw, req);
		return loggedBody(raw, mediaType(req), body, parts, keys);
	}

	/** What the log keeps of a body: parsed JSON or form, multipart parts, or facts of bytes. */
	function loggedBody(
		raw: Buffer,
		type: string,
		body: unknown,
		parts: MultipartPart[] | undefined,
		keys: ReadonlySet<string>,
	): unknown {
		if (body !== undefined) return redactValue(body, core.secrets, keys);
		if (parts) return redactValue(describeParts(parts), core.secrets, keys);
		if (!raw.length) return undefined;
		const textual =
			!type ||
			type.startsWith('text/') ||
			isJsonType(type) ||
			type === 'application/x-www-form-urlencoded';
		return textual ? redactRaw(raw, core.secrets) : { bytes: raw.length, contentType: type };
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;

	return {
		server,
		port: actualPort,
		close: () =>
			new Promise<void>((resolve) => {
				closing = true;
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections?.();
				for (const socket of sockets) socket.destroy();
				sockets.clear();
			}),
	};
}

function faultResult(status: number, retryAfter: string | undefined, label: string): RouteResult {
	if (status === 429) {
		const seconds = Math.max(1, Math.ceil(Number(retryAfter ?? '1')) || 1);
		const result = rateLimited(seconds);
		if (retryAfter !== undefined) result.headers = { 'Retry-After': retryAfter };
		return result;
	}
	const result = envelope(
		status,
		`HTTP-${status}`,
		http.STATUS_CODES[status] ?? 'Error',
		`Injected by the simulator (fault ${label.split(' ')[0]}).`,
	);
	if (retryAfter !== undefined && status >= 400) result.headers = { 'Retry-After': retryAfter };
	return result;
}

/** Media type of the request body without parameters, lower case ('' when absent). */
function mediaType(req: IncomingMessage): string {
	return (String(req.headers['content-type'] ?? '').split(';')[0] ?? '').trim().toLowerCase();
}

/** JSON, form and multipart bodies parsed; a malformed one is an error kept for the route. */
function parseBody(
	raw: Buffer,
	req: IncomingMessage,
): { body?: unknown; parts?: MultipartPart[]; error?: ApiError } {
	if (!raw.length) return {};
	const type = mediaType(req);
	try {
		if (isJsonType(type)) return { body: JSON.parse(raw.toString('utf8')) as unknown };
		if (type === 'application/x-www-form-urlencoded')
			return { body: formObject(new URLSearchParams(raw.toString('utf8'))) };
		if (type === 'multipart/form-data')
			return { parts: parseMultipart(raw, String(req.headers['content-type'])) };
	} catch (error) {
		if (error instanceof ApiError) return { error };
		return {
			error: new ApiError(400, 'HTTP-400', 'Bad request', 'The body is not valid JSON.', {
				source: { pointer: '' },
			}),
		};
	}
	return {};
}

function send(req: IncomingMessage, res: ServerResponse, result: RouteResult) {
	if (res.destroyed || res.headersSent) return;
	const headers: Record<string, string> = { ...(result.headers ?? {}) };
	let payload: string | Buffer | undefined;
	const noBody = result.status === 204 || result.status === 304;
	if (!noBody) {
		if (result.bytes !== undefined) {
			payload = result.bytes;
			headers['Content-Type'] ??= result.contentType ?? 'application/octet-stream';
		} else if (result.text !== undefined) {
			payload = result.text;
			headers['Content-Type'] ??= result.contentType ?? 'text/plain; charset=utf-8';
		} else if (result.body !== undefined) {
			payload = JSON.stringify(result.body);
			headers['Content-Type'] ??= result.contentType ?? 'application/json; charset=utf-8';
		}
	}
	if (result.file && !noBody) {
		// Streamed from disk: a 1 GiB download is never held in the simulator's memory.
		const { path, start, end } = result.file;
		headers['Content-Type'] ??= result.contentType ?? 'application/octet-stream';
		headers['Content-Length'] = String(Math.max(0, end - start + 1));
		res.writeHead(result.status, headers);
		if (req.method === 'HEAD' || end < start) res.end();
		else
			createReadStream(path, { start, end, highWaterMark: 1024 * 1024 })
				.on('error', () => res.destroy())
				.pipe(res);
		return;
	}
	if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(result.status, headers);
	res.end(req.method === 'HEAD' ? undefined : payload);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () =>
			tooLarge
				? reject(
						new ApiError(
							413,
							'HTTP-413',
							'Payload Too Large',
							`Bodies are limited to ${MAX_BODY} bytes.`,
						),
					)
				: resolve(Buffer.concat(chunks)),
		);
		req.on('error', reject);
		req.on('aborted', () => reject(new Error('aborted')));
	});
}

export function parseQuery(params: URLSearchParams): QueryMap {
	const out: QueryMap = {};
	for (const [key, value] of params) {
		const existing = out[key];
		if (existing === undefined) out[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else out[key] = [existing, value];
	}
	return out;
}

function formObject(params: URLSearchParams): Record<string, string | string[]> {
	return parseQuery(params);
}

/** The origin the client used, when it is this simulator under another loopback name. */
function baseUrlOf(req: IncomingMessage, core: SimCore): string {
	const host = req.headers.host;
	const port = new URL(core.url).port;
	if (host && new RegExp(`^(127\\.0\\.0\\.1|localhost|\\[::1\\]):${port}$`, 'i').test(host))
		return `http://${host.toLowerCase()}`;
	return core.url;
}

function clientKey(ctx: RouteContext): string {
	const body = ctx.body as Record<string, unknown> | undefined;
	if (body && typeof body.client_id === 'string') return `client:${body.client_id}`;
	const basic = /^Basic\s+(\S+)/i.exec(String(ctx.headers.authorization ?? ''));
	if (basic) return `client:${Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0]}`;
	const id = typeof ctx.query.client_id === 'string' ? ctx.query.client_id : undefined;
	return id ? `client:${id}` : `addr:${ctx.req.socket.remoteAddress ?? ''}`;
}
