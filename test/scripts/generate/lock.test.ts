import type { Lock, Values } from '../../../scripts/generate/lock';
import { aliasesOf, firstValues, resolveValues } from '../../../scripts/generate/lock';

const v = (resource: string, operation: string): Values => ({ resource, operation });
const ruled = (entries: Array<[string, Values]>) => new Map(entries);

describe('lock stage', () => {
	it('a new endpoint gets its values by rule and a lock entry to write', () => {
		const r = resolveValues(ruled([['GET /w', v('widget', 'getAll')]]), {
			renames: [],
			endpoints: {},
		});
		expect(r.values.get('GET /w')).toEqual(v('widget', 'getAll'));
		expect(r.lock.endpoints).toEqual({ 'GET /w': v('widget', 'getAll') });
		expect(r.pending).toEqual(['GET /w: new endpoint, locked as widget.getAll']);
		expect(r.problems).toEqual([]);
	});

	it('a value the rules changed without a rename keeps the locked value and is a problem', () => {
		const lock: Lock = { renames: [], endpoints: { 'GET /w/{id}/f': v('widget', 'getFile') } };
		const r = resolveValues(ruled([['GET /w/{id}/f', v('widget', 'download')]]), lock);
		expect(r.values.get('GET /w/{id}/f')).toEqual(v('widget', 'getFile'));
		expect(r.problems).toEqual([
			expect.stringContaining(
				'GET /w/{id}/f: the naming rules now give widget.download, the lock holds widget.getFile.',
			),
		]);
		expect(r.problems[0]).toContain(
			'add { "resource": "widget", "operation": "getFile", "to": "download" } to scripts/generate/values.lock.json',
		);
	});

	it('a recorded rename takes the new value and updates the entry', () => {
		const lock: Lock = {
			renames: [{ resource: 'widget', operation: 'getFile', to: 'download' }],
			endpoints: { 'GET /w/{id}/f': v('widget', 'getFile') },
		};
		const r = resolveValues(ruled([['GET /w/{id}/f', v('widget', 'download')]]), lock);
		expect(r.values.get('GET /w/{id}/f')).toEqual(v('widget', 'download'));
		expect(r.lock.endpoints['GET /w/{id}/f']).toEqual(v('widget', 'download'));
		expect(r.pending).toEqual(['GET /w/{id}/f: renamed widget.getFile → widget.download']);
		expect(r.problems).toEqual([]);
	});

	it('a resource rename moves every operation of the resource', () => {
		const lock: Lock = {
			renames: [{ resource: 'workflow', to: 'automateWorkflow' }],
			endpoints: { 'GET /a': v('workflow', 'getAll'), 'GET /a/{id}': v('workflow', 'get') },
		};
		const r = resolveValues(
			ruled([
				['GET /a', v('automateWorkflow', 'getAll')],
				['GET /a/{id}', v('automateWorkflow', 'get')],
			]),
			lock,
		);
		expect(r.problems).toEqual([]);
		expect([...r.values.values()]).toEqual([
			v('automateWorkflow', 'getAll'),
			v('automateWorkflow', 'get'),
		]);
	});

	it('an endpoint Qlik removed is a problem that says so', () => {
		const lock: Lock = { renames: [], endpoints: { 'GET /gone': v('widget', 'getGone') } };
		const r = resolveValues(ruled([]), lock);
		expect(r.problems).toEqual([
			expect.stringContaining(
				"GET /gone (widget.getGone) is locked but no longer in Qlik's specs: Qlik removed it.",
			),
		]);
	});

	it('refuses a rename to a value that does not exist, or from one that does', () => {
		const lock: Lock = {
			renames: [
				{ resource: 'widget', operation: 'fetch', to: 'nothing' },
				{ resource: 'widget', operation: 'get', to: 'getAll' },
			],
			endpoints: {},
		};
		const r = resolveValues(
			ruled([
				['GET /w', v('widget', 'getAll')],
				['GET /w/{id}', v('widget', 'get')],
			]),
			lock,
		);
		expect(r.problems).toEqual([
			expect.stringContaining(
				'rename widget.fetch → widget.nothing: "widget.nothing" does not exist',
			),
			expect.stringContaining('rename widget.get → widget.getAll: "widget.get" is a current value'),
		]);
	});

	it('a chain of renames runs the oldest value as the newest, and names come from the oldest', () => {
		const lock: Lock = {
			renames: [
				{ resource: 'note', to: 'notesSetting' },
				{ resource: 'user', operation: 'me', to: 'getMe' },
				{ resource: 'user', operation: 'getMe', to: 'getCurrent' },
			],
			endpoints: {},
		};
		expect(aliasesOf(lock)).toEqual({
			resources: { note: 'notesSetting' },
			operations: { user: { me: 'getCurrent', getMe: 'getCurrent' } },
		});
		const first = firstValues(lock);
		expect(first.resource('notesSetting')).toBe('note');
		expect(first.resource('user')).toBe('user');
		expect(first.operation('user', 'getCurrent')).toBe('me');
		expect(first.operation('user', 'search')).toBe('search');
	});
});
