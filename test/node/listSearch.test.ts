/** The From list mode of resource locators for generated resources and apps. */
import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { listSearch } from '../../nodes/QlikCloud/methods';
import { searchMethodName } from '../../nodes/QlikCloud/shared/resource';
import { loadOptionsContext, rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, simApi, useSimulator } from '../helpers/sim';

const sim = useSimulator();

describe('list searches', () => {
	it('exist for every resource a locator picks from', async () => {
		const { operations } = await import('../../nodes/QlikCloud/actions');
		const targets = new Set(
			Object.values(operations).flatMap((ops) =>
				Object.values(ops).flatMap((op) => (op.pathParams ?? []).map((p) => p.locator)),
			),
		);
		targets.delete(undefined);
		for (const target of targets)
			expect(listSearch[searchMethodName(String(target))]).toBeDefined();
	});

	it('exist for every search method a field of the node names', () => {
		const named = new Set<string>();
		const visit = (value: unknown): void => {
			if (Array.isArray(value)) return value.forEach(visit);
			if (!value || typeof value !== 'object') return;
			for (const [key, inner] of Object.entries(value)) {
				if (key === 'searchListMethod') named.add(String(inner));
				else visit(inner);
			}
		};
		visit(new QlikCloud().description.properties);
		expect(named.size).toBeGreaterThan(10);
		expect([...named].filter((method) => !listSearch[method])).toEqual([]);
	});

	it('a generated resource: its items by name, filtered by the search text', async () => {
		const credential = apiKeyCredential(sim());
		for (const name of ['Sales glossary', 'Finance glossary', 'HR terms']) {
			await runNode({
				parameters: { resource: 'glossary', operation: 'create', name },
				credential,
			});
		}
		const found = await listSearch.searchGlossary.call(
			loadOptionsContext({}, credential),
			'glossary',
		);
		expect(found.results.map((r) => r.name).sort()).toEqual(['Finance glossary', 'Sales glossary']);
		expect(found.results[0].value).toEqual(expect.any(String));
	});

	it('a sub-resource: the items of the parent chosen above', async () => {
		const credential = apiKeyCredential(sim());
		const [glossary] = (
			await runNode({
				parameters: { resource: 'glossary', operation: 'create', name: 'Parent' },
				credential,
			})
		).items;
		const glossaryId = String(glossary.json.id);
		await runNode({
			parameters: {
				resource: 'glossaryTerm',
				operation: 'create',
				glossaryId: rl(glossaryId),
				name: 'Revenue',
			},
			credential,
		});
		const context = loadOptionsContext({ glossaryId: rl(glossaryId) }, credential);
		const found = await listSearch.searchGlossaryTerm.call(context);
		expect(found.results).toEqual([{ name: 'Revenue', value: expect.any(String) }]);
		await expect(
			listSearch.searchGlossaryTerm.call(loadOptionsContext({}, credential)),
		).rejects.toThrow(/Choose a Glossary first/);
	});

	it('the members of a space given By Name: the space is found first', async () => {
		const credential = apiKeyCredential(sim());
		const space = await simApi(sim(), 'POST', '/api/v1/spaces', {
			name: 'Named parent',
			type: 'shared',
		});
		sim().clearLog();
		const context = loadOptionsContext({ spaceId: rl('Named parent', 'name') }, credential);
		await listSearch.searchSpaceAssignment.call(context);
		expect(sim().log.map((e) => e.path)).toEqual([
			'/api/v1/spaces',
			`/api/v1/spaces/${String(space.id)}/assignments`,
		]);
		await expect(
			listSearch.searchSpaceAssignment.call(
				loadOptionsContext({ spaceId: rl('No such space', 'name') }, credential),
			),
		).rejects.toThrow('The "Space" parameter names no space: none is called "No such space"');
	});

	it('apps, through the items API', async () => {
		const credential = apiKeyCredential(sim());
		sim().seed('/api/v1/items/item-1', {
			name: 'Sales dashboard',
			resourceType: 'app',
			resourceId: 'app-1',
		});
		const found = await listSearch.searchApp.call(loadOptionsContext({}, credential));
		expect(found.results).toContainEqual({ name: 'Sales dashboard', value: 'app-1' });
		const [request] = sim().log.filter((e) => e.path === '/api/v1/items');
		expect(request.query).toMatchObject({ resourceType: 'app', limit: '100' });
	});
});
