/**
 * What the catalog resources (data stores, data assets, data sets) and items share: curated
 * rows built from the generated ones (so the facts stay Qlik's), ID lists that take one ID per
 * input item or several, and batch deletes sent in one request for all input items.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkId, DEFAULT_BATCH_SIZE, batchSizeProperty, errorItem } from '../../shared/batch';
import { resourceLocator } from '../../shared/descriptions';
import { ID_LIST_REGEX } from '../../shared/ids';
import type { OperationModule } from '../../shared/resource';
import { buildResource } from '../../shared/resource';
import type {
	FieldSpec,
	OperationRunner,
	OperationSpec,
	ResourceTable,
	TableOperation,
} from '../../shared/types';
import { TIER_1 } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import { qlikApiRequest } from '../../transport';
import { asNodeError } from '../../transport/errors';
import { executeOperation } from '../executor';
import { tables } from '../tables';

const tablesByResource = new Map<string, ResourceTable>(tables.map((t) => [t.resource, t]));

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

/** A copy of a generated row, to curate without touching the table. */
export function generatedRow(resource: string, operation: string): TableOperation {
	const row = tablesByResource.get(resource)?.operations[operation];
	if (!row) throw new Error(`No generated operation ${resource}.${operation}`);
	return JSON.parse(JSON.stringify(row)) as TableOperation;
}

/** The row's path IDs picked with a locator: which list, how labelled, an example ID. */
export function pathPicked(
	row: TableOperation,
	label: string,
	locator: string,
	example: string,
): TableOperation {
	row.pathParams = (row.pathParams ?? []).map((p) => ({ ...p, label, locator, example }));
	return row;
}

/** A field of a generated row (query or body), with changes. */
export function fieldOf(
	row: TableOperation,
	name: string,
	changes: Partial<FieldSpec> = {},
): FieldSpec {
	const body = row.body;
	const fields = [
		...(row.query ?? []),
		...(body?.kind === 'json' || body?.kind === 'jsonPatch' ? body.fields : []),
	];
	const field = fields.find((f) => f.name === name);
	if (!field) throw new Error(`No field ${name} in ${row.method} ${row.path}`);
	return { ...field, ...changes };
}

/** Fields in a collection (`additionalFields.x`), or at the top when `collection` is empty. */
export const placed = (collection: string, fields: FieldSpec[]): FieldSpec[] =>
	fields.map((f) => ({ ...f, param: collection ? `${collection}.${f.name}` : f.name }));

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
 * A curated operation built like a generated one: its editor fields come from the row, so the
 * generic executor runs it (or `execute`, when given) and the facts stay the spec's.
 */
export function rowModule(
	resource: string,
	operation: string,
	row: TableOperation,
	options: {
		/** The row that is run, when it differs from the one that is shown. */
		run?: OperationSpec;
		execute?: OperationRunner;
		/** More editor fields, after the row's. */
		extra?: INodeProperties[];
		/** Editor fields before the row's. */
		before?: INodeProperties[];
		tweak?: (properties: INodeProperties[]) => void;
	} = {},
): OperationModule {
	const built = buildResource(
		{ resource, displayName: resource, spec: '', operations: { [operation]: row } },
		tablesByResource,
	);
	const show = { show: { resource: [resource], operation: [operation] } };
	const withShow = (p: INodeProperties): INodeProperties => ({
		...p,
		displayOptions: {
			...(p.displayOptions ?? {}),
			show: { ...(p.displayOptions?.show ?? {}), ...show.show },
		},
	});
	const description = [
		...(options.before ?? []).map(withShow),
		...built.description.slice(1),
		...(options.extra ?? []).map(withShow),
	];
	options.tweak?.(description);
	const run = options.run ?? row;
	return {
		description,
		operation: options.execute ? { ...run, execute: options.execute } : run,
	};
}

/** Option names for Qlik's sort values (`+name` → "Name (A to Z)"). */
export function sortOptionName(value: string): string {
	const field = value.slice(1);
	const label: Record<string, string> = {
		createdAt: 'Created',
		updatedAt: 'Updated',
		name: 'Name',
		recentlyUsed: 'Recently Used',
	};
	const up = value.startsWith('+');
	if (field === 'name') return `Name (${up ? 'A to Z' : 'Z to A'})`;
	if (field === 'recentlyUsed') return `Recently Used (${up ? 'Least' : 'Most'} Recent First)`;
	return `${label[field] ?? field} (${up ? 'Oldest' : 'Newest'} First)`;
}

/** Finds a property (also inside collections) by name and changes it. */
export function changeProperty(
	properties: INodeProperties[],
	name: string,
	change: (p: INodeProperties) => void,
	collection?: string,
): void {
	for (const p of properties) {
		if (!collection && p.name === name) change(p);
		if (collection && p.name === collection && Array.isArray(p.options)) {
			for (const o of p.options as INodeProperties[]) if (o.name === name) change(o);
		}
	}
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

/** A context whose `getNodeParameter` answers some names itself (values the node computed). */
export function withValues(ctx: IExecuteFunctions, values: IDataObject): IExecuteFunctions {
	const proxy = Object.create(ctx) as IExecuteFunctions;
	const read = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	proxy.getNodeParameter = ((name: string, ...rest: unknown[]) =>
		name in values ? values[name] : read(name, ...rest)) as IExecuteFunctions['getNodeParameter'];
	return proxy;
}

/** A list operation on a path of ID lists: the path is made here, the rest by the executor. */
export function listUnder(build: (ctx: IExecuteFunctions, i: number) => string): OperationRunner {
	return async function (this: IExecuteFunctions, spec, i, settings) {
		const path = build(this, i);
		return await executeOperation.call(this, { ...spec, path, pathParams: [] }, i, settings);
	};
}

export interface IdBatch {
	/** `Data set`: what one ID names, for messages. */
	subject: string;
	method: 'DELETE';
	/** The request for a set of IDs. */
	request(ids: string[]): { path: string; body?: IDataObject; route: string };
	/** GET path of one ID: how an unknown ID is told from a known one after a 404. */
	exists(id: string): string;
	tier: OperationSpec['tier'];
	/** The IDs of one input item. */
	read(i: number): string[];
	/** The output of an item whose IDs were deleted. */
	output(ids: string[]): IDataObject;
}

/**
 * A batch delete for all input items: every item's IDs are read first (bad input fails before
 * any request), then one request per Batch Size IDs (by default one for up to 100 items). Qlik
 * answers a batch as a whole: a 404 when any ID is unknown, and then nothing is deleted. The
 * node then asks which IDs exist (one GET each) and, with Continue On Fail, deletes the known
 * ones in one request and gives the items with unknown IDs an error; without it, it fails
 * naming the unknown IDs and deletes nothing.
 */
export async function runIdBatches(
	ctx: IExecuteFunctions,
	settings: TransportSettings,
	op: IdBatch,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const targets: Array<{ index: number; ids: string[] }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			targets.push({ index: i, ids: op.read(i) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
			results[i] = errorItem(error as Error, i, { ids: [] });
		}
	}
	const size = Math.max(
		1,
		Math.floor(Number(ctx.getNodeParameter('batchSize', 0, DEFAULT_BATCH_SIZE))),
	);
	const send = async (ids: string[], itemIndex: number) => {
		const { path, body, route } = op.request(ids);
		await qlikApiRequest.call(
			ctx,
			{ method: op.method, path, tier: op.tier, route, ...(body ? { body } : {}) },
			settings,
			{ itemIndex },
		);
	};
	for (let start = 0; start < targets.length; start += size) {
		const batch = targets.slice(start, start + size);
		const ids = [...new Set(batch.flatMap((t) => t.ids))];
		try {
			await send(ids, batch[0].index);
			for (const t of batch)
				results[t.index] = { json: op.output(t.ids), pairedItem: { item: t.index } };
			continue;
		} catch (error) {
			if ((error as NodeApiError).httpCode !== '404') {
				if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
				for (const t of batch)
					results[t.index] = errorItem(error as Error, t.index, { ids: t.ids });
				continue;
			}
		}
		// A 404: find the unknown IDs.
		const unknown = new Set<string>();
		for (const id of ids) {
			try {
				await qlikApiRequest.call(
					ctx,
					{ method: 'GET', path: op.exists(id), tier: TIER_1, route: `GET ${op.exists('{id}')}` },
					settings,
					{ itemIndex: batch[0].index },
				);
			} catch (error) {
				if ((error as NodeApiError).httpCode === '404') unknown.add(id);
				else if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
			}
		}
		const missing = (t: { ids: string[] }) => t.ids.filter((id) => unknown.has(id));
		const notFound = (t: { index: number; ids: string[] }) =>
			new NodeOperationError(
				ctx.getNode(),
				`${op.subject} ${missing(t)
					.map((id) => `"${id}"`)
					.join(', ')} not found`,
				{
					itemIndex: t.index,
					description: continueOnFail
						? 'Qlik Cloud has no such ID; the other IDs of the batch were deleted.'
						: 'Qlik Cloud has no such ID. Nothing was deleted: Qlik deletes a batch only when every ID exists. Remove the ID, or turn on Continue On Fail to delete the others.',
				},
			);
		if (!continueOnFail) {
			const first = batch.find((t) => missing(t).length > 0);
			if (first) throw notFound(first);
			throw new NodeOperationError(ctx.getNode(), `${op.subject}: Qlik Cloud answered 404`);
		}
		const known = ids.filter((id) => !unknown.has(id));
		let failure: Error | undefined;
		if (known.length) {
			try {
				await send(known, batch[0].index);
			} catch (error) {
				failure = error as Error;
			}
		}
		for (const t of batch) {
			if (missing(t).length) results[t.index] = errorItem(notFound(t), t.index, { ids: t.ids });
			else if (failure) results[t.index] = errorItem(failure, t.index, { ids: t.ids });
			else results[t.index] = { json: op.output(t.ids), pairedItem: { item: t.index } };
		}
	}
	return results.filter((r): r is INodeExecutionData => r !== undefined);
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
	resource: string;
	path: string;
	subject: string;
	what: string;
	param: string;
	label: string;
	example: string;
}): OperationModule {
	const { resource, path, subject, what, param, label, example } = options;
	const description: INodeProperties[] = [
		idsProperty(param, label, what, example),
		batchSizeProperty(`${what} IDs`),
	].map((p) => ({
		...p,
		displayOptions: { show: { resource: [resource], operation: ['deleteMany'] } },
	}));
	const row = generatedRow(resource, 'deleteMany');
	return {
		description,
		operation: {
			method: 'DELETE',
			path,
			tier: row.tier,
			response: { kind: 'object' },
			async executeAll(_spec, settings) {
				return await runIdBatches(this, settings, {
					subject,
					method: 'DELETE',
					tier: row.tier,
					request: (ids) => ({ path, body: { ids }, route: `DELETE ${path}` }),
					exists: (id) => `${path}/${id === '{id}' ? id : encodeURIComponent(id)}`,
					read: (i) => readIdList(this, param, label, i, example),
					output: idsOutput,
				});
			},
		},
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
			return await executeOperation.call(
				withValues(this, { [virtual]: { id: id[0] } }),
				withVirtual(spec),
				i,
				settings,
			);
		},
	};
}
