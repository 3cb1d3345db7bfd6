import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiOperation, CallValues } from '../actions/api';
import { api } from '../actions/api';
import { isByName, NameFinder } from '../actions/names';
import { isNamedKind } from '../shared/descriptions';
import type { QlikList } from '../shared/types';
import { ID_RULE, isId } from '../shared/ids';
import { getBaseUrl, qlikApiRequest } from '../transport';

/** One page of a list operation: the first for these values, or the one a token points at. */
export async function listPage(
	this: ILoadOptionsFunctions,
	operation: ApiOperation,
	values: CallValues,
	paginationToken?: string,
): Promise<{ data: IDataObject[]; next?: string }> {
	const request = operation.request.call(this, values);
	const { body } = await qlikApiRequest.call(
		this,
		paginationToken ? { ...request, path: paginationToken, qs: undefined } : request,
	);
	const response = operation.row.response;
	const itemsKey = (response.kind === 'list' && response.itemsKey) || 'data';
	if (Array.isArray(body)) return { data: body as IDataObject[] };
	const list = (body ?? {}) as QlikList;
	return {
		data: Array.isArray(list[itemsKey]) ? (list[itemsKey] as IDataObject[]) : [],
		next: list.links?.next?.href ?? undefined,
	};
}

/**
 * The ID chosen above in the locator `name`, which the list depends on; a space, app or user given
 * By Name is found first.
 */
async function currentId(
	this: ILoadOptionsFunctions,
	name: string,
	label: string,
	kind?: string,
): Promise<string> {
	const raw = this.getCurrentNodeParameter(name);
	if (isByName(raw) && isNamedKind(kind)) {
		return await new NameFinder(this).idOf({ param: name, kind, label }, raw.value, 0);
	}
	const value = this.getCurrentNodeParameter(name, { extractValue: true });
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(this.getNode(), `Choose a ${label} first`, {
			description: `The list depends on the "${label}" parameter above.`,
		});
	}
	const id = value.trim();
	if (!isId(id)) {
		throw new NodeOperationError(this.getNode(), `The "${label}" above is not a valid ID`, {
			description: `${ID_RULE}. Pick the ${label.toLowerCase()} from its list.`,
		});
	}
	return id;
}

export function matches(text: unknown, filter?: string): boolean {
	return (
		!filter ||
		String(text ?? '')
			.toLowerCase()
			.includes(filter.toLowerCase())
	);
}

export async function searchSpace(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next } = await listPage.call(
		this,
		api.space.getAll,
		{ qs: { limit: 100, sort: '+name', ...(filter ? { name: filter } : {}) } },
		paginationToken,
	);
	const baseUrl = await getBaseUrl.call(this);
	return {
		results: data.map((space) => ({
			name: `${String(space.name)} (${String(space.type)})`,
			value: String(space.id),
			url: `${baseUrl}/catalog?space=${encodeURIComponent(String(space.id))}`,
		})),
		paginationToken: next,
	};
}

/** The members or shares of the space chosen above, filtered by the search text. */
async function searchInSpace(
	this: ILoadOptionsFunctions,
	kind: 'assignments' | 'shares',
	label: (entry: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const spaceId = await currentId.call(this, 'spaceId', 'Space', 'space');
	const list = kind === 'assignments' ? api.spaceAssignment.getAll : api.spaceShare.getAll;
	const { data, next } = await listPage.call(
		this,
		list,
		{ path: { spaceId }, qs: { limit: 100 } },
		paginationToken,
	);
	const results: INodeListSearchItems[] = data
		.map((entry) => ({ name: label(entry), value: String(entry.id) }))
		.filter((r) => matches(r.name, filter));
	return { results, paginationToken: next };
}

export async function searchSpaceAssignment(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (a: IDataObject) =>
		`${String(a.type)} ${String(a.assigneeId)}: ${((a.roles as string[]) ?? []).join(', ')}`;
	return await searchInSpace.call(this, 'assignments', label, filter, paginationToken);
}

export async function searchSpaceShare(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (s: IDataObject) =>
		`${String(s.resourceType)} ${String(s.resourceId)} → ${String(s.type)} ${String(s.assigneeId)}`;
	return await searchInSpace.call(this, 'shares', label, filter, paginationToken);
}

/** Users or groups, by the assignee type chosen in the node. */
export async function searchAssignees(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const type = this.getCurrentNodeParameter('type') as string;
	const list = type === 'group' ? api.group.getAll : api.user.getAll;
	const { data, next } = await listPage.call(this, list, { qs: { limit: 100 } }, paginationToken);
	const results: INodeListSearchItems[] = data
		.filter((entry) => matches(entry.name, filter) || matches(entry.email, filter))
		.map((entry) => ({
			name: entry.email ? `${String(entry.name)} (${String(entry.email)})` : String(entry.name),
			value: String(entry.id),
		}));
	return { results, paginationToken: next };
}

/** What a person recognises an item by: its name, title or e-mail, else its ID. */
function labelOf(entry: IDataObject, id: string): string {
	for (const key of ['name', 'title', 'displayName', 'email', 'subject', 'alias']) {
		const value = entry[key];
		if (typeof value === 'string' && value.trim() !== '') return value;
	}
	return id;
}

/**
 * Any resource's items from its Get Many operation, for a resource locator: the IDs the
 * operation's path needs come from the fields above, the search text filters by name.
 */
export async function searchTable(
	this: ILoadOptionsFunctions,
	list: ApiOperation,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const row = list.row;
	const path: Record<string, string> = {};
	for (const param of row.pathParams ?? []) {
		path[param.name] = await currentId.call(
			this,
			param.param ?? param.name,
			param.label,
			param.locator,
		);
	}
	const qs: IDataObject =
		row.response.kind === 'list' && !row.response.single
			? { limit: Math.min(100, row.response.maxPageSize) }
			: {};
	const { data, next } = await listPage.call(this, list, { path, qs }, paginationToken);
	const results: INodeListSearchItems[] = [];
	for (const entry of data) {
		const id = entry.id ?? entry.qID ?? entry.guid;
		if (id === undefined || id === null) continue;
		const name = labelOf(entry, String(id));
		if (matches(name, filter) || matches(id, filter)) results.push({ name, value: String(id) });
	}
	return { results, paginationToken: next };
}

/** Apps, which Qlik lists through the items API: name search on the server. */
export async function searchApp(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next } = await listPage.call(
		this,
		api.item.getAll,
		{
			qs: { resourceType: 'app', limit: 100, sort: '+name', ...(filter ? { query: filter } : {}) },
		},
		paginationToken,
	);
	return {
		results: data
			.filter((item) => item.resourceId !== undefined)
			.map((item) => ({
				name: String(item.name ?? item.resourceId),
				value: String(item.resourceId),
			})),
		paginationToken: next,
	};
}

/** Data connections by name (qName), with their space. */
export async function searchDataConnection(
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
	return {
		results: data
			.filter((c) => matches(c.qName, filter))
			.map((c) => ({
				name: `${String(c.qName ?? c.id)}${c.space ? ` (space ${String(c.space)})` : ''}`,
				value: String(c.id ?? c.qID),
			})),
		paginationToken: next,
	};
}

/** Data sources (connectors) a connection can be made from. */
export async function searchDataSource(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { body } = await api.dataSource.getAll.call(this);
	const sources = ((body as IDataObject | undefined)?.dataSources ?? []) as IDataObject[];
	return {
		results: sources
			.filter((s) => !s.disabled)
			.filter((s) => matches(s.name, filter) || matches(s.dataSourceId, filter))
			.map((s) => ({ name: String(s.name ?? s.dataSourceId), value: String(s.dataSourceId) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}
