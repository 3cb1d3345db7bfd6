/**
 * Injected faults over 1,000 items (issue 7): 10 % of answers 5xx and 2 % dropped connections,
 * drawn from the simulator's seeded RNG, for Get, Replace (PUT), Update (PATCH), Delete and
 * Create of a generated resource with plain CRUD (glossaries). Half of the faults strike before
 * the simulator handles the request and half after it (the change is made, the answer is lost),
 * as a gateway timeout or a connection cut on the way back would. And an OAuth M2M access token
 * that expires every 200 requests.
 *
 * Retry waits are recorded, not slept: `sleep` from n8n-workflow is mocked (the rest of the
 * module is the real one), and the test checks each wait against the backoff the transport
 * promises for that attempt.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RequestLogEntry } from '../simulator';
import { rl, runNode, type RunResult } from '../helpers/n8n';
import { hex } from '../helpers/samples';
import { apiKeyCredential, m2mCredential, requests, useSimulator } from '../helpers/sim';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual<object>('n8n-workflow'),
	sleep: jest.fn(async () => undefined),
}));

const sleepMock = sleep as unknown as jest.Mock<Promise<void>, [number, AbortSignal?]>;
const sim = useSimulator({ seed: 7 });
const COLLECTION = '/api/v1/glossaries';
const ITEMS = 1000;

/** Options for every run: the simulator's rate limits are off, so pacing is too. */
const options = { pacing: false };

interface Figures {
	run: string;
	items: number;
	requests: number;
	faults: number;
	retries: number;
	failed: number;
	duplicates: number | '';
	note?: string;
}
const figures: Figures[] = [];

/**
 * 5 % 503 before handling, 5 % 504 after it, 1 % drop before, 1 % drop after. The newest rule is
 * checked first, each with its own draw, so each gets its share of what the later ones left.
 */
function injectFaults(method: string) {
	const plan = [
		{ kind: 'status' as const, status: 503, share: 0.05 },
		{ kind: 'status' as const, status: 504, after: true, share: 0.05 },
		{ kind: 'drop' as const, share: 0.01 },
		{ kind: 'drop' as const, after: true, share: 0.01 },
	];
	let left = 1;
	const probabilities = [...plan]
		.reverse()
		.map((rule) => {
			const probability = rule.share / left;
			left -= rule.share;
			return probability;
		})
		.reverse();
	plan.forEach((rule, index) =>
		sim().addFault({
			method,
			path: `${COLLECTION}*`,
			kind: rule.kind,
			status: 'status' in rule ? rule.status : undefined,
			after: 'after' in rule ? rule.after : undefined,
			probability: probabilities[index],
		}),
	);
}

function seedGlossaries(count: number): string[] {
	return Array.from({ length: count }, (_, i) => {
		const id = hex();
		sim().seed(`${COLLECTION}/${id}`, { name: `Seeded ${String(i).padStart(4, '0')}` });
		return id;
	});
}

const stored = () => sim().state.generic.items.get(COLLECTION) ?? new Map<string, IDataObject>();

/** An answer that says nothing definite: a 5xx or no answer at all (dropped). */
const indefinite = (entry: RequestLogEntry) => entry.status === 0 || entry.status >= 500;

/**
 * The waits the transport should have made, in order: before retry k (0-based) of one call, a
 * backoff between half and all of min(8 s, 0.5 s × 2^k). Calls run one after another, so the
 * log's attempts per path give the order.
 */
function expectedWaits(log: RequestLogEntry[]): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	if (log[0]?.method === 'POST') return ranges; // never resent
	let previous: RequestLogEntry | undefined;
	let attempt = 0;
	for (const entry of log) {
		if (previous && previous.path === entry.path && indefinite(previous)) {
			const base = Math.min(8000, 500 * 2 ** attempt);
			ranges.push([base / 2, base]);
			attempt++;
		} else attempt = 0;
		previous = entry;
	}
	return ranges;
}

function checkWaits(log: RequestLogEntry[]) {
	const waits = sleepMock.mock.calls.map(([ms]) => ms);
	const ranges = expectedWaits(log);
	expect(waits).toHaveLength(ranges.length);
	waits.forEach((ms, i) => {
		expect(ms).toBeGreaterThanOrEqual(ranges[i][0]);
		expect(ms).toBeLessThanOrEqual(ranges[i][1]);
	});
	return waits.length;
}

async function faultRun(
	run: string,
	method: string,
	parameters: IDataObject,
	items: INodeExecutionData[],
): Promise<{ result: RunResult; log: RequestLogEntry[]; retries: number }> {
	sim().clearLog();
	sim().clearFaults();
	sleepMock.mockClear();
	injectFaults(method);
	const result = await runNode({
		parameters: { resource: 'glossary', options, ...parameters },
		credential: apiKeyCredential(sim()),
		items,
		continueOnFail: true,
	});
	sim().clearFaults();
	const log = requests(sim(), method, new RegExp(`^${COLLECTION}`));
	const retries = checkWaits(log);
	const failed = result.items.filter((item) => item.json.error !== undefined).length;
	figures.push({
		run,
		items: items.length,
		requests: log.length,
		faults: log.filter((entry) => entry.fault).length,
		retries,
		failed,
		duplicates: '',
	});
	return { result, log, retries };
}

afterAll(() => {
	// The figures for the note: one line per run.
	console.log(
		[
			'run | items | requests | faults injected | retries | failed items | duplicates | note',
			...figures.map((f) =>
				[
					f.run,
					f.items,
					f.requests,
					f.faults,
					f.retries,
					f.failed,
					f.duplicates,
					f.note ?? '',
				].join(' | '),
			),
		].join('\n'),
	);
});

describe('1,000 items with 10 % 5xx and 2 % dropped connections', () => {
	it('Get (GET): every item comes back, 0 failed', async () => {
		const ids = seedGlossaries(ITEMS);
		const { result, log, retries } = await faultRun(
			'get (GET)',
			'GET',
			{ operation: 'get', glossaryId: rl('={{ $json.id }}') },
			ids.map((id) => ({ json: { id } })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(ids);
		// The faults happened, at about the rates asked for, and each one cost one retry.
		const faults = log.filter((entry) => entry.fault);
		expect(faults.length).toBeGreaterThan(80);
		expect(faults.filter((entry) => entry.status === 0).length).toBeGreaterThan(5);
		expect(retries).toBe(faults.length);
		expect(log).toHaveLength(ITEMS + retries);
	});

	it('Replace (PUT): every item is replaced, 0 failed', async () => {
		const ids = seedGlossaries(ITEMS);
		const { result, log } = await faultRun(
			'replace (PUT)',
			'PUT',
			{ operation: 'replace', glossaryId: rl('={{ $json.id }}'), name: '={{ $json.name }}' },
			ids.map((id, i) => ({ json: { id, name: `Replaced ${i}` } })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.filter((item) => item.json.error)).toEqual([]);
		expect(result.items).toHaveLength(ITEMS);
		ids.forEach((id, i) => expect(stored().get(id)?.name).toBe(`Replaced ${i}`));
		expect(log.filter((entry) => entry.fault).length).toBeGreaterThan(80);
	});

	it('Update (PATCH with replace operations): every item is updated, 0 failed', async () => {
		const ids = seedGlossaries(ITEMS);
		const { result, log } = await faultRun(
			'update (PATCH)',
			'PATCH',
			{ operation: 'update', glossaryId: rl('={{ $json.id }}'), patch: '={{ $json.patch }}' },
			ids.map((id, i) => ({
				json: { id, patch: JSON.stringify([{ op: 'replace', path: '/name', value: `P ${i}` }]) },
			})),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.filter((item) => item.json.error)).toEqual([]);
		expect(result.items).toHaveLength(ITEMS);
		ids.forEach((id, i) => expect(stored().get(id)?.name).toBe(`P ${i}`));
		expect(log.filter((entry) => entry.fault).length).toBeGreaterThan(80);
	});

	it('Delete (DELETE): every item is deleted, and a 404 on a retry after a lost answer counts as deleted', async () => {
		const ids = seedGlossaries(ITEMS);
		const { result, log } = await faultRun(
			'delete (DELETE)',
			'DELETE',
			{ operation: 'delete', glossaryId: rl('={{ $json.id }}') },
			ids.map((id) => ({ json: { id } })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		expect(result.items.every((item) => item.json.deleted === true)).toBe(true);
		expect(ids.filter((id) => stored().has(id))).toEqual([]);
		// The retries that found the glossary gone: the earlier attempt was handled, its answer lost.
		const goneOnRetry = log.filter(
			(entry, i) => entry.status === 404 && log[i - 1]?.path === entry.path,
		);
		expect(goneOnRetry.length).toBeGreaterThan(10);
		figures[figures.length - 1].note = `${goneOnRetry.length} retries answered 404: deleted`;
		for (const entry of goneOnRetry) {
			const attempts = log.filter((e) => e.path === entry.path);
			expect(attempts.some((e) => / after /.test(e.fault ?? ''))).toBe(true);
		}
	});

	it('Create (POST): never sent twice, 0 duplicates, every unconfirmed create said so on its item', async () => {
		const names = Array.from({ length: ITEMS }, (_, i) => `Fault create ${hex().slice(0, 6)} ${i}`);
		const { result, log, retries } = await faultRun(
			'create (POST)',
			'POST',
			{ operation: 'create', name: '={{ $json.name }}' },
			names.map((name) => ({ json: { name } })),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		expect(retries).toBe(0);
		expect(log).toHaveLength(ITEMS);

		const byName = new Map<string, number>();
		for (const object of stored().values()) {
			const name = String(object.name);
			byName.set(name, (byName.get(name) ?? 0) + 1);
		}
		const duplicates = [...byName.values()].filter((count) => count > 1).length;
		expect(duplicates).toBe(0);
		figures[figures.length - 1].duplicates = duplicates;

		const faulted = new Set(log.filter((entry) => entry.fault).map((entry) => entry.seq));
		expect(faulted.size).toBeGreaterThan(80);
		result.items.forEach((item, i) => {
			const entry = log[i];
			if (faulted.has(entry.seq)) {
				// Unconfirmed: its own item says it may or may not exist and how to check.
				expect(item.json.error).toMatch(
					new RegExp(`Not confirmed: "${names[i]}" may or may not have been created`),
				);
				expect(item.json.description).toMatch(/not repeated.*Get Many/);
				expect(item.pairedItem).toEqual({ item: i });
			} else {
				expect(item.json.error).toBeUndefined();
				expect(item.json.name).toBe(names[i]);
				expect(stored().get(String(item.json.id))?.name).toBe(names[i]);
			}
		});
		// What exists: every confirmed create, and those whose answer was lost after the fact.
		const madeAfterAll = log.filter((entry) => / after /.test(entry.fault ?? '')).length;
		const confirmed = result.items.filter((item) => !item.json.error).length;
		expect(names.filter((name) => byName.has(name))).toHaveLength(confirmed + madeAfterAll);
		figures[figures.length - 1].note =
			`${madeAfterAll} of the unconfirmed exist (answer lost after the create), ` +
			`${faulted.size - madeAfterAll} do not`;
	});
});

describe('an OAuth M2M access token that expires every 200 requests', () => {
	afterEach(() => sim().setTokenMaxRequests(0));

	it('costs one token request per 200 calls and one retry per 401, nothing else', async () => {
		const ids = seedGlossaries(ITEMS);
		sim().clearLog();
		sim().setTokenMaxRequests(200);
		const result = await runNode({
			parameters: {
				resource: 'glossary',
				operation: 'get',
				glossaryId: rl('={{ $json.id }}'),
				options,
			},
			credential: m2mCredential(sim()),
			items: ids.map((id) => ({ json: { id } })),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(ids);

		const tokenCalls = requests(sim(), 'POST', '/oauth/token');
		const calls = requests(sim(), 'GET', new RegExp(`^${COLLECTION}/`));
		const refused = calls.filter((entry) => entry.status === 401);
		// The first token before call 1, then one after each 200: ceil(1000 / 200).
		expect(tokenCalls).toHaveLength(Math.ceil(ITEMS / 200));
		expect(result.recorder.tokenRequests).toBe(Math.ceil(ITEMS / 200));
		expect(refused).toHaveLength(Math.ceil(ITEMS / 200) - 1);
		expect(calls).toHaveLength(ITEMS + refused.length);
		// Each 401 is retried once, with the new token, and that retry succeeds.
		for (const entry of refused) {
			const next = sim()
				.log.filter((e) => e.seq > entry.seq)
				.slice(0, 2);
			expect(next.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
				'POST /oauth/token 200',
				`GET ${entry.path} 200`,
			]);
		}
		figures.push({
			run: 'token expiring every 200 requests (GET, M2M)',
			items: ITEMS,
			requests: calls.length,
			faults: refused.length,
			retries: refused.length,
			failed: result.items.filter((item) => item.json.error).length,
			duplicates: '',
		});
	});
});
