/**
 * A field's raw value (what the editor or an expression gave) made into what Qlik is sent, or
 * the problem with it: a pure function of the field's spec and the value, tested from a table.
 */
import type { FieldSpec } from '../shared/types';

/** What is wrong with a value: `The "<label>" parameter <problem>`, and how to fix it. */
export interface Problem {
	problem: string;
	fix: string;
}

export type Coerced = { value: unknown } | Problem;

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** A JSON parameter's value: parsed when the editor gave text. */
function parseJson(value: unknown, example: string): Coerced {
	if (typeof value !== 'string') return { value };
	try {
		return { value: JSON.parse(value) as unknown };
	} catch (error) {
		return {
			problem: `is not valid JSON: ${(error as Error).message}`,
			fix: `Fix the JSON, e.g. ${example}.`,
		};
	}
}

/**
 * A date and time as ISO 8601 in UTC: from the date picker's text, an expression's text, a
 * `Date` or a Luxon `DateTime` (what `$now` gives).
 */
function dateTime(value: unknown): Coerced {
	const date =
		value instanceof Date
			? value
			: typeof (value as { toISO?: unknown }).toISO === 'function'
				? new Date(String((value as { toISO: () => string }).toISO()))
				: new Date(String(value).trim());
	if (Number.isNaN(date.getTime())) {
		return {
			problem: `is not a date and time: "${String(value)}"`,
			fix: 'Pick a date, or enter one like 2026-12-01T09:30:00Z.',
		};
	}
	return { value: date.toISOString() };
}

/** The value converted to the field's type, before the checks of allowed values and length. */
function convert(field: FieldSpec, value: unknown): Coerced {
	switch (field.type) {
		case 'integer':
		case 'number': {
			const n = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) {
				return {
					problem: `must be ${field.type === 'integer' ? 'a whole number' : 'a number'}, not "${String(value)}"`,
					fix: 'Enter a number.',
				};
			}
			return { value: n };
		}
		case 'boolean':
			if (typeof value === 'boolean') return { value };
			if (value === 'true' || value === 'false') return { value: value === 'true' };
			return {
				problem: `must be true or false, not "${String(value)}"`,
				fix: 'Use the toggle or true/false.',
			};
		case 'array': {
			// References may also come as Qlik writes them: [{"name": "Developer"}].
			if (field.refs && typeof value === 'string' && value.trim().startsWith('['))
				return parseJson(value, `[{"${field.refs}": "…"}]`);
			const list =
				typeof value === 'string'
					? value
							.split(',')
							.map((v) => v.trim())
							.filter((v) => v !== '')
					: value;
			if (!Array.isArray(list)) {
				return {
					problem: 'must be a list',
					fix: 'Pick one or more values, or enter them separated by commas.',
				};
			}
			if (field.items !== 'integer' && field.items !== 'number') return { value: list };
			const numbers = (list as unknown[]).map((v) => Number(v));
			const bad = numbers.findIndex((n) => !Number.isFinite(n));
			if (bad >= 0) {
				return {
					problem: `has a value that is not a number: "${String((list as unknown[])[bad])}"`,
					fix: 'Enter numbers separated by commas.',
				};
			}
			return { value: numbers };
		}
		case 'json':
			return parseJson(value, '[{"key": "value"}]');
		case 'dateTime':
			return dateTime(value);
		case 'binary':
			return { value: String(value).trim() };
		case 'object': {
			const parsed = parseJson(value, '{"key": "value"}');
			if ('problem' in parsed) return parsed;
			if (typeof parsed.value !== 'object' || parsed.value === null) {
				return {
					problem: 'must be a JSON object',
					fix: 'Enter a JSON object, e.g. {"key": "value"}.',
				};
			}
			return parsed;
		}
		default:
			return { value: typeof value === 'string' ? value : String(value) };
	}
}

/** The checks every converted value goes through: allowed values, length, characters. */
function check(field: FieldSpec, value: unknown): Problem | undefined {
	if (field.enum) {
		const allowed = field.enum;
		const values = Array.isArray(value) ? value : [value];
		const wrong = values.find((v) => !allowed.includes(String(v)));
		if (wrong !== undefined) {
			return {
				problem: `has an unknown value "${String(wrong)}"`,
				fix: `Use one of: ${allowed.join(', ')}.`,
			};
		}
	}
	if (typeof value !== 'string') return undefined;
	if (field.maxLength !== undefined && value.length > field.maxLength) {
		return { problem: `is longer than ${field.maxLength} characters`, fix: 'Shorten it.' };
	}
	const forbidden = field.forbiddenCharacters;
	const bad = forbidden ? [...value].find((c) => forbidden.includes(c)) : undefined;
	if (bad !== undefined) {
		return {
			problem: `must not contain "${bad}"`,
			fix: `Remove these characters: ${forbidden!.split('').join(' ')}`,
		};
	}
	return undefined;
}

/**
 * A field's value as it is sent: `{ value: undefined }` when the user left an optional field
 * empty (and for a switch that is off), or the problem that fails the item.
 */
export function coerceField(field: FieldSpec, raw: unknown): Coerced {
	if (isEmpty(raw)) {
		return field.required
			? { problem: 'is required', fix: `Enter a value for "${field.label}".` }
			: { value: undefined };
	}
	const converted = convert(field, raw);
	if ('problem' in converted) return converted;
	if (field.type === 'boolean' && field.whenTrue !== undefined) {
		return { value: converted.value ? field.whenTrue : undefined };
	}
	const problem = check(field, converted.value);
	if (problem || !field.refs) return problem ?? converted;
	const refs = field.refs;
	// A list (from the picker, commas, or JSON text that starts with "[").
	return {
		value: (converted.value as unknown[]).map((v) =>
			v !== null && typeof v === 'object' ? v : { [refs]: String(v) },
		),
	};
}
