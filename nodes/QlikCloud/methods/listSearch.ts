import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QlikList } from '../shared/types';
import { TIER_1 } from '../shared/types';
import { getBaseUrl, qlikApiRequest } from '../transport';

async function listPage(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	paginationToken?: string,
): Promise<{ data: IDataObject[]; next?: string }> {
	const request = paginationToken
		? { method: 'GET' as const, path: paginationToken, tier: TIER_1 }
		: { method: 'GET' as const, path, tier: TIER_1, qs: { limit: 100, ...qs } };
	const { body } = await qlikApiRequest.call(this, request);
	const list = (body ?? {}) as QlikList;
	return { data: list.data ?? [], next: list.links?.next?.href ?? undefined };
}

function currentId(this: ILoadOptionsFunctions, name: string, label: string): string {
	const value = this.getCurrentNodeParameter(name, { extractValue: true });
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(this.getNode(), `Choose a ${label} first`, {
			description: `The list depends on the "${label}" parameter above.`,
		});
	}
	return value.trim();
}

function matches(text: unknown, filter?: string): boolean {
	return (
		!filter ||
		String(text ?? '')
			.toLowerCase()
			.includes(filter.toLowerCase())
	);
}

export async function searchSpaces(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next } = await listPage.call(
		this,
		'/api/v1/spaces',
		{ sort: '+name', ...(filter ? { name: filter } : {}) },
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
	const spaceId = currentId.call(this, 'spaceId', 'Space');
	const path = `/api/v1/spaces/${encodeURIComponent(spaceId)}/${kind}`;
	const { data, next } = await listPage.call(this, path, {}, paginationToken);
	const results: INodeListSearchItems[] = data
		.map((entry) => ({ name: label(entry), value: String(entry.id) }))
		.filter((r) => matches(r.name, filter));
	return { results, paginationToken: next };
}

export async function searchSpaceAssignments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (a: IDataObject) =>
		`${String(a.type)} ${String(a.assigneeId)}: ${((a.roles as string[]) ?? []).join(', ')}`;
	return await searchInSpace.call(this, 'assignments', label, filter, paginationToken);
}

export async function searchSpaceShares(
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
	const path = type === 'group' ? '/api/v1/groups' : '/api/v1/users';
	const { data, next } = await listPage.call(this, path, {}, paginationToken);
	const results: INodeListSearchItems[] = data
		.filter((entry) => matches(entry.name, filter) || matches(entry.email, filter))
		.map((entry) => ({
			name: entry.email ? `${String(entry.name)} (${String(entry.email)})` : String(entry.name),
			value: String(entry.id),
		}));
	return { results, paginationToken: next };
}
