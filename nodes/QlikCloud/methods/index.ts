import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ApiOperation } from '../actions/api';
import { api } from '../actions/api';
import { catalogSearch } from '../actions/dataStore/search';
import { tables } from '../actions/generated';
import type { SearchMethod } from '../shared/descriptions';
import { searchMethodName } from '../shared/resource';
import {
	searchApp,
	searchAssignees,
	searchDataConnection,
	searchDataSource,
	searchSpace,
	searchSpaceAssignment,
	searchSpaceShare,
	searchTable,
} from './listSearch';

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A list search for every resource that a resource locator picks from. */
function generatedSearches(): Record<string, ListSearch> {
	const targets = new Set(
		tables.flatMap((t) =>
			Object.values(t.operations).flatMap((op) => (op.pathParams ?? []).map((p) => p.locator)),
		),
	);
	const searches: Record<string, ListSearch> = {};
	for (const table of tables) {
		const list = (api as Record<string, Record<string, ApiOperation | undefined>>)[table.resource]
			.getAll;
		if (!list || !targets.has(table.resource)) continue;
		searches[searchMethodName(table.resource)] = async function (this, filter, token) {
			return await searchTable.call(this, list, filter, token);
		};
	}
	return searches;
}

/** Hand-written searches, named after the resource they list: a renamed resource fails here. */
const handWritten = {
	searchApp,
	searchAssignees,
	searchDataConnection,
	searchDataSource,
	searchSpace,
	searchSpaceAssignment,
	searchSpaceShare,
	...catalogSearch,
} satisfies Partial<Record<SearchMethod, ListSearch>>;

export const listSearch: Record<string, ListSearch> = { ...generatedSearches(), ...handWritten };

export { loadOptions } from './loadOptions';
