/** Request-log helpers: secrets never reach the log, in headers, query or bodies. */
import type { IncomingHttpHeaders } from 'node:http';

import type { QueryMap } from './types';

export const REDACTED = '<redacted>';
const MAX_RAW = 10 * 1024;

/** Body / query fields whose values are credentials, anywhere. */
const SECRET_KEYS = [
	'client_secret',
	'clientsecret',
	'code_verifier',
	'refresh_token',
	'access_token',
	'id_token',
	'subject_token',
	'client_assertion',
	'password',
	'apikey',
	'api_key',
	'secret',
	'authorization',
];
/** On /oauth/* also these (an authorization code, the token to revoke). */
const OAUTH_KEYS = ['code', 'token'];

export const secretKeys = (path: string): ReadonlySet<string> =>
	new Set(path.startsWith('/oauth/') ? [...SECRET_KEYS, ...OAUTH_KEYS] : SECRET_KEYS);

const SECRET_FORM = new RegExp(
	`((?:^|[?&\\s"])(?:${[...SECRET_KEYS, ...OAUTH_KEYS].join('|')})=)[^&\\s"]*`,
	'gi',
);

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : String(value);
		if (name === 'authorization') {
			const scheme = /^\s*(\S+)/.exec(text)?.[1] ?? 'Bearer';
			out[name] = `${scheme} ${REDACTED}`;
		} else if (name === 'cookie' || name === 'set-cookie' || name === 'x-api-key') {
			out[name] = REDACTED;
		} else {
			out[name] = text;
		}
	}
	return out;
}

/** Deep copy with every secret-named field replaced; known secret strings scrubbed everywhere. */
export function redactValue(
	value: unknown,
	secrets: readonly string[],
	keys: ReadonlySet<string>,
): unknown {
	if (typeof value === 'string') return scrub(value, secrets);
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, keys));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			out[k] =
				keys.has(k.toLowerCase()) && v !== '' && v != null
					? REDACTED
					: redactValue(v, secrets, keys);
		}
		return out;
	}
	return value;
}

export function redactQuery(
	query: QueryMap,
	secrets: readonly string[],
	keys: ReadonlySet<string>,
): QueryMap {
	return redactValue(query, secrets, keys) as QueryMap;
}

/** A raw (non-JSON, non-form) body as logged: truncated, with form-like secrets and known values removed. */
export function redactRaw(raw: Buffer, secrets: readonly string[]): string {
	let text = raw.subarray(0, MAX_RAW).toString('utf8');
	text = text.replace(SECRET_FORM, `$1${REDACTED}`);
	text = scrub(text, secrets);
	return raw.length > MAX_RAW ? `${text}…[truncated ${raw.length - MAX_RAW} bytes]` : text;
}

function scrub(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const s of secrets) if (s.length >= 8 && out.includes(s)) out = out.split(s).join(REDACTED);
	return out;
}
