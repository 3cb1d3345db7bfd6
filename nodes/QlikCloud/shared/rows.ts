/**
 * Curated rows built from the generated ones, so that the facts (paths, tiers, types, limits)
 * stay Qlik's: copy a row, change its fields, and make an operation module of it. Every
 * curation uses these (the catalog, data sources and credentials, items, spaces).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { rowOf } from '../actions/api';
import type { OperationValues, ResourceValue } from '../actions/generated';
import { tables } from '../actions/generated';
import type { OperationModule } from './resource';
import { buildResource } from './resource';
import type {
	FieldSpec,
	OperationRunner,
	OperationSpec,
	ResourceTable,
	TableOperation,
} from './types';

const tablesByResource = new Map<string, ResourceTable>(tables.map((t) => [t.resource, t]));

/**
 * The facts of a generated row that a hand-written operation keeps: method, path template, rate
 * tier and response kind (the operation adds its own fields, and may change the response).
 */
export function rowFacts<R extends ResourceValue>(
	resource: R,
	operation: OperationValues[R],
): Pick<OperationSpec, 'method' | 'path' | 'tier' | 'response'> {
	const { method, path, tier, response } = rowOf(resource, operation);
	return { method, path, tier, response };
}

/** A copy of a generated row, to curate without touching the table. */
export function generatedRow<R extends ResourceValue>(
	resource: R,
	operation: OperationValues[R],
): TableOperation {
	return JSON.parse(JSON.stringify(rowOf(resource, operation))) as TableOperation;
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

/** The sort choices of a built description (in `collection`) named as people read them. */
export function readableSort(properties: INodeProperties[], collection?: string): void {
	changeProperty(
		properties,
		'sort',
		(p) => {
			p.options = ((p.options ?? []) as INodePropertyOptions[]).map((o) => ({
				name: sortOptionName(String(o.value)),
				value: o.value,
			}));
		},
		collection,
	);
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
