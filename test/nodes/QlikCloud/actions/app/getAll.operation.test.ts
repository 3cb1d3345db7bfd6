/**
 * App → Get Many through the node against the simulator: apps are listed through the items API
 * and output as apps (nodes/QlikCloud/actions/app/getAll.operation.ts).
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { QlikCloud } from '../../../../../nodes/QlikCloud/QlikCloud.node';
import { runNode } from '../../../../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../../../../helpers/sim';

const sim = useSimulator();

const run = (parameters: IDataObject) =>
	runNode({
		parameters: { resource: 'app', operation: 'getAll', ...parameters },
		credential: apiKeyCredential(sim()),
	});

function item(n: number, changes: IDataObject = {}): IDataObject {
	return {
		name: `App ${n}`,
		description: '',
		resourceType: 'app',
		resourceId: `a000000000000000000000${String(n).padStart(2, '0')}`,
		spaceId: n % 2 ? 'space-odd' : 'space-even',
		ownerId: n === 1 ? 'owner-1' : 'owner-2',
		createdAt: '2026-01-01T00:00:00Z',
		updatedAt: '2026-01-02T00:00:00Z',
		resourceCreatedAt: `2025-12-${String(n).padStart(2, '0')}T00:00:00Z`,
		resourceAttributes: { usage: 'ANALYTICS', published: false, lastReloadTime: '2026-01-03' },
		links: { self: { href: 'x' } },
		meta: { tags: [] },
		...changes,
	};
}

beforeAll(() => {
	for (let n = 1; n <= 7; n++) sim().seed(`/api/v1/items/item${n}`, item(n));
	sim().seed('/api/v1/items/ds1', item(99, { resourceType: 'dataset', name: 'Not an app' }));
});

describe('App → Get Many', () => {
	it('lists only apps, shaped as apps, with the item under a key', async () => {
		sim().clearLog();
		const result = await run({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(7);
		const [get] = requests(sim(), 'GET', '/api/v1/items');
		expect(get.query).toMatchObject({ resourceType: 'app', noActions: 'true' });
		const first = result.items.find((i) => i.json.name === 'App 1')!;
		expect(first.json).toMatchObject({
			id: 'a00000000000000000000001',
			name: 'App 1',
			spaceId: 'space-odd',
			ownerId: 'owner-1',
			createdAt: '2025-12-01T00:00:00Z',
			updatedAt: '2026-01-02T00:00:00Z',
			lastReloadTime: '2026-01-03',
			usage: 'ANALYTICS',
			published: false,
			itemId: 'item1',
		});
		expect((first.json.item as IDataObject).resourceType).toBe('app');
		expect(result.items.every((i) => i.pairedItem)).toBe(true);
	});

	it('filters by name, space and owner', async () => {
		const byName = await run({ returnAll: true, filters: { name: 'App 3' } });
		expect(byName.items.map((i) => i.json.id)).toEqual(['a00000000000000000000003']);
		const bySpace = await run({ returnAll: true, filters: { spaceId: 'space-even' } });
		expect(bySpace.items.map((i) => i.json.name).sort()).toEqual(['App 2', 'App 4', 'App 6']);
		const byOwner = await run({ returnAll: true, filters: { ownerId: 'owner-1' } });
		expect(byOwner.items.map((i) => i.json.name)).toEqual(['App 1']);
	});

	it('stops at the limit', async () => {
		const result = await run({ returnAll: false, limit: 3 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
	});

	it('Simplify drops the item and keeps the app’s fields', async () => {
		const result = await run({ returnAll: true, simplify: true, filters: { name: 'App 1' } });
		expect(result.items[0].json).not.toHaveProperty('item');
		expect(result.items[0].json).toMatchObject({ id: 'a00000000000000000000001', name: 'App 1' });
	});

	it('is offered, without becoming the default a saved App node runs', () => {
		const operation = new QlikCloud().description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('app'),
		)!;
		const options = operation.options as INodePropertyOptions[];
		expect(options.find((o) => o.value === 'getAll')?.action).toBe('Get many apps');
		const before = options.filter((o) => o.value !== 'getAll');
		expect(operation.default).toBe(before[0].value);
	});
});
