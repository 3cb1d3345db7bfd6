/**
 * What the catalog resources (data stores, data assets, data sets) share: the fields each object
 * can return, ID lists that take one ID per input item or several, and batch deletes sent in one
 * request for all input items.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiOperation } from '../actions/api';
import { api } from '../actions/api';
import { executeOperation } from '../actions/executor';
import { batchOperation, batchSizeProperty, checkId, idBatch } from './batch';
import { resourceLocator } from './descriptions';
import { ID_LIST_REGEX } from './ids';
import type { OperationModule } from './resource';
import { rowFacts } from './rows';
import type { FieldSpec, OperationRunner, OperationSpec, TableOperation } from './types';

export const STORE_EXAMPLE = '6511ac5cbdba4a2f4da5a0e4';
export const ASSET_EXAMPLE = '6511ac6dbdba4a2f4da5a0e6';
export const SET_EXAMPLE = '6511ac7ebdba4a2f4da5a0e8';

/** The top-level fields of each catalog object: what Fields to Return (projections) offers. */
export const PROJECTIONS = {
	dataStore: [
		'id',
		'name',
		'type',
		'technicalName',
		'description',
		'technicalDescription',
		'uri',
		'tags',
		'spaceId',
		'ownerId',
		'tenantId',
		'properties',
		'version',
		'createdBy',
		'createdTime',
		'lastModifiedBy',
		'lastModifiedTime',
	],
	dataAsset: [
		'id',
		'name',
		'appType',
		'appId',
		'technicalName',
		'description',
		'technicalDescription',
		'dataStoreInfo',
		'dataFreshness',
		'tags',
		'spaceId',
		'ownerId',
		'tenantId',
		'properties',
		'version',
		'createdBy',
		'createdTime',
		'lastModifiedBy',
		'lastModifiedTime',
	],
	dataSet: [
		'id',
		'name',
		'type',
		'qri',
		'secureQri',
		'technicalName',
		'description',
		'technicalDescription',
		'dataAssetInfo',
		'schema',
		'additionalSchemas',
		'operational',
		'appTypeOverride',
		'createdByConnectionId',
		'tags',
		'spaceId',
		'ownerId',
		'tenantId',
		'properties',
		'version',
		'createdBy',
		'createdTime',
		'lastModifiedBy',
		'lastModifiedTime',
	],
	profile: ['meta', 'profiles', 'samples'],
} as const;

/** The Fields to Return (projections) multi-select of an object. */
export function projectionsField(
	values: readonly string[],
	param = 'projections',
	what = 'object',
): FieldSpec {
	return {
		name: 'projections',
		param,
		label: 'Fields to Return',
		type: 'array',
		items: 'string',
		enum: values,
		hint: `Return only these fields of each ${what}; all fields when empty`,
	};
}

/**
 * A resource locator whose By ID mode also takes several IDs separated by commas (the catalog's
 * `{data-store-ids}` paths), and whose list offers one.
 */
export function idListLocator(options: {
	name: string;
	displayName: string;
	searchListMethod: string;
	example: string;
	description: string;
}): INodeProperties {
	const base = resourceLocator({
		name: options.name,
		displayName: options.displayName,
		searchListMethod: options.searchListMethod,
		placeholder: `e.g. ${options.example} (several: separate with commas)`,
		description: options.description,
	});
	return {
		...base,
		modes: base.modes!.map((mode) =>
			mode.name === 'id'
				? {
						...mode,
						validation: [
							{
								type: 'regex',
								properties: {
									regex: ID_LIST_REGEX,
									errorMessage: 'Not a Qlik Cloud ID or a list of IDs separated by commas',
								},
							},
						],
					}
				: mode,
		),
	};
}

/**
 * IDs from a parameter of one item: one ID, several separated by commas, or a list (an
 * expression that gives an array). Each is checked; an empty value names the parameter.
 */
export function readIdList(
	ctx: IExecuteFunctions,
	param: string,
	label: string,
	i: number,
	example: string,
): string[] {
	const raw = ctx.getNodeParameter(param, i, '', { extractValue: true }) as unknown;
	const values = Array.isArray(raw)
		? (raw as unknown[])
		: typeof raw === 'string'
			? raw.split(',')
			: [raw];
	const present = values.filter((v) => !(typeof v === 'string' && v.trim() === ''));
	if (present.length === 0) return [checkId(ctx, '', label, i, example)];
	return present.map((v) => checkId(ctx, v, label, i, example));
}

/**
 * A list operation on a path of ID lists: the path's IDs are read here (each checked), the rest
 * by the executor.
 */
export function listUnder(
	operation: ApiOperation,
	ids: (ctx: IExecuteFunctions, i: number) => Record<string, string[]>,
): OperationRunner {
	return async function (this: IExecuteFunctions, spec, i, settings) {
		const { path } = operation.request.call(this, { path: ids(this, i) }, { itemIndex: i });
		return await executeOperation.call(this, { ...spec, path, pathParams: [] }, i, settings);
	};
}

/** What a deleted item outputs: its ID (or IDs) and `deleted: true`. */
export const idsOutput = (ids: string[]): IDataObject =>
	ids.length === 1 ? { id: ids[0], deleted: true } : { ids, deleted: true };

/** The ID field of a batch delete: the input item's ID by default, one or several. */
export function idsProperty(
	name: string,
	displayName: string,
	what: string,
	example: string,
	defaultValue = '={{ $json.id }}',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: defaultValue,
		placeholder: `e.g. ${example}`,
		description: `The ${what} ID of each input item (by default its ID field); several IDs of one item are separated by commas or given as a list`,
	};
}

/** `Delete (Many)` of a catalog collection: DELETE with `{ids}` for all input items. */
export function deleteManyModule(options: {
	resource: 'dataStore' | 'dataAsset' | 'dataSet';
	subject: string;
	what: string;
	param: string;
	label: string;
	example: string;
}): OperationModule {
	const { resource, subject, what, param, label, example } = options;
	const description: INodeProperties[] = [
		idsProperty(param, label, what, example),
		batchSizeProperty(`${what} IDs`),
	].map((p) => ({
		...p,
		displayOptions: { show: { resource: [resource], operation: ['deleteMany'] } },
	}));
	const batchDelete = api[resource].deleteMany;
	return {
		description,
		operation: batchOperation(rowFacts(resource, 'deleteMany'), (ctx, settings) =>
			idBatch(ctx, settings, {
				subject,
				send: async (ids, itemIndex) =>
					await batchDelete.call(ctx, { body: { ids } }, settings, { itemIndex }),
				exists: api[resource].get,
				read: (i) => readIdList(ctx, param, label, i, example),
				output: idsOutput,
			}),
		),
	};
}

/**
 * Create or Replace of an object that names its parent by `{ id }` (a data asset's
 * `dataStoreInfo`, a data set's `dataAssetInfo`): the parent is picked in a locator, the
 * executor sends the rest.
 */
export function withParent(options: {
	row: TableOperation;
	/** The body property, e.g. `dataStoreInfo`. */
	property: string;
	/** The locator parameter, e.g. `dataStoreId`. */
	param: string;
	label: string;
	example: string;
}): { run: OperationSpec; execute: OperationRunner } {
	const { row, property, param, label, example } = options;
	// The parent is a value the node computes: a field of the row that is run, never shown.
	const virtual = `__${property}`;
	const withVirtual = (spec: OperationSpec): OperationSpec =>
		spec.body?.kind === 'json'
			? {
					...spec,
					body: {
						...spec.body,
						fields: [
							...spec.body.fields.filter((f) => f.name !== property),
							{ name: property, param: virtual, label, type: 'object', required: true },
						],
					},
				}
			: spec;
	return {
		run: row,
		async execute(spec, i, settings) {
			const id = readIdList(this, param, label, i, example);
			if (id.length > 1) {
				throw new NodeOperationError(this.getNode(), `The "${label}" parameter names several IDs`, {
					itemIndex: i,
					description: `Give one ${label.toLowerCase()}, e.g. ${example}.`,
				});
			}
			return await executeOperation.call(this, withVirtual(spec), i, settings, {
				[virtual]: { id: id[0] },
			});
		},
	};
}
