/**
 * Simplify (nodes/QlikCloud/actions/simplify.ts): the rule from a table, and the switch through
 * the node against the simulator on a generated resource (on by default) and a curated one
 * (off by default, its output as it was).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { QlikCloud } from '../../../../nodes/QlikCloud/QlikCloud.node';
import { simplify } from '../../../../nodes/QlikCloud/actions/simplify';
import { rl, runNode } from '../../../helpers/n8n';
import { apiKeyCredential, useSimulator } from '../../../helpers/sim';

describe('simplify keeps the fields people use', () => {
	it.each<[string, IDataObject, IDataObject]>([
		[
			'scalars and lists of scalars kept; links, meta and deep objects dropped',
			{
				id: 'g1',
				name: 'Terms',
				tags: ['a', 'b'],
				enabled: true,
				count: 3,
				closedAt: null,
				links: { self: { href: 'x' } },
				meta: { total: 1 },
				owner: { id: 'u1' },
				steps: [{ id: 's1' }],
			},
			{ id: 'g1', name: 'Terms', tags: ['a', 'b'], enabled: true, count: 3, closedAt: null },
		],
		[
			'attributes lifted one level, the object’s own fields winning',
			{ id: 'outer', attributes: { id: 'inner', name: 'Sales', spaceId: 's1', custom: {} } },
			{ id: 'outer', name: 'Sales', spaceId: 's1' },
		],
		['an empty object stays empty', {}, {}],
	])('%s', (_, raw, simple) => {
		expect(simplify(raw)).toEqual(simple);
	});
});

const sim = useSimulator();
const glossary = {
	name: 'Finance terms',
	description: 'Words we use',
	spaceId: 'space1',
	ownerId: 'user1',
	createdAt: '2026-01-01T00:00:00Z',
	updatedAt: '2026-01-02T00:00:00Z',
	tags: ['finance'],
	language: 'en',
	overview: { text: 'long' },
	links: { self: { href: 'x' } },
	meta: { count: 1 },
};

const run = (parameters: IDataObject) =>
	runNode({ parameters, credential: apiKeyCredential(sim()) });

beforeAll(() => {
	sim().seed('/api/v1/glossaries/g1', glossary);
});

describe('the Simplify switch through the node', () => {
	it('a generated Get has it on by default; off returns the raw object', async () => {
		const base = { resource: 'glossary', operation: 'get', glossaryId: rl('g1') };
		const simple = await run(base);
		expect(simple.error).toBeUndefined();
		expect(simple.items[0].json).toMatchObject({ id: 'g1', name: 'Finance terms' });
		expect(simple.items[0].json).not.toHaveProperty('links');
		expect(simple.items[0].json).not.toHaveProperty('overview');
		const raw = await run({ ...base, simplify: false });
		expect(raw.items[0].json).toMatchObject({ links: glossary.links, overview: glossary.overview });
	});

	it('a generated Get Many simplifies every item', async () => {
		const result = await run({ resource: 'glossary', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		const mine = result.items.find((i) => i.json.id === 'g1');
		const deep = ['overview', 'links', 'meta'];
		const kept = Object.entries(glossary).filter(([key]) => !deep.includes(key));
		expect(mine?.json).toEqual({ id: 'g1', ...Object.fromEntries(kept) });
	});

	it('a curated resource starts with it off and keeps its output', async () => {
		const shown = new QlikCloud().description.properties.filter(
			(p: INodeProperties) => p.name === 'simplify',
		);
		const forItems = shown.find((p) => p.displayOptions?.show?.resource?.includes('item'));
		const forGlossary = shown.find((p) => p.displayOptions?.show?.resource?.includes('glossary'));
		expect(forItems?.default).toBe(false);
		expect(forGlossary?.default).toBe(true);

		sim().seed('/api/v1/items/i1', { name: 'Kept', resourceType: 'app', links: { a: 1 } });
		const raw = await run({ resource: 'item', operation: 'getAll', returnAll: true });
		expect(raw.items.find((i) => i.json.id === 'i1')?.json.links).toEqual({ a: 1 });
		const simple = await run({
			resource: 'item',
			operation: 'getAll',
			returnAll: true,
			simplify: true,
		});
		expect(simple.items.find((i) => i.json.id === 'i1')?.json).not.toHaveProperty('links');
	});
});
