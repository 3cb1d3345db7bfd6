/**
 * A scripted tenant on 127.0.0.1 for answers the simulator never gives on purpose (a tus server
 * that reports a wrong offset, a redirect, a list that repeats itself): each test writes the
 * answers; every request is logged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { StoredCredential } from './n8n';

export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: Buffer;
}

export interface FakeAnswer {
	status?: number;
	headers?: Record<string, string>;
	json?: unknown;
	body?: Buffer | string;
}

export type FakeHandler = (request: FakeRequest) => FakeAnswer | undefined;

export interface FakeTenant {
	url: string;
	log: FakeRequest[];
	/** The handler answering requests; undefined answers 404. */
	handle: FakeHandler;
	credential: StoredCredential;
	close(): Promise<void>;
}

export async function startFakeTenant(handle: FakeHandler = () => undefined): Promise<FakeTenant> {
	const log: FakeRequest[] = [];
	const tenant = { log, handle } as FakeTenant;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const request: FakeRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				body: Buffer.concat(chunks),
			};
			log.push(request);
			const answer = tenant.handle(request) ?? {
				status: 404,
				json: { errors: [{ title: 'Not found' }] },
			};
			const headers: Record<string, string> = { ...(answer.headers ?? {}) };
			let body: Buffer | string = answer.body ?? '';
			if (answer.json !== undefined) {
				headers['Content-Type'] = 'application/json';
				body = JSON.stringify(answer.json);
			}
			res.writeHead(answer.status ?? 200, headers);
			res.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	tenant.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	tenant.credential = { type: 'qlikCloudApi', data: { tenantUrl: tenant.url, apiKey: 'fake-key' } };
	tenant.close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return tenant;
}

/** Starts a fake tenant for one test file. */
export function useFakeTenant(): () => FakeTenant {
	let tenant: FakeTenant | undefined;
	beforeAll(async () => {
		tenant = await startFakeTenant();
	});
	afterAll(async () => await tenant?.close());
	beforeEach(() => {
		if (!tenant) return;
		tenant.log.length = 0;
		tenant.handle = () => undefined;
	});
	return () => {
		if (!tenant) throw new Error('fake tenant not started');
		return tenant;
	};
}
