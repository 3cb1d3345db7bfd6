import type { INodeProperties } from 'n8n-workflow';

import type { ResourceAliases, ResourceCuration } from '../shared/resource';
import { buildResource } from '../shared/resource';
import type { OperationSpec, ResourceTable } from '../shared/types';
import { curation as app } from './app/curation';
import { curation as dataAsset } from './dataAsset/curation';
import { redacted } from './dataConnection/common';
import { curation as dataConnection } from './dataConnection/curation';
import { curation as dataCredential } from './dataCredential/curation';
import { curation as dataFile } from './dataFile/curation';
import { curation as dataSet } from './dataSet/curation';
import { curation as dataSource } from './dataSource/curation';
import { curation as dataStore } from './dataStore/curation';
import { curation as item } from './item/curation';
import { curation as reload } from './reload/curation';
import { curation as schedulingTask } from './schedulingTask/curation';
import { curation as space } from './space/curation';
import { curation as spaceAssignment } from './spaceAssignment/curation';
import { curation as spaceShare } from './spaceShare/curation';
import { curation as tempContent } from './tempContent/curation';
import { curation as tenant } from './tenant/curation';
import { curation as user } from './user/curation';
import { curation as webhook } from './webhook/curation';
import type { OperationValues, ResourceValue } from './generated';
import type { NamedLocator } from './names';
import { namedLocators } from './names';
import { SIMPLIFY } from './simplify';
import { TOOL_DESCRIPTIONS } from './toolDescriptions';
import { renamed, tables } from './generated';

/** Hand curation by resource; every other resource is shown as generated. */
const curations: { [R in ResourceValue]?: ResourceCuration<OperationValues[R]> } = {
	app,
	dataAsset,
	dataConnection,
	dataCredential,
	dataFile,
	dataSet,
	dataSource,
	dataStore,
	item,
	reload,
	schedulingTask,
	space,
	spaceAssignment,
	spaceShare,
	tempContent,
	tenant,
	user,
	webhook,
};

const tablesByResource = new Map<string, ResourceTable>(tables.map((t) => [t.resource, t]));
const curationOf: Partial<Record<string, ResourceCuration>> = curations;

const operationRenames: Record<string, Record<string, string> | undefined> = renamed.operations;

/** The old values of a resource and of its operations, which saved workflows may hold. */
function aliasesOf(resource: string): ResourceAliases {
	const operations: Record<string, string[]> = {};
	for (const [old, now] of Object.entries(operationRenames[resource] ?? {}))
		operations[now] = [...(operations[now] ?? []), old];
	const olds = Object.entries(renamed.resources).filter(([, now]) => now === resource);
	return { resource: olds.map(([old]) => old), operations };
}

/**
 * Resources whose answers carry secrets Qlik keeps (identity providers' client secrets, the
 * execution tokens that run an automation, webhook secrets): every output redacted, as data
 * connections' are.
 */
const REDACTED_RESOURCES: ResourceValue[] = [
	'automation',
	'identityProvider',
	'webhook',
	'automateWorkflow',
];
for (const resource of REDACTED_RESOURCES) {
	const table = tablesByResource.get(resource);
	if (!table) throw new Error(`No table for the redacted resource "${resource}"`);
	// Redaction wraps every operation: a curation's own extension would be silently replaced.
	if (curationOf[resource]?.extend) {
		throw new Error(`The redacted resource "${resource}" extends operations: redact in them`);
	}
	curationOf[resource] = {
		...curationOf[resource],
		extend: Object.fromEntries(Object.keys(table.operations).map((op) => [op, redacted])),
	};
}

const toolDescriptionsOf: Partial<Record<string, Partial<Record<string, string>>>> =
	TOOL_DESCRIPTIONS;

const built = tables.map((table) =>
	buildResource(
		table,
		tablesByResource,
		curationOf[table.resource],
		aliasesOf(table.resource),
		toolDescriptionsOf[table.resource] ?? {},
	),
);

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: built.filter((b) => !b.retired).map((b) => b.option),
	default: 'space',
};

/** Resources curated after Simplify came: their Simplify starts on, as the generated ones'. */
const curatedAfterSimplify = new Set<string>(['user']);

/**
 * Resources curated (or redacted) before Simplify came keep the outputs they had: their Simplify
 * starts off. Everywhere else it starts on, as n8n's nodes do (a saved node keeps the default it
 * was saved with, so a later curation does not change it).
 */
const keepsOutputs = new Set<string>(
	[...Object.keys(curations), ...REDACTED_RESOURCES].filter((r) => !curatedAfterSimplify.has(r)),
);
const simplifyOff = (p: INodeProperties): INodeProperties =>
	p.name === SIMPLIFY ? { ...p, default: false } : p;

export const resourceDescriptions: INodeProperties[] = built.flatMap((b) =>
	keepsOutputs.has(String(b.option.value)) ? b.description.map(simplifyOff) : b.description,
);

/** The operation table: resource → operation → what the generic executor runs. */
export const operations: Record<string, Record<string, OperationSpec>> = Object.fromEntries(
	built.map((b) => [String(b.option.value), b.operations]),
);

/**
 * The row a node with these values runs. A value renamed in the lock runs as its new value, so
 * a workflow saved before the rename keeps working.
 */
export function operationFor(resource: string, operation: string): OperationSpec | undefined {
	const current = renamed.resources[resource] ?? resource;
	const rows = operations[current] ?? {};
	const renamedTo = operationRenames[current]?.[operation];
	return rows[operation] ?? (renamedTo === undefined ? undefined : rows[renamedTo]);
}

/** resource → operation → its locators that can hold a space's, an app's or a user's name. */
const namedByOperation = new Map<string, NamedLocator[]>();
for (const b of built) {
	const resource = String(b.option.value);
	for (const value of Object.keys(b.operations)) {
		const fields = b.description.filter(
			(p) =>
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions.show.operation?.includes(value),
		);
		const named = namedLocators(fields);
		if (named.length) namedByOperation.set(`${resource}.${value}`, named);
	}
}

/** The locators of the operation a node with these values runs that can hold a name. */
export function namedLocatorsOf(resource: string, operation: string): NamedLocator[] {
	const current = renamed.resources[resource] ?? resource;
	const value = operationRenames[current]?.[operation] ?? operation;
	return namedByOperation.get(`${current}.${value}`) ?? [];
}
