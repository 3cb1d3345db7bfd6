import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { operationFor } from '../../nodes/QlikCloud/actions';
import { renamed } from '../../nodes/QlikCloud/actions/generated';
import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, useSimulator } from '../helpers/sim';

const sim = useSimulator();
const node = new QlikCloud();
const properties = node.description.properties as INodeProperties[];

/** The parameters n8n keeps for a saved node (it drops those its display conditions hide). */
function kept(parameters: Record<string, unknown>): string[] {
	const resolved = NodeHelpers.getNodeParameters(
		properties,
		{ authentication: 'qlikCloudApi', ...parameters } as never,
		true,
		false,
		{ typeVersion: 1 },
		node.description,
	);
	return Object.keys(resolved ?? {}).sort();
}

function offered(resource: string): string[] {
	const operation = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource,
	);
	return ((operation?.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
}

const operationRenames = Object.entries(renamed.operations).flatMap(([resource, map]) =>
	Object.entries(map ?? {}).map(([old, now]) => [resource, old, now] as const),
);
const resourceRenames = Object.entries(renamed.resources);

describe('values renamed in the lock', () => {
	it('there are renames to test', () => {
		expect(operationRenames.length).toBeGreaterThan(0);
		expect(resourceRenames.length).toBeGreaterThan(0);
	});

	it.each(operationRenames)(
		'%s.%s runs as %s, with its fields, and is not offered',
		(resource, old, now) => {
			expect(operationFor(resource, old)).toBe(operationFor(resource, now));
			expect(operationFor(resource, now)).toBeDefined();
			expect(offered(resource)).toContain(now);
			expect(offered(resource)).not.toContain(old);
			expect(kept({ resource, operation: old })).toEqual(kept({ resource, operation: now }));
		},
	);

	it.each(resourceRenames)(
		'resource %s runs as %s, with its fields, and is not offered',
		(old, now) => {
			const resources = (properties.find((p) => p.name === 'resource')?.options ??
				[]) as INodePropertyOptions[];
			expect(resources.map((o) => o.value)).not.toContain(old);
			for (const operation of offered(now)) {
				expect(operationFor(old, operation)).toBe(operationFor(now, operation));
				expect(kept({ resource: old, operation })).toEqual(kept({ resource: now, operation }));
			}
		},
	);

	it('a node saved as workflow.create and workflow.get (now Automate Workflow) runs', async () => {
		const credential = apiKeyCredential(sim());
		const made = await runNode({
			parameters: { resource: 'workflow', operation: 'create', name: 'Saved before the rename' },
			credential,
		});
		expect(made.error).toBeUndefined();
		const id = String(made.items[0].json.id);
		const got = await runNode({
			parameters: { resource: 'workflow', operation: 'get', workflowId: rl(id) },
			credential,
		});
		expect(got.error).toBeUndefined();
		expect(got.items[0].json).toMatchObject({ id, name: 'Saved before the rename' });
		expect(requests(sim(), 'GET', `/api/workflows/automations/${id}`)).toHaveLength(1);
	});

	it('a value that was never one still fails, naming it', async () => {
		const result = await runNode({
			parameters: { resource: 'user', operation: 'getMine' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error?.message).toBe('The operation "getMine" of "user" is not supported');
	});
});
