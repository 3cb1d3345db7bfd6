/**
 * List searches of the catalog: data assets (of the data stores chosen above, else of all),
 * data sets and items (through the items API, with its server-side search and type filter), and
 * data credentials (the ones the data connections use: Qlik has no list of credentials).
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isId } from '../../shared/ids';
import { listPage, matches } from '../../methods/listSearch';
import { api } from '../api';

/** IDs the node has in a parameter now (one, or several separated by commas). */
function currentIds(ctx: ILoadOptionsFunctions, name: string): string[] {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		return [];
	}
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((v) => v.trim())
		.filter(isId);
}

/** Data assets of the data stores chosen in the node, or of every data store. */
export async function searchDataAsset(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let stores = currentIds(this, 'dataStoreId');
	if (!paginationToken && stores.length === 0) {
		const { data } = await listPage.call(this, api.dataStore.getAll, { qs: { limit: 100 } });
		stores = data.map((s) => String(s.id));
		if (stores.length === 0) return { results: [] };
	}
	const { data, next } = await listPage.call(
		this,
		api.dataStore.getAllDataAssets,
		{ path: { 'data-store-ids': stores }, qs: { limit: 100 } },
		paginationToken,
	);
	const results: INodeListSearchItems[] = data
		.filter(
			(a) => matches(a.name, filter) || matches(a.technicalName, filter) || matches(a.id, filter),
		)
		.map((a) => {
			const store = (a.dataStoreInfo ?? {}) as IDataObject;
			const name = String(a.name ?? a.technicalName ?? a.id);
			return { name: store.name ? `${name} (${String(store.name)})` : name, value: String(a.id) };
		});
	return { results, paginationToken: next };
}

/** Data sets, found through the items API by name. */
export async function searchDataSet(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next } = await listPage.call(
		this,
		api.item.getAll,
		{
			qs: {
				resourceType: 'dataset',
				limit: 100,
				sort: '+name',
				...(filter ? { query: filter } : {}),
			},
		},
		paginationToken,
	);
	return {
		results: data
			.filter((item) => item.resourceId !== undefined && item.resourceId !== null)
			.map((item) => ({
				name: String(item.name ?? item.resourceId),
				value: String(item.resourceId),
			})),
		paginationToken: next,
	};
}

/** Items by name, of the type chosen in the node's Item Type (any when empty). */
export async function searchItem(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let type: unknown;
	try {
		type = this.getCurrentNodeParameter('itemType');
	} catch {
		type = undefined;
	}
	const { data, next } = await listPage.call(
		this,
		api.item.getAll,
		{
			qs: {
				limit: 100,
				sort: '+name',
				noActions: true,
				...(typeof type === 'string' && type ? { resourceType: type } : {}),
				...(filter ? { query: filter } : {}),
			},
		},
		paginationToken,
	);
	return {
		results: data.map((item) => ({
			name: `${String(item.name ?? item.id)} (${String(item.resourceType ?? 'item')})`,
			value: String(item.id),
		})),
		paginationToken: next,
	};
}

/** The credentials the tenant's data connections use (by name), one entry each. */
export async function searchDataCredential(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next } = await listPage.call(
		this,
		api.dataConnection.getAll,
		{ qs: { limit: 100 } },
		paginationToken,
	);
	const seen = new Set<string>();
	const results: INodeListSearchItems[] = [];
	for (const c of data) {
		const id = c.qCredentialsID;
		if (typeof id !== 'string' || !id || seen.has(id)) continue;
		seen.add(id);
		const name = `${String(c.qCredentialsName ?? c.qUsername ?? 'Credential')} (${String(c.qName ?? c.id)})`;
		if (matches(name, filter) || matches(id, filter)) results.push({ name, value: id });
	}
	return { results, paginationToken: next };
}

export const catalogSearch = {
	searchDataAsset,
	searchDataSet,
	searchDataCredential,
	searchItem,
};
