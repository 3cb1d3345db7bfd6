/**
 * A request checked against its operation's table row: path parameters, required headers,
 * query parameters and the body. The first fault is a 400 naming the parameter or field.
 */
import type { BodySpec, FieldSpec, TableOperation } from '../../../nodes/QlikCloud/shared/types';
import { invalid } from '../errors';
import { readPatch } from '../jsonPatch';
import { partValue } from '../multipart';
import type { RouteContext } from '../types';
import { isJsonType } from '../validate';

type Where = { parameter: string } | { pointer: string };

const bad = (detail: string, where: Where) => invalid('HTTP-400', detail, where);
const isObject = (v: unknown): v is Record<string, unknown> =>
	!!v && typeof v === 'object' && !Array.isArray(v);
const describe = (v: unknown) =>
	v === null ? 'null' : Array.isArray(v) ? 'an array' : `${typeof v} ${JSON.stringify(v)}`;

export function validateRequest(ctx: RouteContext, op: TableOperation) {
	for (const param of op.pathParams ?? []) {
		const value = ctx.params[param.name];
		if (!value)
			throw bad(`The path parameter ${param.name} is required.`, { parameter: param.name });
		if (param.enum && !param.enum.includes(value))
			throw bad(`${param.name} must be one of ${param.enum.join(', ')}; got "${value}".`, {
				parameter: param.name,
			});
	}
	for (const header of op.headers ?? [])
		if (header.required && ctx.headers[header.name.toLowerCase()] === undefined)
			throw bad(`The ${header.name} header is required.`, { parameter: header.name });
	for (const field of op.query ?? []) checkQuery(ctx, field);
	if (op.body) checkBody(ctx, op.body);
}

function checkQuery(ctx: RouteContext, field: FieldSpec) {
	const raw = ctx.query[field.name];
	const where = { parameter: field.name };
	if (raw === undefined || raw === '') {
		if (field.required) throw bad(`The query parameter ${field.name} is required.`, where);
		return;
	}
	const values = Array.isArray(raw) ? raw : [raw];
	if (field.type !== 'array') return checkText(values[values.length - 1], field.type, field, where);
	for (const value of values.flatMap((v) => v.split(',')))
		checkText(value, field.items ?? 'string', field, where);
}

/** A query value (text) of the given type. */
function checkText(text: string, type: FieldSpec['type'], field: FieldSpec, where: Where) {
	const name = field.name;
	if (type === 'integer' && !/^-?\d+$/.test(text))
		throw bad(`${name} must be an integer; got "${text}".`, where);
	if (type === 'number' && (text.trim() === '' || !Number.isFinite(Number(text))))
		throw bad(`${name} must be a number; got "${text}".`, where);
	if (type === 'boolean' && text !== 'true' && text !== 'false')
		throw bad(`${name} must be true or false; got "${text}".`, where);
	const value = type === 'integer' || type === 'number' ? Number(text) : text;
	checkRules(value, field, where);
}

/** Enum, length and range rules shared by query values and body properties. */
function checkRules(value: unknown, field: FieldSpec, where: Where) {
	const name = field.name;
	if (field.enum && !field.enum.includes(String(value)))
		throw bad(
			`${name} must be one of ${field.enum.join(', ')}; got ${JSON.stringify(value)}.`,
			where,
		);
	if (typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength)
		throw bad(`${name} must be at most ${field.maxLength} characters long.`, where);
	if (typeof value === 'number') {
		if (field.minimum !== undefined && value < field.minimum)
			throw bad(`${name} must be at least ${field.minimum}; got ${value}.`, where);
		if (field.maximum !== undefined && value > field.maximum)
			throw bad(`${name} must be at most ${field.maximum}; got ${value}.`, where);
	}
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
	string: (v) => typeof v === 'string',
	dateTime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
	integer: (v) => Number.isInteger(v),
	number: (v) => typeof v === 'number' && Number.isFinite(v),
	boolean: (v) => typeof v === 'boolean',
	array: Array.isArray,
	object: isObject,
};

/** A top-level body property: its type, and for arrays each item's. */
function checkProperty(value: unknown, field: FieldSpec, pointer: string) {
	const test = JSON_TYPES[field.type];
	if (test && !test(value))
		throw bad(`${field.name} must be ${article(field.type)}; got ${describe(value)}.`, { pointer });
	if (Array.isArray(value)) {
		const itemTest = field.items && JSON_TYPES[field.items];
		value.forEach((item, i) => {
			if (itemTest && !itemTest(item))
				throw bad(`${field.name}[${i}] must be ${article(field.items!)}; got ${describe(item)}.`, {
					pointer: `${pointer}/${i}`,
				});
			checkRules(item, field, { pointer: `${pointer}/${i}` });
		});
	} else checkRules(value, field, { pointer });
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function needJson(ctx: RouteContext, required: boolean | undefined): boolean {
	if (!ctx.rawBody.length) {
		if (required) throw bad('A JSON request body is required.', { pointer: '' });
		return false;
	}
	if (!isJsonType(ctx.contentType))
		throw bad(`Send the body as application/json, not ${ctx.contentType || 'untyped'}.`, {
			pointer: '',
		});
	return true;
}

/** A raw body field that holds JSON Patch operations. */
export const isPatchField = (field: FieldSpec) =>
	field.param === 'patch' || /JSON Patch/i.test(field.hint ?? '');

function checkBody(ctx: RouteContext, spec: BodySpec) {
	switch (spec.kind) {
		case 'json': {
			if (!needJson(ctx, spec.required)) return;
			if (!isObject(ctx.body))
				throw bad(`The request body must be a JSON object; got ${describe(ctx.body)}.`, {
					pointer: '',
				});
			const body = ctx.body;
			for (const field of spec.fields) {
				if (field.spread) continue;
				const value = body[field.name];
				if (value === undefined || value === null) {
					if (field.required)
						throw bad(`${field.name} is required.`, { pointer: `/${field.name}` });
					continue;
				}
				checkProperty(value, field, `/${field.name}`);
			}
			return;
		}
		case 'jsonPatch':
			if (needJson(ctx, true)) readPatch(ctx.body);
			return;
		case 'raw': {
			if (!needJson(ctx, spec.field.required)) return;
			if (isPatchField(spec.field)) readPatch(ctx.body);
			else if (spec.field.type === 'object' && !isObject(ctx.body))
				throw bad(`The request body must be a JSON object; got ${describe(ctx.body)}.`, {
					pointer: '',
				});
			return;
		}
		case 'multipart': {
			if (ctx.contentType !== 'multipart/form-data' || !ctx.parts)
				throw bad(`Send the body as multipart/form-data, not ${ctx.contentType || 'untyped'}.`, {
					pointer: '',
				});
			for (const field of spec.fields) {
				const part = ctx.parts.find((p) => p.name === field.name);
				if (!part) {
					if (field.required)
						throw bad(`The part ${field.name} is required.`, { pointer: `/${field.name}` });
					continue;
				}
				if (field.type === 'object' && part.filename === undefined && !isObject(partValue(part)))
					throw bad(`The part ${field.name} must be a JSON object.`, { pointer: `/${field.name}` });
			}
			return;
		}
		case 'binary':
			if (!ctx.rawBody.length) throw bad('A request body (the file) is required.', { pointer: '' });
	}
}
