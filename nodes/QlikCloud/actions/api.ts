/**
 * The one way hand-written code calls Qlik: `api.<resource>.<operation>` runs a generated row
 * (method, path template, rate tier) through the transport, so that no literal method,
 * path or tier is typed twice. Path values are checked as IDs (or as paths and text, as the row
 * says) and encoded; a value that is a list is sent as IDs separated by commas.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkId } from '../shared/batch';
import { segmentProblem } from '../shared/ids';
import type { OperationSpec, ResponseSpec } from '../shared/types';
import type {
	PageOptions,
	QlikContext,
	QlikRequest,
	QlikResponse,
	TransportSettings,
} from '../transport';
import { qlikApiRequest, qlikApiRequestAllItems } from '../transport';
import type { ErrorContext } from '../transport/errors';
import type { OperationValues, ResourceValue } from './generated';
import { operations } from './generated';

/** An ID (checked), a list of IDs (sent separated by commas), or `{ text }`: a name, not an ID. */
type PathValue = string | number | readonly string[] | { text: string };

/** What a call sends besides the row's own facts. */
export interface CallValues extends Omit<QlikRequest, 'method' | 'path' | 'tier' | 'route'> {
	/** The path template's values by name, e.g. `{ reloadId }`. */
	path?: Record<string, PathValue>;
}

/**
 * One generated operation: call it (`api.reload.get.call(this, { path: { reloadId } }, …)`) to
 * send its request; `request` only builds the request.
 */
export interface ApiOperation {
	<T = unknown>(
		this: QlikContext,
		values?: CallValues,
		settings?: TransportSettings,
		errorContext?: ErrorContext,
	): Promise<QlikResponse<T>>;
	/** The row itself (for its path template, tier, fields). */
	readonly row: OperationSpec;
	/** The request for these values, for callers that page by themselves (list search). */
	request(this: QlikContext, values?: CallValues, errorContext?: ErrorContext): QlikRequest;
	/** Every item of the list (or up to `limits.limit`), paged as the row says. */
	all(
		this: QlikContext,
		values?: CallValues,
		limits?: PageLimits,
		settings?: TransportSettings,
		errorContext?: ErrorContext,
	): Promise<unknown[]>;
}

/** How a list pages, as its row says: page size, its query parameter, where items are. */
export type Paging = Pick<PageOptions, 'maxPageSize' | 'limitParam' | 'single' | 'itemsKey'>;

/** What a caller adds to a list's own paging: a limit, or when to stop. */
export type PageLimits = Omit<PageOptions, keyof Paging>;

/** The paging of a response (100 a page for a row that is not a documented list). */
export function pagingOf(response: ResponseSpec): Paging {
	if (response.kind !== 'list') return { maxPageSize: 100 };
	const { maxPageSize, limitParam, single, itemsKey } = response;
	return { maxPageSize, limitParam, single, itemsKey };
}

/** resource → operation value → row. Typed loosely today; a typed registry narrows the keys. */
export type Registry = Record<string, Record<string, OperationSpec>>;

export type Api<R extends Registry> = {
	readonly [Res in keyof R]: { readonly [Op in keyof R[Res]]: ApiOperation };
};

function encodePathValue(
	ctx: QlikContext,
	row: OperationSpec,
	name: string,
	raw: PathValue,
	itemIndex: number,
): string {
	const spec = row.pathParams?.find((p) => p.name === name);
	const label = spec?.label ?? name;
	const example = spec?.example ?? 'an ID from Qlik Cloud';
	const id = (v: unknown) =>
		encodeURIComponent(checkId(ctx as IExecuteFunctions, v, label, itemIndex, example));
	/** A name or one part of a file path: anything URL normalisation leaves as it is. */
	const segment = (v: string) => {
		const problem = segmentProblem(v);
		if (problem !== undefined) {
			throw new NodeOperationError(ctx.getNode(), `The "${label}" parameter ${problem}`, {
				itemIndex,
				description: `Give the ${label.toLowerCase()} itself: "${v.slice(0, 80)}" cannot be sent in a URL path as it is.`,
			});
		}
		return encodeURIComponent(v);
	};
	if (Array.isArray(raw)) return raw.map(id).join(',');
	if (typeof raw === 'object' && 'text' in raw) return segment(raw.text);
	if (spec?.kind === 'path') {
		const parts = String(raw).split('/').filter(Boolean);
		return (parts.length ? parts : ['']).map(segment).join('/');
	}
	if (spec?.kind === 'text') return segment(String(raw));
	return id(raw);
}

function operationOf(resource: string, value: string, row: OperationSpec): ApiOperation {
	const route = `${row.method} ${row.path}`;
	const names = [...row.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
	function request(this: QlikContext, values: CallValues = {}, errorContext: ErrorContext = {}) {
		const { path: pathValues = {}, ...rest } = values;
		const path = row.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
			if (!Object.prototype.hasOwnProperty.call(pathValues, name)) {
				throw new Error(`api.${resource}.${value}: no value for {${name}} of ${route}`);
			}
			return encodePathValue(this, row, name, pathValues[name], errorContext.itemIndex ?? 0);
		});
		const unknown = Object.keys(pathValues).filter((k) => !names.includes(k));
		if (unknown.length) {
			throw new Error(`api.${resource}.${value}: ${route} has no {${unknown.join('}, {')}}`);
		}
		return { ...rest, method: row.method, path, tier: row.tier, route } as QlikRequest;
	}
	async function send<T>(
		this: QlikContext,
		values?: CallValues,
		settings?: TransportSettings,
		errorContext?: ErrorContext,
	): Promise<QlikResponse<T>> {
		const sent = request.call(this, values, errorContext);
		return (await qlikApiRequest.call(this, sent, settings, errorContext)) as QlikResponse<T>;
	}
	async function all(
		this: QlikContext,
		values?: CallValues,
		limits: PageLimits = {},
		settings?: TransportSettings,
		errorContext?: ErrorContext,
	): Promise<unknown[]> {
		const sent = request.call(this, values, errorContext);
		const page = { ...pagingOf(row.response), ...limits };
		return await qlikApiRequestAllItems.call(this, sent, page, settings, errorContext);
	}
	return Object.assign(send, { row, request, all });
}

/** The callable operations of a registry of rows. */
export function buildApi<R extends Registry>(registry: R): Api<R> {
	return Object.fromEntries(
		Object.entries(registry).map(([resource, rows]) => [
			resource,
			Object.fromEntries(
				Object.entries(rows).map(([value, row]) => [value, operationOf(resource, value, row)]),
			),
		]),
	) as Api<R>;
}

/** The generated rows by resource and operation value (Qlik's facts, before any curation). */
export const registry = operations satisfies Registry;

export const api = buildApi(registry);

/** A generated row by resource and operation value; an unknown one fails when the module loads. */
export function rowOf<R extends ResourceValue>(
	resource: R,
	operation: OperationValues[R],
): OperationSpec {
	const row = (registry as Registry)[resource]?.[operation];
	if (!row) throw new Error(`No generated operation ${resource}.${operation}`);
	return row;
}
