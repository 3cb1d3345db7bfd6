/**
 * An ID never changes which resource a request reaches: values that URL normalisation would
 * change (`.`, `..`, their percent-encodings, separators) are refused before any request, in
 * every path parameter, batch ID and list search, and in the editor's By ID check.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { operations } from '../../nodes/QlikCloud/actions';
import { listSearch } from '../../nodes/QlikCloud/methods';
import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { loadOptionsContext, rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, useSimulator } from '../helpers/sim';

const sim = useSimulator();

const GOOD_ID = '62716f4b39b865ece543cd45';

function setParam(parameters: IDataObject, param: string, value: unknown) {
	const [top, key] = param.split('.', 2);
	if (key === undefined) parameters[top] = value as IDataObject[string];
	else
		parameters[top] = { ...((parameters[top] as IDataObject) ?? {}), [key]: value } as IDataObject;
}

describe('IDs that would change the request target', () => {
	beforeEach(() => sim().clearLog());

	it.each(['..', '.', '%2e%2e', '%2E%2e', '..%2f', 'a/..'])(
		'Collection Item → Delete with Collection %j fails before any request',
		async (collection) => {
			const result = await runNode({
				parameters: {
					resource: 'collectionItem',
					operation: 'delete',
					collectionId: rl(collection),
					collectionItemId: rl(GOOD_ID),
				},
				credential: apiKeyCredential(sim()),
			});
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/The "Collection" parameter is not a valid ID/);
			expect(sim().log).toHaveLength(0);
		},
	);

	it.each([
		['spaceAssignment', 'assignmentId'],
		['spaceShare', 'shareId'],
	])('%s → Delete with Space ".." fails before any request', async (resource, child) => {
		const result = await runNode({
			parameters: { resource, operation: 'delete', spaceId: rl('..'), [child]: rl(GOOD_ID) },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/"Space" parameter is not a valid ID/);
		expect(sim().log).toHaveLength(0);
	});

	// Retired operations fail before reading any parameter (forms.test.ts).
	const cases = Object.entries(operations).flatMap(([resource, ops]) =>
		Object.entries(ops)
			.filter(([, spec]) => !spec.retired)
			.flatMap(([operation, spec]) =>
				(spec.pathParams ?? []).map((target) => ({ resource, operation, spec, target })),
			),
	);

	it(`every path parameter of every operation refuses ".." (${cases.length} parameters)`, async () => {
		expect(cases.length).toBeGreaterThan(300);
		const wrong: string[] = [];
		for (const { resource, operation, spec, target } of cases) {
			// Curated operations that read a parent first (a data set's asset, an asset's store).
			const parameters: IDataObject = {
				resource,
				operation,
				dataStoreId: rl(GOOD_ID),
				dataAssetId: rl(GOOD_ID),
			};
			for (const param of spec.pathParams ?? []) {
				const value =
					param === target
						? '..'
						: param.enum
							? param.enum[0]
							: param.kind === 'path'
								? 'images/logo.png'
								: GOOD_ID;
				setParam(parameters, param.param ?? param.name, param.locator ? rl(value) : value);
			}
			const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
			const named = new RegExp(
				`"${target.label.replace(/[()]/g, '\\$&')}"|not a valid ID: "\\.\\."`,
			);
			if (
				!(result.error instanceof NodeOperationError) ||
				!named.test(result.error.message) ||
				sim().log.length > 0
			) {
				wrong.push(
					`${resource}.${operation} ${target.name}: ${result.error?.message ?? 'no error'}; ${sim().log.length} requests`,
				);
			}
			sim().clearLog();
		}
		expect(wrong).toEqual([]);
	});

	it('a batch refuses ".." among its IDs before any request', async () => {
		const result = await runNode({
			parameters: {
				resource: 'dataFile',
				operation: 'deleteMany',
				dataFileId: '={{ $json.id }}',
			},
			items: [{ json: { id: GOOD_ID } }, { json: { id: '..' } }],
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/"Data File ID" parameter is not a valid ID: "\.\."/);
		expect(sim().log).toHaveLength(0);
	});

	it('a list search refuses ".." in the parent it reads, before any request', async () => {
		const context = loadOptionsContext({ spaceId: rl('..') }, apiKeyCredential(sim()));
		await expect(listSearch.searchSpaceAssignment.call(context)).rejects.toThrow(
			/"Space" above is not a valid ID/,
		);
		expect(sim().log).toHaveLength(0);
	});

	it("the editor's By ID check uses the same rule", () => {
		const locators = new QlikCloud().description.properties.filter(
			(p: INodeProperties) => p.type === 'resourceLocator',
		);
		expect(locators.length).toBeGreaterThan(50);
		for (const locator of locators) {
			const byId = locator.modes?.find((m) => m.name === 'id');
			const rule = byId?.validation?.find((v) => typeof v === 'object' && v.type === 'regex') as
				{ properties: { regex: string } } | undefined;
			expect(rule).toBeDefined();
			const regex = new RegExp(rule!.properties.regex);
			for (const bad of ['..', '.', '%2e%2e', 'a/b']) expect(regex.test(bad)).toBe(false);
			for (const ok of [GOOD_ID, 'user@example.com', 'qri:app:x'])
				expect(regex.test(ok)).toBe(true);
		}
	});
});
