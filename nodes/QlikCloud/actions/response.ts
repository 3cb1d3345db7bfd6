/**
 * Output items by response kind: one handler per `ResponseSpec` kind (it sends the request and
 * shapes the answer), so that a new kind does not compile until it has one.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ResponseSpec } from '../shared/types';
import type { QlikRequest, QlikResponse, TransportSettings } from '../transport';
import { qlikApiRequest, qlikApiRequestAllItems } from '../transport';
import type { ErrorContext } from '../transport/errors';
import { isId } from '../shared/ids';
import { pagingOf, rowOf } from './api';
import { toolItemLimit } from '../shared/tool';
import { outputFileFieldOf } from './output';
import { simplifiedIfAsked } from './simplify';

/** Where temporary files are: Temp Content → Download's path without its ID. */
const TEMP_CONTENTS = rowOf('tempContent', 'download').path.replace(/\{[^}]+\}$/, '');

/** The ID of the temporary file a Location names (`…/temp-contents/{id}`), if it names one. */
function tempContentIdOf(location: string): string | undefined {
	const at = location.indexOf(TEMP_CONTENTS);
	const id = at < 0 ? undefined : location.slice(at + TEMP_CONTENTS.length);
	return id !== undefined && isId(id) ? id : undefined;
}

/** One request of one item, ready to send. */
export interface PreparedCall {
	ctx: IExecuteFunctions;
	i: number;
	request: QlikRequest;
	settings: TransportSettings;
	errorContext: ErrorContext & { itemIndex: number };
}

type Shaper<K extends ResponseSpec['kind']> = (
	spec: Extract<ResponseSpec, { kind: K }>,
	call: PreparedCall,
) => Promise<INodeExecutionData[]>;

const out = (json: IDataObject, i: number): INodeExecutionData => ({
	json,
	pairedItem: { item: i },
});

async function send(call: PreparedCall): Promise<QlikResponse> {
	return await qlikApiRequest.call(call.ctx, call.request, call.settings, call.errorContext);
}

/** `text` percent-decoded, or as it is when it does not decode (`100%.csv`). */
function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** A download's file name: `filename*` (UTF-8, percent-encoded) before `filename`. */
function fileNameOf(headers: IDataObject, fallback: string): string {
	const disposition = String(headers['content-disposition'] ?? '');
	const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(disposition);
	if (extended) return decoded(extended[1].trim());
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
	const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
	return name ? decoded(name) : fallback;
}

/** A JSON answer: an object is one item, an array one item per element. */
async function json(spec: ResponseSpec, call: PreparedCall): Promise<INodeExecutionData[]> {
	const { ctx, i, request, errorContext } = call;
	const answer = await send(call);
	const value = answer.body;
	if (Array.isArray(value)) {
		return value.map((entry) =>
			out(
				typeof entry === 'object' && entry !== null
					? (entry as IDataObject)
					: { value: entry as string },
				i,
			),
		);
	}
	if (value === undefined || value === null || value === '') {
		if (request.method === 'GET') {
			const subject = errorContext.subject;
			throw new NodeApiError(
				ctx.getNode(),
				{ message: 'Empty answer' },
				{
					message: `Qlik Cloud answered ${answer.statusCode} with an empty body where it documents an object${subject ? ` (${subject})` : ''}`,
					description:
						'Nothing was output. Try again; if it persists, the tenant or a proxy in front of it is misbehaving.',
					itemIndex: i,
				},
			);
		}
		const location = answer.headers.location;
		return [out(location ? { location: String(location) } : { success: true }, i)];
	}
	if (typeof value !== 'object') return [out({ value: value as string }, i)];
	const simplify = spec.kind === 'object' && spec.simplify === true;
	return simplifiedIfAsked(ctx, i, [value as IDataObject], simplify).map((json) => out(json, i));
}

export const responseShapers: { [K in ResponseSpec['kind']]: Shaper<K> } = {
	async list(spec, call) {
		const { ctx, i } = call;
		const returnAll = spec.single ? true : (ctx.getNodeParameter('returnAll', i, false) as boolean);
		const asked = returnAll ? undefined : (ctx.getNodeParameter('limit', i, 50) as number);
		// A tool fetches one item more than it shows, to tell the model that more exist.
		const toolLimit = toolItemLimit(ctx);
		const limit = toolLimit === undefined ? asked : Math.min(asked ?? Infinity, toolLimit + 1);
		const items = await qlikApiRequestAllItems.call(
			ctx,
			call.request,
			{ ...pagingOf(spec), limit },
			call.settings,
			call.errorContext,
		);
		const key = spec.valueKey;
		if (key) return items.map((item) => out({ [key]: item as string }, i));
		return simplifiedIfAsked(ctx, i, items as IDataObject[], spec.simplify === true).map((json) =>
			out(json, i),
		);
	},
	async empty(spec, call) {
		// A create answered with only a Location header (temp contents, exports) says where; a
		// temporary file's ID is given apart too, for Temp Content → Download in the next node.
		const answer = await send(call);
		const location = answer.headers.location ? String(answer.headers.location) : undefined;
		const tempContentId = location && tempContentIdOf(location);
		return [
			out(
				{
					...spec.output,
					...(location ? { location } : {}),
					...(tempContentId ? { tempContentId } : {}),
				},
				call.i,
			),
		];
	},
	async binary(spec, call) {
		// The answer is a stream: n8n writes it to its binary store without holding it whole.
		// The output item is the input item with the file added under the chosen field.
		const { ctx, i, request } = call;
		const field = outputFileFieldOf(ctx, i);
		const answer = await send({ ...call, request: { ...request, encoding: 'stream' } });
		const data = answer.body as Parameters<typeof ctx.helpers.prepareBinaryData>[0] | string;
		const mimeType = String(
			answer.headers['content-type'] ?? spec.mimeType ?? 'application/octet-stream',
		).split(';')[0];
		const path = request.path.split('?')[0];
		const fallbackName = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? 'file');
		const binary = await ctx.helpers.prepareBinaryData(
			typeof data === 'string' || data === undefined || data === null
				? Buffer.from(data ?? '')
				: data,
			fileNameOf(answer.headers, fallbackName),
			mimeType,
		);
		const length = Number(answer.headers['content-length']);
		const bytes = (binary as { bytes?: number }).bytes;
		const fileSize = Number.isFinite(length) ? length : bytes;
		const input = ctx.getInputData()[i];
		return [
			{
				json: {
					...(input?.json ?? {}),
					fileName: binary.fileName,
					mimeType,
					...(fileSize !== undefined ? { fileSize } : {}),
				},
				binary: { ...(input?.binary ?? {}), [field]: binary },
				pairedItem: { item: i },
			},
		];
	},
	async text(_spec, call) {
		const answer = await send({ ...call, request: { ...call.request, encoding: 'text' } });
		return [
			out(
				{ text: typeof answer.body === 'string' ? answer.body : String(answer.body ?? '') },
				call.i,
			),
		];
	},
	object: json,
	array: json,
};

/** Sends the request of one item and makes its output items, as the row's response kind says. */
export async function shapeResponse(
	spec: ResponseSpec,
	call: PreparedCall,
): Promise<INodeExecutionData[]> {
	return await (responseShapers[spec.kind] as Shaper<typeof spec.kind>)(spec as never, call);
}
