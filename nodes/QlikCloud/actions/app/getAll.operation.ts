/**
 * App → Get Many: Qlik lists apps through the items API (`resourceType=app`); each item is
 * output as an app (its ID is the item's `resourceId`), the item whole under `item`.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { fieldOf, generatedRow, placed, readableSort, rowModule } from '../../shared/rows';
import type { FieldSpec } from '../../shared/types';
import { executeOperation } from '../executor';
import { simplifiedIfAsked } from '../simplify';

/** Values sent whatever the filters say: only apps, without each item's list of actions. */
const FIXED: IDataObject = { 'filters.resourceType': 'app', 'filters.noActions': true };

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** An item of type app, shaped as the app it stands for. */
export function appOfItem(item: IDataObject): IDataObject {
	const attributes = (item.resourceAttributes ?? {}) as IDataObject;
	const app: IDataObject = {
		id: item.resourceId,
		name: item.name,
		description: item.description ?? '',
		spaceId: item.spaceId ?? attributes.spaceId ?? '',
		ownerId: item.ownerId ?? attributes.ownerId,
		createdAt: text(item.resourceCreatedAt) ?? item.createdAt,
		updatedAt: text(item.resourceUpdatedAt) ?? item.updatedAt,
		lastReloadTime: text(item.resourceReloadEndTime) ?? text(attributes.lastReloadTime),
		reloadStatus: text(item.resourceReloadStatus),
		usage: text(attributes.usage),
		published: attributes.published,
		itemId: item.id,
		item,
	};
	for (const key of Object.keys(app)) if (app[key] === undefined) delete app[key];
	return app;
}

const row = generatedRow('item', 'getAll');
const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);

/** The filters people use on apps; the type and actions filters are fixed (`FIXED`). */
const shown = {
	...row,
	query: placed('filters', [
		f('name', { hint: 'Only the apps with exactly this name' }),
		f('query', { label: 'Search', hint: 'Only apps whose name or description contains this text' }),
		f('spaceId', { hint: 'Only apps in this space; "personal" for your personal space' }),
		f('spaceType', { hint: 'Only apps in spaces of this type' }),
		f('ownerId', { hint: 'Only the apps this user owns' }),
		f('resourceSubType', { label: 'App Subtype', hint: 'E.g. chart-monitoring' }),
		f('shared', { hint: 'Whether to return only apps shared with you' }),
		f('sort', { hint: 'The order of the apps' }),
	]),
};

/** The row run: the fixed filters sent too, and items left whole until they are apps. */
const run = {
	...shown,
	response: { ...row.response, simplify: undefined },
	query: [...shown.query, ...placed('filters', [f('resourceType'), f('noActions')])],
};

export const { description, operation } = rowModule('app', 'getAll', shown, {
	run,
	async execute(spec, i, settings): Promise<INodeExecutionData[]> {
		const items = await executeOperation.call(this, spec, i, settings, FIXED);
		const apps = simplifiedIfAsked(
			this,
			i,
			items.map((out) => appOfItem(out.json)),
		);
		return apps.map((json) => ({ json, pairedItem: { item: i } }));
	},
	tweak: (properties) => readableSort(properties, 'filters'),
});
