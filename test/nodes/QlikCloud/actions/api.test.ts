import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { IExecuteFunctions } from 'n8n-workflow';

import type { Registry } from '../../../../nodes/QlikCloud/actions/api';
import { api, pagingOf, registry, rowOf } from '../../../../nodes/QlikCloud/actions/api';

const NODES = path.join(__dirname, '../../../../nodes');

const GENERATED = path.join(NODES, 'QlikCloud', 'actions', 'generated');

/** Every hand-written TypeScript file under nodes/ (the generated tables are not). */
function handWritten(dir = NODES): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (file === GENERATED) return [];
		if (entry.isDirectory()) return handWritten(file);
		return entry.name.endsWith('.ts') ? [file] : [];
	});
}

/**
 * The generated operations a file names: `api.x.y`, `api[R].y` (R a constant of the file),
 * `api[resource].y` (resource a union of literals in the file), and `rowOf`/`rowFacts`/
 * `generatedRow('x', 'y')`.
 */
function namedOperations(source: string): Array<[string, string]> {
	const constants = new Map<string, string[]>();
	for (const m of source.matchAll(/const (\w+) = '(\w+)'/g)) constants.set(m[1], [m[2]]);
	for (const m of source.matchAll(/(\w+): ((?:'\w+'(?: \| )?)+);/g)) {
		constants.set(
			m[1],
			[...m[2].matchAll(/'(\w+)'/g)].map((v) => v[1]),
		);
	}
	const found: Array<[string, string]> = [];
	for (const m of source.matchAll(/\bapi\.(\w+)\.(\w+)/g)) found.push([m[1], m[2]]);
	for (const m of source.matchAll(/\bapi\[(\w+)\]\.(\w+)/g)) {
		for (const resource of constants.get(m[1]) ?? []) found.push([resource, m[2]]);
	}
	for (const m of source.matchAll(/\b(?:rowOf|rowFacts|generatedRow)\((\w+|'\w+'), '(\w+)'\)/g)) {
		const resource = m[1].startsWith("'") ? [m[1].slice(1, -1)] : (constants.get(m[1]) ?? []);
		for (const r of resource) found.push([r, m[2]]);
	}
	return found;
}

describe('the one call path', () => {
	const files = handWritten();

	it('finds the hand-written files', () => {
		expect(files.length).toBeGreaterThan(50);
	});

	it('no hand-written file under nodes/ holds a literal /api/ path', () => {
		const offenders = files.filter((file) => readFileSync(file, 'utf8').includes('/api/'));
		expect(offenders.map((f) => path.relative(NODES, f))).toEqual([]);
	});

	it('every generated operation that code names has a row', () => {
		const named = files.flatMap((file) =>
			namedOperations(readFileSync(file, 'utf8')).map(([r, o]) => ({
				at: path.relative(NODES, file),
				operation: `${r}.${o}`,
				row: !!(registry as Registry)[r]?.[o],
			})),
		);
		// The scan sees the call sites (so that it cannot pass by finding nothing).
		expect(named.map((n) => n.operation)).toEqual(
			expect.arrayContaining(['reload.get', 'webhook.create', 'dataStore.deleteDataSets']),
		);
		expect(named.filter((n) => !n.row)).toEqual([]);
	});

	it('an unknown operation fails where it is named, not at request time', () => {
		// The types refuse it at compile time; a value that slips past them fails at once.
		expect(() => rowOf('reload', 'nope' as 'get')).toThrow('No generated operation reload.nope');
	});
});

describe('api requests', () => {
	const ctx = { getNode: () => ({ name: 'Qlik Cloud' }) } as unknown as IExecuteFunctions;

	it('fills the path template with encoded values and keeps the row facts', () => {
		const request = api.reload.get.request.call(ctx, { path: { reloadId: 'a1:b@c' } });
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/v1/reloads/a1%3Ab%40c',
			tier: { tier: '1' },
			route: 'GET /api/v1/reloads/{reloadId}',
		});
	});

	it('sends a list of IDs separated by commas, each checked', () => {
		const request = api.dataStore.getAllDataAssets.request.call(ctx, {
			path: { 'data-store-ids': ['a', 'b'] },
			qs: { limit: 10 },
		});
		expect(request.path).toBe('/api/v1/data-stores/a,b/data-assets');
		expect(request.qs).toEqual({ limit: 10 });
	});

	it('takes a name where the row wants an ID only when asked to', () => {
		const byName = api.dataConnection.get.request.call(ctx, {
			path: { qID: { text: 'My DB (1)' } },
		});
		expect(byName.path).toBe('/api/v1/data-connections/My%20DB%20(1)');
		// A name is still one path segment: nothing URL normalisation would change.
		for (const name of ['My DB/1', '..', '%2e%2e', 'a?b']) {
			expect(() =>
				api.dataConnection.get.request.call(ctx, { path: { qID: { text: name } } }),
			).toThrow(/The "Data Connection" parameter must not/);
		}
		expect(() => api.dataConnection.get.request.call(ctx, { path: { qID: 'My DB' } })).toThrow(
			/not a valid ID/,
		);
	});

	it.each([
		['../spaces', /not a valid ID/],
		['a/b', /not a valid ID/],
		['', /is empty/],
	])('refuses the ID %j before any request', (id, message) => {
		expect(() => api.space.get.request.call(ctx, { path: { spaceId: id } })).toThrow(message);
	});

	it('names a missing or unknown path value', () => {
		expect(() => api.space.get.request.call(ctx, {})).toThrow(/no value for \{spaceId\}/);
		expect(() => api.space.get.request.call(ctx, { path: { spaceId: 'a', id: 'b' } })).toThrow(
			/has no \{id\}/,
		);
	});
});

describe('pagingOf: how a list pages, from its row', () => {
	it.each<[string, Parameters<typeof pagingOf>[0], ReturnType<typeof pagingOf>]>([
		['a list', { kind: 'list', maxPageSize: 100 }, { maxPageSize: 100 }],
		[
			'a list with its own page-size parameter and items key',
			{ kind: 'list', maxPageSize: 50, limitParam: 'pageSize', itemsKey: 'sharingTasks' },
			{ maxPageSize: 50, limitParam: 'pageSize', itemsKey: 'sharingTasks' },
		],
		[
			'a list answered in one page',
			{ kind: 'list', maxPageSize: 1000, single: true, simplify: true },
			{ maxPageSize: 1000, single: true },
		],
		['not a documented list', { kind: 'object' }, { maxPageSize: 100 }],
	])('%s', (_, response, expected) => {
		const paging = pagingOf(response);
		expect(Object.fromEntries(Object.entries(paging).filter(([, v]) => v !== undefined))).toEqual(
			expected,
		);
	});
});
