import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { curate } from '../../shared/resource';
import type { OperationValues } from '../generated';
import {
	changeProperty,
	fieldOf,
	generatedRow,
	placed,
	readableSort,
	rowModule,
} from '../../shared/rows';
import type { FieldSpec, TableOperation } from '../../shared/types';

const R = 'item';

/** Qlik's resource types, by the names people know them by. */
const TYPE_NAMES: Record<string, string> = {
	app: 'App',
	qlikview: 'QlikView Document',
	qvapp: 'QlikView App',
	genericlink: 'Link',
	sharingservicetask: 'Sharing Task',
	note: 'Note',
	dataasset: 'Data Asset',
	dataset: 'Data Set',
	automation: 'Automation',
	'automl-experiment': 'ML Experiment',
	'automl-deployment': 'ML Deployment',
	assistant: 'Assistant',
	dataproduct: 'Data Product',
	dataqualityrule: 'Data Quality Rule',
	glossary: 'Glossary',
	knowledgebase: 'Knowledge Base',
	script: 'Script',
	semantictype: 'Semantic Type',
	page: 'Page',
};

const typeOptions = (values: readonly string[]): INodePropertyOptions[] =>
	values
		.map((value) => ({ name: TYPE_NAMES[value] ?? value, value }))
		.sort((a, b) => a.name.localeCompare(b.name));

/** Readable names for the resource type and sort choices of a built description. */
function readable(collection?: string) {
	return (properties: INodeProperties[]) => {
		changeProperty(
			properties,
			'resourceType',
			(p) => {
				p.options = typeOptions(
					((p.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value)),
				);
			},
			collection,
		);
		readableSort(properties, collection);
	};
}

/** Narrows the item picker to one resource type; not sent to Qlik. */
const itemTypeProperty = (values: readonly string[]): INodeProperties => ({
	displayName: 'Item Type',
	name: 'itemType',
	type: 'options',
	default: '',
	options: [{ name: 'Any', value: '' }, ...typeOptions(values)],
	description: 'Which kind of item the list below offers (the ID is used as given)',
});

const RESOURCE_TYPES = (fieldOf(generatedRow(R, 'getAll'), 'resourceType').enum ?? []) as string[];

/** An operation on one item: the picker with its type filter first. */
function onItem(
	operation: OperationValues[typeof R],
	row: TableOperation = generatedRow(R, operation),
) {
	row.pathParams = (row.pathParams ?? []).map((p) => ({
		...p,
		example: '5f0e0d4e8a3f1c0001a1b2c3',
	}));
	return rowModule(R, operation, row, {
		before: [itemTypeProperty(RESOURCE_TYPES)],
		tweak: readable('filters'),
	});
}

function getAll() {
	const row = generatedRow(R, 'getAll');
	const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);
	row.query = placed('filters', [
		f('resourceType', { hint: 'Only items of this kind' }),
		f('name', { hint: 'Only items with exactly this name' }),
		f('query', {
			label: 'Search',
			hint: 'Only items whose name or description contains this text',
		}),
		f('spaceId', { hint: 'Only items in this space; "personal" for your personal space' }),
		f('spaceType', { hint: 'Only items in spaces of this type' }),
		f('ownerId', { hint: 'Only items this user owns' }),
		f('notOwnerId', { label: 'Not Owner ID', hint: 'Only items this user does not own' }),
		f('createdByUserId', { label: 'Created by User ID' }),
		f('notCreatedByUserId', { label: 'Not Created by User ID' }),
		f('collectionId', { hint: 'Only items in this collection (or tag)' }),
		f('resourceId', { hint: 'The item of this resource, e.g. an app ID' }),
		f('resourceIds', { hint: 'The items of these resources, separated by commas' }),
		f('resourceSubType', { hint: 'E.g. chart-monitoring for apps' }),
		f('resourceLink'),
		f('id', { label: 'Item ID' }),
		f('shared', { hint: 'Whether to return only items shared with you' }),
		f('noActions', { hint: "Whether to leave out each item's list of allowed actions (faster)" }),
		f('sort', { hint: 'The order of the items' }),
	]);
	return rowModule(R, 'getAll', row, { tweak: readable('filters') });
}

function update() {
	const row = generatedRow(R, 'update');
	const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);
	if (row.body?.kind !== 'json') throw new Error('item body');
	row.body = {
		...row.body,
		fields: [
			f('resourceType', { hint: 'The kind of item (it stays what it is)' }),
			...placed('', [f('name', { hint: 'The new name of the item' })]),
			...placed('updateFields', [
				f('description'),
				f('spaceId', { hint: 'Space of the item' }),
				f('resourceId'),
				f('resourceLink'),
				f('resourceSubType'),
				f('thumbnailId'),
				f('resourceUpdatedAt'),
				f('resourceAttributes', { hint: 'Attributes of the resource as a JSON object' }),
				f('resourceCustomAttributes', { hint: 'Custom attributes as a JSON object' }),
			]),
			f('json'),
		],
	};
	return onItem('update', row);
}

function updateSettings() {
	const row = generatedRow(R, 'updateSettings');
	row.body = {
		kind: 'jsonPatch',
		fields: [
			{
				name: 'usageMetricsEnabled',
				label: 'Usage Metrics Enabled',
				type: 'boolean',
				hint: 'Whether items record and show how often they are used',
			},
		],
	};
	return rowModule(R, 'updateSettings', row);
}

/** Items: every piece of content in the tenant's catalog (apps, data sets, links…). */
export const curation = curate('item', {
	options: {
		getAll: { description: 'Find items by type, name, space, owner or collection' },
		get: { description: 'Get an item by ID' },
		update: { description: 'Rename an item or change its description' },
		delete: { description: 'Delete an item from the catalog' },
		getAllCollections: {
			name: 'Get Collections',
			action: 'Get the collections of an item',
			description: 'The collections and tags an item is in',
		},
		getAllPublishedItems: {
			name: 'Get Published Items',
			action: 'Get the published copies of an item',
			description: 'The items published from an app to managed spaces',
		},
		getSettings: {
			action: 'Get the item settings',
			description: 'The tenant-wide settings of items (usage metrics)',
		},
		updateSettings: {
			action: 'Update the item settings',
			description: 'Turn usage metrics of items on or off for the tenant',
		},
	},
	operations: {
		getAll: getAll(),
		get: onItem('get'),
		update: update(),
		delete: onItem('delete'),
		getAllCollections: onItem('getAllCollections'),
		getAllPublishedItems: onItem('getAllPublishedItems'),
		updateSettings: updateSettings(),
	},
});
