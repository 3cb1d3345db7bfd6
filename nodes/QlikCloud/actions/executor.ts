import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ID_RULE, isId, segmentProblem } from '../shared/ids';
import type { OperationSpec, PathParamSpec } from '../shared/types';
import type { QlikRequest, TransportSettings } from '../transport';
import { encodeBody } from './body';
import { ItemInput } from './input';
import { shapeResponse } from './response';

/** A path parameter's value, checked and encoded for the URL. */
function readPathParam(input: ItemInput, spec: PathParamSpec): string {
	const raw = input.param(spec.param ?? spec.name);
	const value = typeof raw === 'number' ? String(raw) : raw;
	const example = spec.example ? ` (e.g. ${spec.example})` : '';
	if (typeof value !== 'string' || value.trim() === '') {
		throw input.invalid(
			spec.label,
			'is empty',
			`Pick the ${spec.label.toLowerCase()} from the list or paste its ID${example}.`,
		);
	}
	const id = value.trim();
	if (spec.enum && !spec.enum.includes(id)) {
		throw input.invalid(
			spec.label,
			`has an unknown value "${id}"`,
			`Use one of: ${spec.enum.join(', ')}.`,
		);
	}
	if (spec.kind === 'path') {
		const problem = id
			.split('/')
			.filter(Boolean)
			.map(segmentProblem)
			.find((p) => p !== undefined);
		if (problem !== undefined) {
			throw input.invalid(
				spec.label,
				`is not a valid file path: "${id.slice(0, 80)}": a part ${problem}`,
				'Give the path from the top folder, e.g. images/logo.png.',
			);
		}
		return id.split('/').filter(Boolean).map(encodeURIComponent).join('/');
	}
	if (spec.kind === 'text') {
		const problem = segmentProblem(id);
		if (problem !== undefined) {
			throw input.invalid(
				spec.label,
				`${problem}: "${id.slice(0, 80)}"`,
				'Enter the value alone, not a path or URL.',
			);
		}
		return encodeURIComponent(id);
	}
	if (!isId(id)) {
		throw input.invalid(
			spec.label,
			`is not a valid ID: "${id.slice(0, 80)}"`,
			`${ID_RULE}${example}. Pick the ${spec.label.toLowerCase()} from the list instead.`,
		);
	}
	return encodeURIComponent(id);
}

/**
 * Runs one row of an operation table for one input item and returns its output items. `values`
 * are values the node computed (a parent picked in a locator, …): they are read instead of the
 * node's parameters of the same name.
 */
export async function executeOperation(
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
	values: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const input = new ItemInput(this, i, values);
	let subject: string | undefined;
	const pathValues = new Map<string, string>();
	for (const param of spec.pathParams ?? []) {
		const id = readPathParam(input, param);
		pathValues.set(param.name, id);
		subject = `${param.label} "${decodeURIComponent(id)}"`;
	}
	const path = spec.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValues.get(name) ?? '');
	const qs = input.fields(spec.query);
	for (const [key, value] of Object.entries(qs)) {
		if (Array.isArray(value)) qs[key] = value.join(',');
	}
	const { body, bodyFactory, headers: bodyHeaders } = await encodeBody(spec.body, input);
	const headers: IDataObject = { ...(bodyHeaders ?? {}) };
	for (const field of spec.headers ?? []) {
		const value = input.field(field);
		if (value === undefined) continue;
		if (field.confirms === undefined) {
			headers[field.name] = String(value);
			continue;
		}
		if (value !== true) {
			throw input.invalid(
				field.label,
				'is off',
				'Turn it on to confirm: Qlik does this only when the request repeats the ID.',
			);
		}
		headers[field.name] = decodeURIComponent(pathValues.get(field.confirms) ?? '');
	}
	if (body && !Array.isArray(body) && !Buffer.isBuffer(body) && typeof body.name === 'string') {
		subject = `"${body.name}"`;
	}
	const request: QlikRequest = {
		method: spec.method,
		path,
		tier: spec.tier,
		route: `${spec.method} ${spec.path}`,
		qs,
		body,
		...(bodyFactory ? { bodyFactory } : {}),
		headers,
	};
	return await shapeResponse(spec.response, {
		ctx: this,
		i,
		request,
		settings,
		errorContext: { itemIndex: i, subject },
	});
}
