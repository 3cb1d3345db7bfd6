import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TransportSettings } from '../transport';
import { qlikApiRequest } from '../transport';
import { asNodeError, toNodeApiError } from '../transport/errors';
import { ID_RULE, isId } from './ids';
import type { HttpMethod, QlikErrorEntry, RateTier } from './types';

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

export interface BatchOperation {
	/** What one ID names, for messages: `Data file`. */
	subject: string;
	method: HttpMethod;
	path: string;
	tier: RateTier;
	/** Reads and checks one input item; throws NodeOperationError for bad input. */
	read(i: number): IDataObject & { id: string };
	/** The request body for one batch of entries. */
	body(entries: IDataObject[]): IDataObject;
	/** The output of an item that succeeded. */
	output(entry: IDataObject, answer: BatchAnswer): IDataObject;
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

/**
 * Runs a batch action for all input items: reads every item first (bad input fails before any
 * request), sends one request per batch of `batchSize`, and gives each item the entry of the 207
 * answer with its ID. A failed entry fails its item with Qlik's title and detail (an error item
 * with continue-on-fail); a failed request fails every item of its batch. Without
 * continue-on-fail, no batch is sent after the one where an item failed.
 */
export async function runBatches(
	ctx: IExecuteFunctions,
	settings: TransportSettings,
	op: BatchOperation,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const targets: Array<{ index: number; entry: IDataObject & { id: string } }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			targets.push({ index: i, entry: op.read(i) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
			results[i] = errorItem(error as Error, i);
		}
	}
	const size = Math.max(
		1,
		Math.floor(Number(ctx.getNodeParameter('batchSize', 0, DEFAULT_BATCH_SIZE))),
	);

	for (let start = 0; start < targets.length; start += size) {
		const batch = targets.slice(start, start + size);
		let answers: BatchAnswer[];
		try {
			const { body } = await qlikApiRequest.call(
				ctx,
				{
					method: op.method,
					path: op.path,
					tier: op.tier,
					route: `${op.method} ${op.path}`,
					body: op.body(batch.map((t) => t.entry)),
				},
				settings,
				{ itemIndex: batch[0].index },
			);
			const data = (body as IDataObject | undefined)?.data;
			answers = Array.isArray(data) ? (data as BatchAnswer[]) : [];
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error);
			for (const t of batch)
				results[t.index] = errorItem(error as Error, t.index, { id: t.entry.id });
			continue;
		}
		const byId = new Map<string, BatchAnswer[]>();
		for (const answer of answers) {
			const key = String(answer.id);
			byId.set(key, [...(byId.get(key) ?? []), answer]);
		}
		let failed: Error | undefined;
		for (const { index, entry } of batch) {
			const queue = byId.get(entry.id);
			const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
			const status = Number(answer?.status ?? answer?.error?.status);
			if (answer && Number.isFinite(status) && status < 300) {
				results[index] = { json: op.output(entry, answer), pairedItem: { item: index } };
				continue;
			}
			const error = answer
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
			if (continueOnFail) results[index] = errorItem(error, index, { id: entry.id });
			else failed = failed ?? error;
		}
		if (failed) throw asNodeError(ctx.getNode(), failed);
	}
	return results.filter((r): r is INodeExecutionData => r !== undefined);
}
