import type { INodeProperties } from 'n8n-workflow';

import type { ResourceCuration } from '../shared/resource';
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
import { tables } from './tables';

/** Hand curation by resource; every other resource is shown as generated. */
const curations: Record<string, ResourceCuration> = {
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
};

const tablesByResource = new Map<string, ResourceTable>(tables.map((t) => [t.resource, t]));

/**
 * Resources whose answers carry secrets Qlik keeps (identity providers' client secrets, the
 * execution tokens that run an automation, webhook secrets): every output redacted, as data
 * connections' are.
 */
const REDACTED_RESOURCES = ['automation', 'identityProvider', 'webhook', 'workflow'];
for (const resource of REDACTED_RESOURCES) {
	const table = tablesByResource.get(resource);
	if (!table) throw new Error(`No table for the redacted resource "${resource}"`);
	curations[resource] = {
		...curations[resource],
		extend: Object.fromEntries(Object.keys(table.operations).map((op) => [op, redacted])),
	};
}

const built = tables.map((table) =>
	buildResource(table, tablesByResource, curations[table.resource]),
);

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: built.map((b) => b.option),
	default: 'space',
};

export const resourceDescriptions: INodeProperties[] = built.flatMap((b) => b.description);

/** The operation table: resource → operation → what the generic executor runs. */
export const operations: Record<string, Record<string, OperationSpec>> = Object.fromEntries(
	built.map((b) => [String(b.option.value), b.operations]),
);
