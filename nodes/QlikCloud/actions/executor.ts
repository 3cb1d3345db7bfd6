import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec, OperationSpec, PathParamSpec } from '../shared/types';
import type { TransportSettings } from '../transport';
import { qlikApiRequest, qlikApiRequestAllItems } from '../transport';

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

function readPathParam(ctx: IExecuteFunctions, spec: PathParamSpec, i: number): string {
	const raw = readParam(ctx, spec.name, i);
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
	if (!/^[A-Za-z0-9._~-]+$/.test(id) || id.length > 128) {
		throw invalid(
			ctx,
			i,
			spec.label,
			`is not a valid ID: "${id.slice(0, 80)}"`,
			`An ID has only letters, digits, '-', '_', '.' and '~'${example}. Pick the ${spec.label.toLowerCase()} from the list instead.`,
		);
	}
	return id;
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
			break;
		case 'object':
			if (typeof value === 'string') {
				try {
					value = JSON.parse(value);
				} catch (error) {
					throw invalid(
						ctx,
						i,
						field.label,
						`is not valid JSON: ${(error as Error).message}`,
						'Fix the JSON, e.g. {"key": "value"}.',
					);
				}
			}
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

function buildBody(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
): IDataObject | IDataObject[] | undefined {
	if (!spec.body) return undefined;
	const values = readFields(ctx, spec.body.fields, i);
	if (spec.body.kind === 'jsonPatch') {
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
		return ops as IDataObject[];
	}
	return values;
}

/** Runs one row of an operation table for one input item and returns the output objects. */
export async function executeOperation(
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
): Promise<IDataObject[]> {
	let subject: string | undefined;
	const pathValues = new Map<string, string>();
	for (const param of spec.pathParams ?? []) {
		const id = readPathParam(this, param, i);
		pathValues.set(param.name, id);
		subject = `${param.label} "${id}"`;
	}
	const path = spec.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
		encodeURIComponent(pathValues.get(name) ?? ''),
	);
	const qs = readFields(this, spec.query, i);
	for (const [key, value] of Object.entries(qs)) {
		if (Array.isArray(value)) qs[key] = value.join(',');
	}
	const body = buildBody(this, spec, i);
	if (!Array.isArray(body) && typeof body?.name === 'string') subject = `"${body.name}"`;

	const request = {
		method: spec.method,
		path,
		tier: spec.tier,
		route: `${spec.method} ${spec.path}`,
		qs,
		body,
	};
	const errorContext = { itemIndex: i, subject };
	const response = spec.response;

	if (response.kind === 'list') {
		const returnAll = response.single
			? true
			: (this.getNodeParameter('returnAll', i, false) as boolean);
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
		const items = await qlikApiRequestAllItems.call(
			this,
			request,
			{ limit, maxPageSize: response.maxPageSize, limitParam: response.limitParam },
			settings,
			errorContext,
		);
		return items.map((item) =>
			response.valueKey ? { [response.valueKey]: item as string } : (item as IDataObject),
		);
	}
	const { body: answer } = await qlikApiRequest.call(this, request, settings, errorContext);
	if (response.kind === 'empty') return [{ ...response.output }];
	return [(answer ?? {}) as IDataObject];
}
