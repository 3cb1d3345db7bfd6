/**
 * The secret scan's capture (issue 7): with `QLIK_SECRET_SCAN_DIR` set, the test harnesses
 * append every output item, error and log line they see to `capture-<pid>.jsonl` there, and the
 * simulator appends every secret it issues or holds to `secrets-<pid>.txt`.
 * `npm run scan:secrets` (scripts/secretScan.ts) then searches the one for the other. Without
 * the variable nothing is written.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

export const SCAN_DIR_VARIABLE = 'QLIK_SECRET_SCAN_DIR';

/** Where `scan:secrets` looks when the variable is not set. */
export const DEFAULT_SCAN_DIR = join(tmpdir(), 'n8n-nodes-qlik-cloud-secret-scan');

/** Shorter values are not recorded: they would match by chance (test fixtures like "wrong"). */
export const MIN_SECRET_LENGTH = 16;

/** Binary data larger than this is left out of the capture (file contents of upload tests). */
const MAX_BINARY_CHARS = 1024 * 1024;

let prepared: string | undefined;
const recorded = new Set<string>();

/** The capture directory, created on first use; undefined when capture is off. */
export function captureDir(): string | undefined {
	const dir = process.env[SCAN_DIR_VARIABLE];
	if (!dir) return undefined;
	if (prepared !== dir) {
		mkdirSync(dir, { recursive: true });
		prepared = dir;
	}
	return dir;
}

/**
 * Whether a value is worth searching for: long enough and not a filler like "xxxx…" that a test
 * uses as a dummy credential (it would match any padding in a captured answer).
 */
export function isScannable(value: string): boolean {
	return value.length >= MIN_SECRET_LENGTH && new Set(value).size >= 8;
}

/** Adds a credential value to the list the scan searches for. */
export function recordSecret(value: unknown): void {
	if (typeof value !== 'string' || !isScannable(value)) return;
	const dir = captureDir();
	if (!dir || recorded.has(value)) return;
	recorded.add(value);
	appendFileSync(join(dir, `secrets-${process.pid}.txt`), `${value}\n`);
}

function currentTest(): string | undefined {
	const jestExpect = (globalThis as { expect?: { getState?: () => { currentTestName?: string } } })
		.expect;
	return jestExpect?.getState?.().currentTestName;
}

/** Appends one record (an output, an error, log lines) to this process's capture file. */
export function capture(kind: string, data: unknown): void {
	const dir = captureDir();
	if (!dir) return;
	const line = JSON.stringify({ kind, test: currentTest(), data }, (_key, value: unknown) => {
		if (typeof value === 'bigint') return String(value);
		if (typeof value === 'string' && value.length > MAX_BINARY_CHARS)
			return `${value.slice(0, MAX_BINARY_CHARS)}…[${value.length - MAX_BINARY_CHARS} more]`;
		return value;
	});
	appendFileSync(join(dir, `capture-${process.pid}.jsonl`), `${line}\n`);
}

/**
 * An error as n8n keeps it in an execution record (`toJSON`: message, description, context,
 * cause), plus everything else it carries (own properties, the cause chain, the stack): wider
 * than what n8n stores, so the scan errs on the strict side.
 */
export function serializeError(error: unknown): unknown {
	if (!error || typeof error !== 'object') return { message: String(error) };
	const e = error as Error & { toJSON?: () => unknown };
	let asN8n: unknown;
	try {
		asN8n = typeof e.toJSON === 'function' ? e.toJSON() : undefined;
	} catch {
		asN8n = undefined;
	}
	return {
		message: e.message,
		stack: e.stack,
		n8n: asN8n,
		full: inspect(error, { depth: 8, showHidden: false, breakLength: Infinity }),
	};
}

/** The values of a credential's password fields (API key, client secret, tokens). */
export function credentialSecrets(data: Record<string, unknown>, passwordFields: string[]): void {
	for (const name of passwordFields) recordSecret(data[name]);
	const token = data.oauthTokenData as Record<string, unknown> | undefined;
	if (token && typeof token === 'object') {
		recordSecret(token.access_token);
		recordSecret(token.refresh_token);
	}
}

/** Names under which Qlik answers a secret: passwords, passphrases, keys, tokens, secrets. */
const SECRET_NAME =
	/pass(word|wd|phrase)?$|^pwd$|secret|token|(account|shared|api|access)[_-]?key/i;
/** Header names whose value is a credential (rows like `{ name: "Authorization", value }`). */
const SECRET_HEADER = /authorization|cookie|api[_-]?key|token|secret/i;
/** `key=value` in a connection string, the value quoted, in braces (`}}` escapes), or bare. */
const PAIR = /([A-Za-z_][\w ]*?)\s*=\s*(\{(?:[^}]|\}\})*\}|"[^"]*"|'[^']*'|[^;]*)/g;

/** Records a secret and each piece of it that a partial leak could show. */
function recordWithPieces(value: string): void {
	recordSecret(value);
	for (const piece of value.split(/[;\s{}"']+/)) recordSecret(piece);
}

/**
 * What the simulator answers that Qlik treats as secret, recorded for the scan: values under
 * secret names, header rows with a credential, and the secret parts of connection strings.
 */
export function recordSecretsIn(value: unknown, key?: string): void {
	if (typeof value === 'string') {
		if (key !== undefined && SECRET_NAME.test(key)) recordWithPieces(value);
		for (const [, name, raw] of value.matchAll(PAIR))
			if (SECRET_NAME.test(name.trim())) recordWithPieces(raw);
		return;
	}
	if (Array.isArray(value)) {
		for (const entry of value) recordSecretsIn(entry);
		return;
	}
	if (!value || typeof value !== 'object') return;
	const object = value as Record<string, unknown>;
	const header = object.name ?? object.key;
	if (typeof header === 'string' && SECRET_HEADER.test(header))
		recordSecretsIn(object.value, 'secret');
	for (const [k, v] of Object.entries(object)) recordSecretsIn(v, k);
}
