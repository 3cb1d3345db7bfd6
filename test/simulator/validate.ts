/** Small strict validators that answer 400 with a pointer to the offending field. */
import { ApiError, invalid } from './errors';
import type { RouteContext } from './types';

/** The JSON body of a request that must have one (400 if empty, 415 if not JSON). */
export function jsonBody(ctx: RouteContext, code = 'HTTP'): unknown {
	if (ctx.rawBody.length === 0)
		throw invalid(`${code}-400`, 'A JSON request body is required.', { pointer: '' });
	if (!isJsonType(ctx.contentType))
		throw new ApiError(
			415,
			'HTTP-415',
			'Unsupported Media Type',
			`Send the body as application/json, not ${ctx.contentType || 'without a Content-Type'}.`,
		);
	return ctx.body;
}

export const isJsonType = (type: string) => type === 'application/json' || /\+json$/.test(type);

export function jsonObject(ctx: RouteContext, code = 'HTTP'): Record<string, unknown> {
	const body = jsonBody(ctx, code);
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw invalid(`${code}-400`, 'The request body must be a JSON object.', { pointer: '' });
	return body as Record<string, unknown>;
}

export function jsonArray(ctx: RouteContext, code = 'HTTP'): unknown[] {
	const body = jsonBody(ctx, code);
	if (!Array.isArray(body))
		throw invalid(`${code}-400`, 'The request body must be a JSON array (JSON Patch).', {
			pointer: '',
		});
	return body;
}

export function noUnknownFields(
	body: Record<string, unknown>,
	allowed: readonly string[],
	code: string,
	prefix = '',
) {
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key))
			throw invalid(`${code}-400`, `Unknown field "${key}". Allowed: ${allowed.join(', ')}.`, {
				pointer: `${prefix}/${key}`,
			});
	}
}

export function requireField(
	body: Record<string, unknown>,
	key: string,
	code: string,
	prefix = '',
) {
	if (body[key] === undefined || body[key] === null)
		throw invalid(`${code}-400`, `"${key}" is required.`, { pointer: `${prefix}/${key}` });
	return body[key];
}

export function stringField(
	value: unknown,
	pointer: string,
	code: string,
	rules: { maxLength?: number; minLength?: number; pattern?: RegExp; patternText?: string } = {},
): string {
	if (typeof value !== 'string')
		throw invalid(`${code}-400`, `${pointer.slice(1) || 'value'} must be a string.`, { pointer });
	const name = pointer.split('/').pop() || 'value';
	if (rules.minLength !== undefined && value.length < rules.minLength)
		throw invalid(
			`${code}-400`,
			rules.minLength === 1 ? `${name} must not be empty.` : `${name} is too short.`,
			{ pointer },
		);
	if (rules.maxLength !== undefined && value.length > rules.maxLength)
		throw invalid(`${code}-400`, `${name} must be at most ${rules.maxLength} characters long.`, {
			pointer,
		});
	if (rules.pattern && !rules.pattern.test(value))
		throw invalid(`${code}-400`, `${name} ${rules.patternText ?? 'has an invalid format'}.`, {
			pointer,
		});
	return value;
}

export function enumField<T extends string>(
	value: unknown,
	allowed: readonly T[],
	pointer: string,
	code: string,
): T {
	if (typeof value !== 'string' || !allowed.includes(value as T))
		throw invalid(
			`${code}-400`,
			`${pointer.split('/').pop()} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`,
			{ pointer },
		);
	return value as T;
}
