import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, m2mCredential, requests, useSimulator } from '../helpers/sim';

const sim = useSimulator();

async function seedSpaces(count: number, prefix: string) {
	const { url, credentials } = sim();
	for (let i = 0; i < count; i++) {
		const response = await fetch(`${url}/api/v1/spaces`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${credentials.apiKey}`,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ name: `${prefix} ${String(i).padStart(3, '0')}`, type: 'shared' }),
		});
		expect(response.status).toBe(201);
	}
}

describe('pagination', () => {
	beforeAll(() => seedSpaces(250, 'Paged'));
	beforeEach(() => sim().clearLog());

	it('follows next links over several pages at the maximum page size', async () => {
		const result = await runNode({
			parameters: {
				resource: 'space',
				operation: 'getAll',
				returnAll: true,
				filters: { name: 'Paged' },
			},
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(250);
		const gets = requests(sim(), 'GET', '/api/v1/spaces');
		expect(gets).toHaveLength(3);
		expect(gets[0].query.limit).toBe('100');
	});

	it('stops fetching once Limit items came', async () => {
		const result = await runNode({
			parameters: {
				resource: 'space',
				operation: 'getAll',
				returnAll: false,
				limit: 150,
				filters: { name: 'Paged' },
			},
			credential: apiKeyCredential(sim()),
		});
		expect(result.items).toHaveLength(150);
		expect(requests(sim(), 'GET', '/api/v1/spaces')).toHaveLength(2);
		sim().clearLog();
		const small = await runNode({
			parameters: { resource: 'space', operation: 'getAll', returnAll: false, limit: 5 },
			credential: apiKeyCredential(sim()),
		});
		expect(small.items).toHaveLength(5);
		const gets = requests(sim(), 'GET', '/api/v1/spaces');
		expect(gets).toHaveLength(1);
		expect(gets[0].query.limit).toBe('5');
	});

	it('refuses a next link to another origin and sends nothing there', async () => {
		const elsewhere: string[] = [];
		const other = http.createServer((req, res) => {
			elsewhere.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
			res.end('{"data":[]}');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
		const rogue = http.createServer((_req, res) => {
			res.setHeader('Content-Type', 'application/json');
			res.end(
				JSON.stringify({
					data: [{ id: 'a' }],
					links: { next: { href: `${otherUrl}/api/v1/spaces?next=x` } },
				}),
			);
		});
		await new Promise<void>((resolve) => rogue.listen(0, 'localhost', resolve));
		const rogueUrl = `http://localhost:${(rogue.address() as AddressInfo).port}`;
		try {
			const result = await runNode({
				parameters: { resource: 'space', operation: 'getAll', returnAll: true },
				credential: {
					type: 'qlikCloudApi',
					data: { tenantUrl: rogueUrl, apiKey: 'key-for-rogue-test' },
				},
			});
			expect(result.error?.message).toMatch(
				/Refused to send the credential to http:\/\/127\.0\.0\.1/,
			);
			expect(elsewhere).toEqual([]);
		} finally {
			rogue.close();
			other.close();
		}
	});

	it('stops on a next link that loops back to itself', async () => {
		const looping = http.createServer((req, res) => {
			res.setHeader('Content-Type', 'application/json');
			const self = `http://localhost:${(looping.address() as AddressInfo).port}/api/v1/spaces?next=same`;
			res.end(JSON.stringify({ data: [{ id: req.url }], links: { next: { href: self } } }));
		});
		await new Promise<void>((resolve) => looping.listen(0, 'localhost', resolve));
		try {
			const result = await runNode({
				parameters: { resource: 'space', operation: 'getAll', returnAll: true },
				credential: {
					type: 'qlikCloudApi',
					data: {
						tenantUrl: `http://localhost:${(looping.address() as AddressInfo).port}`,
						apiKey: 'k',
					},
				},
			});
			expect(result.error?.message).toMatch(/same next-page link twice/);
		} finally {
			looping.close();
		}
	});
});

describe('retries', () => {
	beforeEach(() => {
		sim().clearLog();
		sim().clearFaults();
	});

	it('waits out a 429 with Retry-After and succeeds', async () => {
		sim().addFault({
			method: 'GET',
			path: '/api/v1/spaces/types',
			kind: 'status',
			status: 429,
			retryAfter: '1',
			times: 1,
		});
		const started = Date.now();
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(requests(sim(), 'GET', '/api/v1/spaces/types').map((r) => r.status)).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('retries a 503 on GET', async () => {
		sim().addFault({
			method: 'GET',
			path: '/api/v1/spaces/types',
			kind: 'status',
			status: 503,
			times: 2,
		});
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim(), 'GET', '/api/v1/spaces/types').map((r) => r.status)).toEqual([
			503, 503, 200,
		]);
	});

	it('retries a dropped connection on GET', async () => {
		sim().addFault({ method: 'GET', path: '/api/v1/spaces/types', kind: 'drop', times: 1 });
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim(), 'GET', '/api/v1/spaces/types').map((r) => r.status)).toEqual([0, 200]);
	});

	it('never resends a POST after a 503', async () => {
		sim().addFault({
			method: 'POST',
			path: '/api/v1/spaces',
			kind: 'status',
			status: 503,
			times: 1,
		});
		const result = await runNode({
			parameters: { resource: 'space', operation: 'create', name: 'Not twice', type: 'shared' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error?.message).toMatch(/HTTP 503/);
		expect(requests(sim(), 'POST', '/api/v1/spaces')).toHaveLength(1);
	});

	it('does not wait longer than Max Retry Wait: a long Retry-After fails at once as rate limited', async () => {
		sim().addFault({
			method: 'GET',
			path: '/api/v1/spaces/types',
			kind: 'status',
			status: 429,
			retryAfter: '600',
			times: 1,
		});
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes', options: { maxRetryWaitSeconds: 5 } },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error?.message).toMatch(/HTTP 429/);
		expect(result.error?.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 600000 });
		expect(requests(sim(), 'GET', '/api/v1/spaces/types')).toHaveLength(1);
	});

	it('gives up after Max Retries and says how often it tried', async () => {
		sim().addFault({ method: 'GET', path: '/api/v1/spaces/types', kind: 'status', status: 500 });
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes', options: { maxRetries: 2 } },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error?.message).toMatch(/HTTP 500/);
		expect(result.error?.description).toMatch(/Tried 3 times/);
		expect(requests(sim(), 'GET', '/api/v1/spaces/types')).toHaveLength(3);
	});
});

describe('pacing', () => {
	afterEach(() => sim().setRateLimits(false));

	async function createMany(count: number, prefix: string, options: object) {
		sim().clearLog();
		return await runNode({
			parameters: {
				resource: 'space',
				operation: 'create',
				name: `${prefix}`,
				type: 'shared',
				options,
			},
			credential: apiKeyCredential(sim()),
			items: Array.from({ length: count }, () => ({ json: {} })),
			continueOnFail: true,
		});
	}

	it("sends a run of 95 % of the tier's minute at once with no 429", async () => {
		sim().setRateLimits({ '2': { limit: 100, windowMs: 60_000 } });
		// Each item creates a space with the same name: the first succeeds, the rest get 409.
		// What matters here is what reached the simulator: 95 tier-2 calls, none refused.
		const result = await createMany(95, 'Paced', {});
		expect(result.items).toHaveLength(95);
		const posts = requests(sim(), 'POST', '/api/v1/spaces');
		expect(posts).toHaveLength(95);
		expect(posts.filter((p) => p.status === 429)).toHaveLength(0);
	});

	it('without pacing the same run meets 429s (and waits them out)', async () => {
		sim().setRateLimits({ '2': { limit: 100, windowMs: 2000 } });
		const result = await createMany(300, 'Unpaced', { maxRequestsPerMinute: 3000, pacing: false });
		expect(result.items).toHaveLength(300);
		expect(result.items.filter((i) => /429/.test(String(i.json.error ?? '')))).toHaveLength(0);
		expect(
			requests(sim(), 'POST', '/api/v1/spaces').filter((p) => p.status === 429).length,
		).toBeGreaterThan(0);
	});
});

describe('Qlik errors', () => {
	it('maps 404 on a missing space with the ID in the message', async () => {
		const result = await runNode({
			parameters: { resource: 'space', operation: 'get', spaceId: rl('000000000000000000000000') },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error?.message).toMatch(
			/^Space "000000000000000000000000": Qlik Cloud: .*HTTP 404/,
		);
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	it('maps 409 on a duplicate name', async () => {
		const parameters = { resource: 'space', operation: 'create', name: 'Twice', type: 'shared' };
		await runNode({ parameters, credential: apiKeyCredential(sim()) });
		const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
		expect(result.error?.message).toMatch(/^"Twice": Qlik Cloud: .*HTTP 409/);
		expect((result.error as { failure?: { cause: string } }).failure?.cause).toBe(
			'configuration-invalid',
		);
	});

	it.each([
		[400, 'SIM-400'],
		[403, 'SIM-403'],
	])('maps an injected %i with title, detail, code and status', async (status) => {
		sim().addFault({
			method: 'GET',
			path: '/api/v1/spaces/types',
			kind: 'status',
			status,
			times: 1,
		});
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error?.message).toMatch(new RegExp(`^Qlik Cloud: .+ \\(HTTP ${status}, .+\\)$`));
		expect(result.error?.description).toMatch(/Trace ID: /);
		sim().clearFaults();
	});

	it('with continue-on-fail, the failing item carries the error and the next goes on', async () => {
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: apiKeyCredential(sim()),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(6);
		sim().addFault({
			method: 'GET',
			path: '/api/v1/spaces/000000000000000000000001',
			kind: 'status',
			status: 404,
		});
		const failing = await runNode({
			parameters: { resource: 'space', operation: 'get', spaceId: rl('000000000000000000000001') },
			credential: apiKeyCredential(sim()),
			items: [{ json: {} }],
			continueOnFail: true,
		});
		expect(failing.items[0].json.error).toMatch(/HTTP 404/);
		expect(failing.items[0].pairedItem).toEqual({ item: 0 });
		sim().clearFaults();
	});
});

describe('re-authentication', () => {
	it('a 401 mid-run fetches a new machine-to-machine token once and the run goes on', async () => {
		const credential = m2mCredential(sim());
		const first = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential,
		});
		expect(first.error).toBeUndefined();
		expect(first.recorder.tokenRequests).toBe(1);
		const firstToken = credential.data.accessToken;
		sim().expireAllTokens();
		sim().clearLog();
		const second = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential,
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		expect(second.error).toBeUndefined();
		expect(second.items).toHaveLength(9);
		expect(second.recorder.tokenRequests).toBe(1);
		expect(credential.data.accessToken).not.toBe(firstToken);
		expect(requests(sim(), 'GET', '/api/v1/spaces/types').map((r) => r.status)).toEqual([
			401, 200, 200, 200,
		]);
	});
});
