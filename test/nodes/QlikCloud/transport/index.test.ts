/**
 * The request path (nodes/QlikCloud/transport/index.ts) against a scripted tenant: only reads
 * follow a redirect, and a list ends with an error on a page that repeats items already seen or
 * after a bound on pages, not only on an identical next link.
 */
import type { IDataObject } from 'n8n-workflow';

import { qlikApiRequestAllItems } from '../../../../nodes/QlikCloud/transport';
import type { FakeRequest } from '../../../helpers/fakeTenant';
import { useFakeTenant } from '../../../helpers/fakeTenant';
import { loadOptionsContext, rl, runNode } from '../../../helpers/n8n';

const tenant = useFakeTenant();

const elsewhere = () => tenant().log.filter((r) => r.path === '/elsewhere');

describe('redirects', () => {
	it.each([
		['POST', { resource: 'collection', operation: 'create', name: 'Mine', type: 'private' }],
		['PUT', { resource: 'space', operation: 'replace', spaceId: rl('s1'), name: 'x' }],
		['DELETE', { resource: 'collection', operation: 'delete', collectionId: rl('c1') }],
	])('a %s is not sent to the address a redirect names', async (method, parameters) => {
		tenant().handle = (r: FakeRequest) =>
			r.path === '/elsewhere'
				? { json: { id: 'x' } }
				: r.method === method
					? { status: 307, headers: { Location: `${tenant().url}/elsewhere` } }
					: undefined;
		const result = await runNode({ parameters, credential: tenant().credential });
		expect(result.error).toBeDefined();
		expect(tenant().log.filter((r) => r.method === method)).toHaveLength(1);
		expect(elsewhere()).toHaveLength(0);
	});

	it('a GET still follows a redirect on the tenant', async () => {
		tenant().handle = (r: FakeRequest) =>
			r.path === '/elsewhere'
				? { json: { id: 'me', name: 'Me' } }
				: { status: 302, headers: { Location: `${tenant().url}/elsewhere` } };
		const result = await runNode({
			parameters: { resource: 'user', operation: 'getMe' },
			credential: tenant().credential,
		});
		expect(result.error).toBeUndefined();
		expect(elsewhere()).toHaveLength(1);
	});
});

/** A list whose pages are `pages[n]`, each linking to the next by a new URL. */
function pagedList(pages: (n: number) => IDataObject[] | undefined) {
	return (r: FakeRequest) => {
		if (r.method !== 'GET' || r.path !== '/api/v1/spaces') return undefined;
		const n = Number(r.query.get('page') ?? 0);
		const data = pages(n) ?? [];
		const next = pages(n + 1)
			? { next: { href: `${tenant().url}/api/v1/spaces?page=${n + 1}` } }
			: {};
		return { json: { data, links: next } };
	};
}

describe('pagination', () => {
	it('ends with an error on a page that repeats items of an earlier page', async () => {
		// A cursor that moves while the items do not (each link is new).
		tenant().handle = pagedList((n) => (n < 50 ? [{ id: 'a' }, { id: `b${n}` }] : undefined));
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getAll', returnAll: true },
			credential: tenant().credential,
		});
		expect(result.error?.message).toMatch(/returned item "a" on two pages; stopped/);
		expect(tenant().log).toHaveLength(2);
	});

	it('a last page that repeats an earlier one is an error too', async () => {
		tenant().handle = pagedList((n) => (n < 2 ? [{ id: 'same' }] : undefined));
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getAll', returnAll: true },
			credential: tenant().credential,
		});
		expect(result.error?.message).toMatch(/returned item "same" on two pages/);
	});

	it('ends with an error after the bound on pages', async () => {
		tenant().handle = pagedList((n) => [{ id: `item-${n}` }]);
		const context = loadOptionsContext({}, tenant().credential);
		await expect(
			qlikApiRequestAllItems.call(
				context,
				{ method: 'GET', path: '/api/v1/spaces', tier: { tier: '1', perMinute: 1000 } },
				{ maxPageSize: 100, maxPages: 5 },
			),
		).rejects.toThrow(/returned more than 5 pages/);
		expect(tenant().log).toHaveLength(5);
	});

	it('distinct items over many pages are all returned', async () => {
		tenant().handle = pagedList((n) => (n < 4 ? [{ id: `x${n}` }, { id: `y${n}` }] : undefined));
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getAll', returnAll: true },
			credential: tenant().credential,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
	});
});
