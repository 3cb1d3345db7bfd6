import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiOperation } from '../actions/api';
import type { TransportSettings } from '../transport';
import { asNodeError, toNodeApiError } from '../transport/errors';
import type { OperationSpec, QlikErrorEntry } from './types';
import { ID_RULE, isId } from './ids';

/** Qlik documents no maximum batch size for its batch actions; 100 keeps each request small. */
export const DEFAULT_BATCH_SIZE = 100;

/** The Batch Size field of every batch operation. */
export function batchSizeProperty(what: string): INodeProperties {
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: DEFAULT_BATCH_SIZE,
		description: `How many ${what} to send in one request. The input items are grouped into batches of this size; each item gets its own result.`,
	};
}

/** One input item's ID field, by default the input item's own `id`. */
export function idProperty(options: {
	name: string;
	displayName: string;
	what: string;
	example: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'string',
		required: true,
		default: '={{ $json.id }}',
		placeholder: `e.g. ${options.example}`,
		description: `The ID of the ${options.what} of each input item (one per item): by default the input item's ID field`,
	};
}

/** One entry of a 207 answer: data-files' MultiStatusResponse or data-connections' BulkResponse. */
export interface BatchAnswer {
	id?: string;
	status?: number | string;
	code?: string;
	title?: string;
	detail?: string;
	error?: QlikErrorEntry;
}

/** A trimmed ID read from a parameter, or a NodeOperationError naming the parameter. */
export function readId(
	ctx: IExecuteFunctions,
	param: string,
	label: string,
	i: number,
	example: string,
): string {
	const raw = ctx.getNodeParameter(param, i, '', { extractValue: true }) as unknown;
	return checkId(ctx, raw, label, i, example);
}

/** A trimmed ID, or a NodeOperationError naming the parameter it came from. */
export function checkId(
	ctx: IExecuteFunctions,
	raw: unknown,
	label: string,
	i: number,
	example: string,
): string {
	const value = typeof raw === 'number' ? String(raw) : raw;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `The "${label}" parameter is empty`, {
			itemIndex: i,
			description: `Give the ID of each item, e.g. ${example}, or map the input field that holds it.`,
		});
	}
	const id = value.trim();
	if (!isId(id)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The "${label}" parameter is not a valid ID: "${id.slice(0, 80)}"`,
			{
				itemIndex: i,
				description: `${ID_RULE}, e.g. ${example}.`,
			},
		);
	}
	return id;
}

/** The output item of a failed input item under continue-on-fail: the message, the description
 * and what identifies it (e.g. its ID). */
export function errorItem(
	error: Error & { description?: string | null },
	i: number,
	extra: IDataObject = {},
): INodeExecutionData {
	return {
		json: {
			error: error.message,
			...(error.description ? { description: error.description } : {}),
			...extra,
		},
		pairedItem: { item: i },
	};
}

/** An input item of a batch: its index and what was read from it. */
export interface BatchItem<T> {
	index: number;
	entry: T;
}

/** What a batch operation does with its items; `runBatches` does the rest. */
export interface BatchJob<T> {
	/** Reads and checks one input item; throws NodeOperationError for bad input. */
	read(i: number): T;
	/** What an item's error output carries to identify it, e.g. `{ id }`. */
	identify(entry?: T): IDataObject;
	/** Sends one batch: for each of its items, in order, its output or the error that fails it. */
	send(batch: Array<BatchItem<T>>): Promise<Array<IDataObject | Error>>;
}

/**
 * The one batch runner: reads every input item first (bad input fails before any request), then
 * sends one request per Batch Size items, and pairs each item with its own output or error (an
 * error item with continue-on-fail). A failed request fails every item of its batch. Without
 * continue-on-fail, no batch is sent after the one where an item failed.
 */
export async function runBatches<T>(
	ctx: IExecuteFunctions,
	job: BatchJob<T>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const targets: Array<BatchItem<T>> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			targets.push({ index: i, entry: job.read(i) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
			results[i] = errorItem(error as Error, i, job.identify());
		}
	}
	const size = Math.max(
		1,
		Math.floor(Number(ctx.getNodeParameter('batchSize', 0, DEFAULT_BATCH_SIZE))),
	);
	for (let start = 0; start < targets.length; start += size) {
		const batch = targets.slice(start, start + size);
		let outcomes: Array<IDataObject | Error>;
		try {
			outcomes = await job.send(batch);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
			for (const t of batch)
				results[t.index] = errorItem(error as Error, t.index, job.identify(t.entry));
			continue;
		}
		let failed: Error | undefined;
		batch.forEach(({ index, entry }, k) => {
			const outcome = outcomes[k];
			if (!(outcome instanceof Error)) {
				results[index] = { json: outcome, pairedItem: { item: index } };
			} else if (continueOnFail) {
				results[index] = errorItem(outcome, index, job.identify(entry));
			} else failed = failed ?? outcome;
		});
		if (failed) throw asNodeError(ctx.getNode(), failed);
	}
	return results.filter((r): r is INodeExecutionData => r !== undefined);
}

/** The row of a batch operation: a generated row's facts, run once for all input items. */
export function batchOperation<T>(
	facts: Pick<OperationSpec, 'method' | 'path' | 'tier' | 'response'>,
	job: (ctx: IExecuteFunctions, settings: TransportSettings) => BatchJob<T>,
): OperationSpec {
	return {
		...facts,
		async executeAll(_spec, settings) {
			return await runBatches(this, job(this, settings));
		},
	};
}

/** A batch action answered 207 with an entry per ID (data-files' and data-connections'). */
export interface EntryBatch {
	/** What one ID names, for messages: `Data file`. */
	subject: string;
	operation: ApiOperation;
	/** Reads and checks one input item; throws NodeOperationError for bad input. */
	read(i: number): IDataObject & { id: string };
	/** The request body for one batch of entries. */
	body(entries: IDataObject[]): IDataObject;
	/** The output of an item that succeeded. */
	output(entry: IDataObject, answer: BatchAnswer): IDataObject;
}

/**
 * Each item gets the entry of the 207 answer with its ID; a failed entry fails its item with
 * Qlik's title and detail.
 */
export function entryBatch(
	ctx: IExecuteFunctions,
	settings: TransportSettings,
	op: EntryBatch,
): BatchJob<IDataObject & { id: string }> {
	return {
		read: op.read,
		identify: (entry) => (entry ? { id: entry.id } : {}),
		async send(batch) {
			const { body } = await op.operation.call(
				ctx,
				{ body: op.body(batch.map((t) => t.entry)) },
				settings,
				{ itemIndex: batch[0].index },
			);
			const data = (body as IDataObject | undefined)?.data;
			const answers = Array.isArray(data) ? (data as BatchAnswer[]) : [];
			const byId = new Map<string, BatchAnswer[]>();
			for (const answer of answers) {
				const key = String(answer.id);
				byId.set(key, [...(byId.get(key) ?? []), answer]);
			}
			return batch.map(({ index, entry }) => {
				const queue = byId.get(entry.id);
				const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
				const status = Number(answer?.status ?? answer?.error?.status);
				if (answer && Number.isFinite(status) && status < 300) return op.output(entry, answer);
				return answer
					? toNodeApiError(
							ctx.getNode(),
							{
								status: Number.isFinite(status) ? status : undefined,
								headers: {},
								body: {
									errors: [
										{
											code: answer.code ?? answer.error?.code,
											title: answer.title ?? answer.error?.title,
											detail: answer.detail ?? answer.error?.detail,
										},
									],
								},
								message: `${op.subject} "${entry.id}" failed`,
							},
							{ itemIndex: index, subject: `${op.subject} "${entry.id}"` },
						)
					: new NodeOperationError(
							ctx.getNode(),
							`Qlik Cloud gave no result for ${op.subject.toLowerCase()} "${entry.id}"`,
							{
								itemIndex: index,
								description:
									'The batch answer had no entry for this ID; check whether the change took place.',
							},
						);
			});
		},
	};
}

/** A batch delete answered as a whole (the catalog's): a 404 when any ID is unknown. */
export interface IdBatch {
	/** `Data set`: what one ID names, for messages. */
	subject: string;
	/** Deletes a set of IDs in one request. */
	send(ids: string[], itemIndex: number): Promise<unknown>;
	/** The Get of one ID: how an unknown ID is told from a known one after a 404. */
	exists: ApiOperation;
	/** The IDs of one input item. */
	read(i: number): string[];
	/** The output of an item whose IDs were deleted. */
	output(ids: string[]): IDataObject;
}

/**
 * Qlik deletes such a batch only when every ID exists. After a 404 the node asks which IDs
 * exist (one GET each) and, with Continue On Fail, deletes the known ones in one request and
 * gives the items with unknown IDs an error; without it, it fails naming the unknown IDs and
 * deletes nothing.
 */
export function idBatch(
	ctx: IExecuteFunctions,
	settings: TransportSettings,
	op: IdBatch,
): BatchJob<string[]> {
	const continueOnFail = ctx.continueOnFail();
	const idName = op.exists.row.pathParams?.[0]?.name ?? 'id';
	return {
		read: op.read,
		identify: (ids) => ({ ids: ids ?? [] }),
		async send(batch) {
			const itemIndex = batch[0].index;
			const ids = [...new Set(batch.flatMap((t) => t.entry))];
			try {
				await op.send(ids, itemIndex);
				return batch.map((t) => op.output(t.entry));
			} catch (error) {
				if ((error as NodeApiError).httpCode !== '404') throw asNodeError(ctx.getNode(), error);
			}
			// A 404: find the unknown IDs.
			const unknown = new Set<string>();
			for (const id of ids) {
				try {
					await op.exists.call(ctx, { path: { [idName]: id } }, settings, { itemIndex });
				} catch (error) {
					if ((error as NodeApiError).httpCode === '404') unknown.add(id);
					else if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
				}
			}
			const missing = (entry: string[]) => entry.filter((id) => unknown.has(id));
			const notFound = (t: BatchItem<string[]>) =>
				new NodeOperationError(
					ctx.getNode(),
					`${op.subject} ${missing(t.entry)
						.map((id) => `"${id}"`)
						.join(', ')} not found`,
					{
						itemIndex: t.index,
						description: continueOnFail
							? 'Qlik Cloud has no such ID; the other IDs of the batch were deleted.'
							: 'Qlik Cloud has no such ID. Nothing was deleted: Qlik deletes a batch only when every ID exists. Remove the ID, or turn on Continue On Fail to delete the others.',
					},
				);
			if (!continueOnFail) {
				const first = batch.find((t) => missing(t.entry).length > 0);
				if (first) throw notFound(first);
				throw new NodeOperationError(ctx.getNode(), `${op.subject}: Qlik Cloud answered 404`);
			}
			const known = ids.filter((id) => !unknown.has(id));
			let failure: Error | undefined;
			if (known.length) {
				try {
					await op.send(known, itemIndex);
				} catch (error) {
					failure = error as Error;
				}
			}
			return batch.map((t) =>
				missing(t.entry).length ? notFound(t) : (failure ?? op.output(t.entry)),
			);
		},
	};
}
