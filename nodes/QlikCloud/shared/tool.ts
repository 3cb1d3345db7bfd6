/**
 * The node as an AI agent's tool (n8n's *Qlik Cloud Tool*, and tools behind n8n's MCP Server
 * Trigger): what it answers goes into a model's context, so the answer is bounded. A list stops
 * at a small number of items, each item is trimmed (no `links` or `meta`, long text and long
 * arrays cut, deep objects summarised), and operations that read or write n8n files are refused:
 * a tool has no input binary and its binary output never reaches the model.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationSpec } from './types';
import { logTail } from './wait';

export const DEFAULT_TOOL_ITEM_LIMIT = 20;

/** Bounds on one trimmed item. */
export const TOOL_TRIM = {
	/** Keys dropped from every object: navigation links and per-object metadata. */
	droppedKeys: ['links', 'meta'],
	/** Nesting below this depth is summarised (the item itself is depth 0; a data set's field type properties are at 5). */
	maxDepth: 6,
	maxArrayItems: 50,
	maxStringLength: 1000,
	/** Keys whose text is a log: its end (where errors are) is kept rather than its start. */
	tailKeys: ['log'],
} as const;

/**
 * Whether the node runs as a tool. n8n derives the tool node type by appending `Tool` to the
 * node's name, and its `@tool` display option reads that same suffix; the type name is set
 * whichever way the tool is called (an agent's request, a supply-data context, an MCP client).
 */
export function isToolRun(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** Shown only on the tool (n8n's `@tool` display option): how many results the model gets. */
export const toolItemLimitProperty: INodeProperties = {
	displayName: 'Most Results for the Agent',
	name: 'toolItemLimit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TOOL_ITEM_LIMIT,
	description:
		"The most items one call of this tool returns, each trimmed of links and deep detail, so that a long list does not fill the model's context",
	displayOptions: { show: { '@tool': [true] } },
};

/** The most items a tool run outputs, or undefined when the node does not run as a tool. */
export function toolItemLimit(ctx: IExecuteFunctions): number | undefined {
	if (!isToolRun(ctx)) return undefined;
	const raw = ctx.getNodeParameter('toolItemLimit', 0, DEFAULT_TOOL_ITEM_LIMIT);
	const limit = Math.floor(Number(raw));
	return Number.isFinite(limit) && limit >= 1 ? limit : DEFAULT_TOOL_ITEM_LIMIT;
}

/** What an operation that uses n8n files does that a tool cannot (for its error and its description). */
export const FILE_USE = {
	reads: 'sends a file from n8n',
	writes: 'answers with a file',
} as const;

/** Whether an operation reads a file from n8n's binary data or outputs one. */
export function fileUse(spec: OperationSpec): keyof typeof FILE_USE | undefined {
	if (spec.response.kind === 'binary') return 'writes';
	const body = spec.body;
	if (!body) return undefined;
	if (body.kind === 'binary') return 'reads';
	const fields = body.kind === 'raw' ? [body.field] : body.fields;
	return fields.some((f) => f.type === 'binary') ? 'reads' : undefined;
}

/** Refuses, before any request, an operation a tool cannot carry out. */
export function assertToolCanRun(ctx: IExecuteFunctions, spec: OperationSpec): void {
	const use = fileUse(spec);
	if (!use || !isToolRun(ctx)) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`This operation ${FILE_USE[use]}, which an AI tool cannot ${use === 'reads' ? 'give' : 'pass on'}`,
		{
			description:
				'Use the Qlik Cloud node in a workflow for files (it reads and writes n8n binary data), or pick an operation that works with IDs and JSON.',
		},
	);
}

function trimString(text: string, key: string): string {
	const max = TOOL_TRIM.maxStringLength;
	if ((TOOL_TRIM.tailKeys as readonly string[]).includes(key)) return logTail(text, max) ?? text;
	if (text.length <= max) return text;
	return `${text.slice(0, max)}…[${text.length - max} more characters left out]`;
}

function trimValue(value: unknown, key: string, depth: number): unknown {
	if (typeof value === 'string') return trimString(value, key);
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		if (depth >= TOOL_TRIM.maxDepth) return `[list of ${value.length}]`;
		const kept = value.slice(0, TOOL_TRIM.maxArrayItems).map((v) => trimValue(v, key, depth + 1));
		const more = value.length - kept.length;
		return more > 0 ? [...kept, `[${more} more left out]`] : kept;
	}
	const keys = Object.keys(value).filter(
		(k) => !(TOOL_TRIM.droppedKeys as readonly string[]).includes(k),
	);
	if (depth >= TOOL_TRIM.maxDepth) return `[object with ${keys.length} fields]`;
	const trimmed: IDataObject = {};
	for (const k of keys) {
		trimmed[k] = trimValue((value as IDataObject)[k], k, depth + 1) as IDataObject[string];
	}
	return trimmed;
}

/** One output object trimmed for a model's context. */
export function trimForTool(json: IDataObject): IDataObject {
	return trimValue(json, '', 0) as IDataObject;
}

/**
 * A tool run's output: at most `limit` items, each trimmed, and when items were left out a last
 * item that says so and how to narrow the request.
 */
export function boundToolOutput(items: INodeExecutionData[], limit: number): INodeExecutionData[] {
	const kept = items.slice(0, limit).map((item) => ({ ...item, json: trimForTool(item.json) }));
	if (items.length <= limit) return kept;
	return [
		...kept,
		{
			json: {
				moreResults: true,
				note: `Only the first ${limit} results are shown. Narrow the request with a filter, or ask for fewer.`,
			},
			pairedItem: kept[kept.length - 1]?.pairedItem,
		},
	];
}
