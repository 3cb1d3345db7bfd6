import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BodySpec, FieldSpec, OperationSpec, PathParamSpec } from '../shared/types';
import type { QlikRequest, TransportSettings } from '../transport';
import { qlikApiRequest, qlikApiRequestAllItems } from '../transport';
import { multipartBody } from '../transport/multipart';
import { fileBody, readUploadFile } from '../transport/upload';
import { requiredJsonBody } from '../transport/requiredBody';

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function invalid(ctx: IExecuteFunctions, i: number, label: string, problem: string, fix: string) {
	return new NodeOperationError(ctx.getNode(), `The "${label}" parameter ${problem}`, {
		itemIndex: i,
		description: fix,
	});
}

function readParam(ctx: IExecuteFunctions, param: string, i: number): unknown {
	const [top, key] = param.split('.', 2);
	if (key === undefined) {
		return ctx.getNodeParameter(top, i, undefined, { extractValue: true });
	}
	const collection = ctx.getNodeParameter(top, i, {}) as IDataObject;
	return collection?.[key];
}

/** A path parameter's value, checked and encoded for the URL. */
function readPathParam(ctx: IExecuteFunctions, spec: PathParamSpec, i: number): string {
	const raw = readParam(ctx, spec.param ?? spec.name, i);
	const value = typeof raw === 'number' ? String(raw) : raw;
	const example = spec.example ? ` (e.g. ${spec.example})` : '';
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalid(
			ctx,
			i,
			spec.label,
			'is empty',
			`Pick the ${spec.label.toLowerCase()} from the list or paste its ID${example}.`,
		);
	}
	const id = value.trim();
	if (spec.enum && !spec.enum.includes(id)) {
		throw invalid(
			ctx,
			i,
			spec.label,
			`has an unknown value "${id}"`,
			`Use one of: ${spec.enum.join(', ')}.`,
		);
	}
	if (spec.kind === 'path') {
		if (id.split('/').some((segment) => segment === '..' || segment === '.')) {
			throw invalid(
				ctx,
				i,
				spec.label,
				`must not contain "." or ".." segments: "${id.slice(0, 80)}"`,
				'Give the path from the top folder, e.g. images/logo.png.',
			);
		}
		return id.split('/').filter(Boolean).map(encodeURIComponent).join('/');
	}
	if (spec.kind === 'text') {
		if (id.includes('/')) {
			throw invalid(
				ctx,
				i,
				spec.label,
				`must not contain "/": "${id.slice(0, 80)}"`,
				'Enter the value alone, not a path or URL.',
			);
		}
		return encodeURIComponent(id);
	}
	if (!/^[A-Za-z0-9._~:@-]+$/.test(id) || id.length > 256) {
		throw invalid(
			ctx,
			i,
			spec.label,
			`is not a valid ID: "${id.slice(0, 80)}"`,
			`An ID has only letters, digits, '-', '_', '.', ':', '@' and '~'${example}. Pick the ${spec.label.toLowerCase()} from the list instead.`,
		);
	}
	return encodeURIComponent(id);
}

/** A JSON parameter's value: parsed when the editor gave text. */
function parseJson(
	ctx: IExecuteFunctions,
	field: FieldSpec,
	value: unknown,
	i: number,
	example: string,
): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw invalid(
			ctx,
			i,
			field.label,
			`is not valid JSON: ${(error as Error).message}`,
			`Fix the JSON, e.g. ${example}.`,
		);
	}
}

/** Reads, checks and converts one value; undefined when the user left it empty. */
function readField(ctx: IExecuteFunctions, field: FieldSpec, i: number): unknown {
	let value = readParam(ctx, field.param ?? field.name, i);
	if (isEmpty(value)) {
		if (field.required) {
			throw invalid(ctx, i, field.label, 'is required', `Enter a value for "${field.label}".`);
		}
		return undefined;
	}
	switch (field.type) {
		case 'integer':
		case 'number': {
			const n = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) {
				throw invalid(
					ctx,
					i,
					field.label,
					`must be ${field.type === 'integer' ? 'a whole number' : 'a number'}, not "${String(value)}"`,
					'Enter a number.',
				);
			}
			value = n;
			break;
		}
		case 'boolean':
			if (typeof value !== 'boolean') {
				if (value === 'true' || value === 'false') value = value === 'true';
				else
					throw invalid(
						ctx,
						i,
						field.label,
						`must be true or false, not "${String(value)}"`,
						'Use the toggle or true/false.',
					);
			}
			if (field.whenTrue !== undefined) return value ? field.whenTrue : undefined;
			break;
		case 'array':
			if (typeof value === 'string') {
				value = value
					.split(',')
					.map((v) => v.trim())
					.filter((v) => v !== '');
			}
			if (!Array.isArray(value)) {
				throw invalid(
					ctx,
					i,
					field.label,
					'must be a list',
					'Pick one or more values, or enter them separated by commas.',
				);
			}
			if (field.items === 'integer' || field.items === 'number') {
				const numbers = (value as unknown[]).map((v) => Number(v));
				const bad = numbers.findIndex((n) => !Number.isFinite(n));
				if (bad >= 0) {
					throw invalid(
						ctx,
						i,
						field.label,
						`has a value that is not a number: "${String((value as unknown[])[bad])}"`,
						'Enter numbers separated by commas.',
					);
				}
				value = numbers;
			}
			break;
		case 'json':
			value = parseJson(ctx, field, value, i, '[{"key": "value"}]');
			break;
		case 'binary':
			value = String(value).trim();
			break;
		case 'object':
			value = parseJson(ctx, field, value, i, '{"key": "value"}');
			if (typeof value !== 'object' || value === null) {
				throw invalid(
					ctx,
					i,
					field.label,
					'must be a JSON object',
					'Enter a JSON object, e.g. {"key": "value"}.',
				);
			}
			break;
		default:
			value = typeof value === 'string' ? value : String(value);
	}
	if (field.enum) {
		const allowed = field.enum;
		const values = Array.isArray(value) ? value : [value];
		const wrong = values.find((v) => !allowed.includes(String(v)));
		if (wrong !== undefined) {
			throw invalid(
				ctx,
				i,
				field.label,
				`has an unknown value "${String(wrong)}"`,
				`Use one of: ${allowed.join(', ')}.`,
			);
		}
	}
	if (typeof value === 'string') {
		if (field.maxLength !== undefined && value.length > field.maxLength) {
			throw invalid(
				ctx,
				i,
				field.label,
				`is longer than ${field.maxLength} characters`,
				'Shorten it.',
			);
		}
		if (field.forbiddenCharacters) {
			const bad = [...value].find((c) => field.forbiddenCharacters!.includes(c));
			if (bad !== undefined) {
				throw invalid(
					ctx,
					i,
					field.label,
					`must not contain "${bad}"`,
					`Remove these characters: ${field.forbiddenCharacters.split('').join(' ')}`,
				);
			}
		}
	}
	return value;
}

function readFields(
	ctx: IExecuteFunctions,
	fields: FieldSpec[] | undefined,
	i: number,
): IDataObject {
	const out: IDataObject = {};
	let extra: IDataObject = {};
	for (const field of fields ?? []) {
		const value = readField(ctx, field, i);
		if (value === undefined) continue;
		if (field.spread) extra = { ...extra, ...(value as IDataObject) };
		else out[field.name] = value as IDataObject[keyof IDataObject];
	}
	return { ...extra, ...out };
}

interface Body {
	body?: QlikRequest['body'];
	bodyFactory?: QlikRequest['bodyFactory'];
	headers?: IDataObject;
}

/** A file from the item's binary property: its bytes, name and type. */
async function readBinary(ctx: IExecuteFunctions, field: FieldSpec, i: number) {
	const property = readField(ctx, field, i) as string | undefined;
	if (!property) return undefined;
	const item = ctx.getInputData()[i];
	if (!item?.binary?.[property]) {
		const present = Object.keys(item?.binary ?? {});
		throw invalid(
			ctx,
			i,
			field.label,
			`names "${property}", but the input item has no binary field of that name`,
			present.length
				? `Use one of the item's binary fields: ${present.join(', ')}.`
				: 'Add a node before this one that reads or downloads the file (e.g. Read/Write Files from Disk, HTTP Request).',
		);
	}
	const binary = ctx.helpers.assertBinaryData(i, property);
	const data = await ctx.helpers.getBinaryDataBuffer(i, property);
	return { data, fileName: binary.fileName ?? property, mimeType: binary.mimeType };
}

async function buildBody(
	ctx: IExecuteFunctions,
	spec: BodySpec | undefined,
	i: number,
): Promise<Body> {
	if (!spec) return {};
	const contentType = (type?: string) => (type ? { 'Content-Type': type } : undefined);
	switch (spec.kind) {
		case 'raw': {
			const value = readField(ctx, spec.field, i) as IDataObject | IDataObject[] | undefined;
			return { body: value, headers: contentType(spec.contentType) };
		}
		case 'binary': {
			// Streamed from n8n's binary store (a new stream per attempt), never read whole.
			const property = readField(ctx, spec.field, i) as string | undefined;
			if (!property) return { headers: contentType(spec.contentType) };
			const file = await readUploadFile(ctx, i, property, spec.field.label);
			const { bodyFactory, headers } = fileBody(file);
			return { bodyFactory, headers: { ...headers, ...contentType(spec.contentType) } };
		}
		case 'multipart': {
			const parts = [];
			for (const field of spec.fields) {
				if (field.type === 'binary') {
					const file = await readBinary(ctx, field, i);
					if (file) parts.push({ name: field.name, ...file });
					else if (field.required) {
						throw invalid(
							ctx,
							i,
							field.label,
							'is required',
							'Name the binary field that holds the file.',
						);
					}
					continue;
				}
				const value = readField(ctx, field, i);
				if (value === undefined) continue;
				parts.push({
					name: field.name,
					data: typeof value === 'string' ? value : JSON.stringify(value),
					mimeType: typeof value === 'object' ? 'application/json' : undefined,
				});
			}
			const { body, contentType: type } = multipartBody(parts);
			return { body, headers: { 'Content-Type': type } };
		}
		case 'jsonPatch': {
			const values = readFields(ctx, spec.fields, i);
			const ops = Object.entries(values).map(([name, value]) => ({
				op: 'replace',
				path: `/${name}`,
				value,
			}));
			if (ops.length === 0) {
				throw new NodeOperationError(ctx.getNode(), 'Nothing to update: "Update Fields" is empty', {
					itemIndex: i,
					description: 'Add at least one field under "Update Fields".',
				});
			}
			return { body: ops as IDataObject[] };
		}
		default: {
			const values = readFields(ctx, spec.fields, i);
			if (spec.required) return requiredJsonBody(values, spec.contentType);
			return { body: values, headers: contentType(spec.contentType) };
		}
	}
}

function fileNameOf(headers: IDataObject, fallback: string): string {
	const disposition = String(headers['content-disposition'] ?? '');
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
	return match ? decodeURIComponent(match[1]) : fallback;
}

/** Runs one row of an operation table for one input item and returns its output items. */
export async function executeOperation(
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
): Promise<INodeExecutionData[]> {
	let subject: string | undefined;
	const pathValues = new Map<string, string>();
	for (const param of spec.pathParams ?? []) {
		const id = readPathParam(this, param, i);
		pathValues.set(param.name, id);
		subject = `${param.label} "${decodeURIComponent(id)}"`;
	}
	const path = spec.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValues.get(name) ?? '');
	const qs = readFields(this, spec.query, i);
	for (const [key, value] of Object.entries(qs)) {
		if (Array.isArray(value)) qs[key] = value.join(',');
	}
	const { body, bodyFactory, headers: bodyHeaders } = await buildBody(this, spec.body, i);
	const headers: IDataObject = { ...(bodyHeaders ?? {}) };
	for (const [name, value] of Object.entries(readFields(this, spec.headers, i))) {
		headers[name] = String(value);
	}
	if (body && !Array.isArray(body) && !Buffer.isBuffer(body) && typeof body.name === 'string') {
		subject = `"${body.name}"`;
	}

	const response = spec.response;
	const request: QlikRequest = {
		method: spec.method,
		path,
		tier: spec.tier,
		route: `${spec.method} ${spec.path}`,
		qs,
		body,
		...(bodyFactory ? { bodyFactory } : {}),
		headers,
		...(response.kind === 'binary' ? { encoding: 'stream' as const } : {}),
		...(response.kind === 'text' ? { encoding: 'text' as const } : {}),
	};
	const errorContext = { itemIndex: i, subject };
	const out = (json: IDataObject): INodeExecutionData => ({ json, pairedItem: { item: i } });

	if (response.kind === 'list') {
		const returnAll = response.single
			? true
			: (this.getNodeParameter('returnAll', i, false) as boolean);
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
		const items = await qlikApiRequestAllItems.call(
			this,
			request,
			{
				limit,
				maxPageSize: response.maxPageSize,
				limitParam: response.limitParam,
				single: response.single,
				itemsKey: response.itemsKey,
			},
			settings,
			errorContext,
		);
		return items.map((item) =>
			out(response.valueKey ? { [response.valueKey]: item as string } : (item as IDataObject)),
		);
	}
	const answer = await qlikApiRequest.call(this, request, settings, errorContext);
	switch (response.kind) {
		case 'empty': {
			// A create answered with only a Location header (temp contents, exports) says where.
			const location = answer.headers.location;
			return [out({ ...response.output, ...(location ? { location: String(location) } : {}) })];
		}
		case 'binary': {
			// The answer is a stream: n8n writes it to its binary store without holding it whole.
			const data = answer.body as Parameters<typeof this.helpers.prepareBinaryData>[0] | string;
			const mimeType = String(
				answer.headers['content-type'] ?? response.mimeType ?? 'application/octet-stream',
			).split(';')[0];
			const fallbackName = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? 'file');
			const binary = await this.helpers.prepareBinaryData(
				typeof data === 'string' || data === undefined || data === null
					? Buffer.from(data ?? '')
					: data,
				fileNameOf(answer.headers, fallbackName),
				mimeType,
			);
			const length = Number(answer.headers['content-length']);
			const bytes = (binary as { bytes?: number }).bytes;
			const fileSize = Number.isFinite(length) ? length : bytes;
			return [
				{
					json: {
						fileName: binary.fileName,
						mimeType,
						...(fileSize !== undefined ? { fileSize } : {}),
					},
					binary: { data: binary },
					pairedItem: { item: i },
				},
			];
		}
		case 'text':
			return [
				out({ text: typeof answer.body === 'string' ? answer.body : String(answer.body ?? '') }),
			];
		default: {
			const value = answer.body;
			if (Array.isArray(value)) {
				return value.map((entry) =>
					out(
						typeof entry === 'object' && entry !== null
							? (entry as IDataObject)
							: { value: entry as string },
					),
				);
			}
			if (value === undefined || value === null || value === '') {
				if (spec.method === 'GET') {
					throw new NodeApiError(
						this.getNode(),
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
				return [out(location ? { location: String(location) } : { success: true })];
			}
			return [out(typeof value === 'object' ? (value as IDataObject) : { value: value as string })];
		}
	}
}
