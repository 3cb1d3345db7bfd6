/**
 * The secret scan (issue 7): searches everything the test suites captured (outputs, errors, log
 * lines, n8n's logs and execution records) for every credential value the simulator issued or
 * held (API keys, client secrets, access and refresh tokens, authorization codes, webhook
 * secrets) and every password field of the credentials the harness used, as they are, URL-encoded
 * and base64 (standard and URL-safe, at any alignment inside a longer encoded string).
 *
 *   QLIK_SECRET_SCAN_DIR=/tmp/scan npx jest …   # capture (see test/secrets/capture.ts)
 *   npm run scan:secrets                         # or: ts-node scripts/secretScan.ts <dir>
 *
 * Fails on any hit (file, line and the context around it, the secret itself masked), and also
 * when the capture or the list of secrets is empty, so that it cannot pass for want of input.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { DEFAULT_SCAN_DIR, SCAN_DIR_VARIABLE, isScannable } from '../test/secrets/capture';

const SECRET_FILE = /^secrets-.*\.txt$/;
/** Needles are looked up by their first characters; every form is at least this long. */
const KEY = 12;

export interface Needle {
	secret: string;
	form: 'plain' | 'url-encoded' | 'base64' | 'base64url' | 'json-escaped';
	text: string;
}

export interface Hit {
	file: string;
	line: number;
	form: Needle['form'];
	/** The secret with all but its first 4 characters masked. */
	secret: string;
	context: string;
}

export interface ScanReport {
	dir: string;
	files: number;
	lines: number;
	bytes: number;
	secrets: number;
	needles: number;
	hits: Hit[];
	/** Captured entries by kind (output, error, log, n8n-cli, n8n-server-log, n8n-execution…). */
	kinds: Record<string, number>;
	/** Why the scan cannot be trusted (empty capture or secret list); empty when it can. */
	problems: string[];
}

/** The part of base64(x) that is the same wherever x sits in a longer encoded string. */
function base64Cores(secret: string, alphabet: 'base64' | 'base64url'): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
		const encoded = padded.toString(alphabet);
		// Only the characters whose 6 bits all come from the secret: the ones that mix in a byte
		// before it (the offset) or after it depend on what surrounds the secret.
		const start = Math.ceil((4 * offset) / 3);
		const end = Math.floor((8 * (offset + bytes.length) - 6) / 6) + 1;
		const core = encoded.slice(start, end);
		if (core.length >= KEY) cores.push(core);
	}
	return cores;
}

/** Every form of each secret to look for. */
export function needlesFor(secrets: Iterable<string>): Needle[] {
	const needles: Needle[] = [];
	const seen = new Set<string>();
	const add = (secret: string, form: Needle['form'], text: string) => {
		if (text.length < KEY || seen.has(text)) return;
		seen.add(text);
		needles.push({ secret, form, text });
	};
	for (const secret of secrets) {
		add(secret, 'plain', secret);
		add(secret, 'url-encoded', encodeURIComponent(secret));
		const escaped = JSON.stringify(secret).slice(1, -1);
		add(secret, 'json-escaped', escaped);
		add(secret, 'json-escaped', escaped.replace(/\//g, '\\/'));
		for (const core of base64Cores(secret, 'base64')) add(secret, 'base64', core);
		for (const core of base64Cores(secret, 'base64url')) add(secret, 'base64url', core);
	}
	return needles;
}

function walk(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...walk(path));
		else if (entry.isFile()) out.push(path);
	}
	return out.sort();
}

const mask = (secret: string) => `${secret.slice(0, 4)}${'*'.repeat(8)}(${secret.length} chars)`;

/** Searches one text for all needles: a map from the first KEY characters, then a full compare. */
export function findIn(text: string, needles: Needle[]): Array<{ index: number; needle: Needle }> {
	const byKey = new Map<string, Needle[]>();
	for (const needle of needles) {
		const key = needle.text.slice(0, KEY);
		const list = byKey.get(key);
		if (list) list.push(needle);
		else byKey.set(key, [needle]);
	}
	const found: Array<{ index: number; needle: Needle }> = [];
	for (let i = 0; i + KEY <= text.length; i++) {
		const candidates = byKey.get(text.slice(i, i + KEY));
		if (!candidates) continue;
		for (const needle of candidates) {
			if (text.startsWith(needle.text, i)) found.push({ index: i, needle });
		}
	}
	return found;
}

export function scan(dir: string): ScanReport {
	const report: ScanReport = {
		dir,
		files: 0,
		lines: 0,
		bytes: 0,
		secrets: 0,
		needles: 0,
		hits: [],
		kinds: {},
		problems: [],
	};
	let files: string[] = [];
	try {
		files = statSync(dir).isDirectory() ? walk(dir) : [];
	} catch {
		files = [];
	}
	const secrets = new Set<string>();
	const captures: string[] = [];
	for (const file of files) {
		if (SECRET_FILE.test(file.split('/').pop() ?? '')) {
			for (const line of readFileSync(file, 'utf8').split('\n')) {
				const value = line.trim();
				if (isScannable(value)) secrets.add(value);
			}
		} else captures.push(file);
	}
	const needles = needlesFor(secrets);
	report.secrets = secrets.size;
	report.needles = needles.length;
	for (const file of captures) {
		const text = readFileSync(file).toString('utf8');
		report.files++;
		report.bytes += Buffer.byteLength(text);
		report.lines += text === '' ? 0 : text.split('\n').length;
		for (const [, kind] of text.matchAll(/^\{"kind":"([^"]+)"/gm))
			report.kinds[kind] = (report.kinds[kind] ?? 0) + 1;
		let line = 1;
		let counted = 0; // newlines before this position are counted in `line`
		for (const { index, needle } of findIn(text, needles)) {
			for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < index;) {
				line++;
				counted = nl + 1;
				nl = text.indexOf('\n', counted);
			}
			const lineStart = text.lastIndexOf('\n', index) + 1;
			const from = Math.max(lineStart, index - 80);
			const lineEnd = text.indexOf('\n', index);
			const to = Math.min(lineEnd < 0 ? text.length : lineEnd, index + needle.text.length + 80);
			report.hits.push({
				file: relative(dir, file),
				line,
				form: needle.form,
				secret: mask(needle.secret),
				context: `${text.slice(from, index)}<SECRET ${needle.form}>${text.slice(index + needle.text.length, to)}`,
			});
		}
	}
	if (report.secrets === 0)
		report.problems.push(
			`No secrets were recorded in ${dir} (secrets-*.txt): run the suites with ${SCAN_DIR_VARIABLE} set.`,
		);
	if (report.files === 0 || report.bytes === 0)
		report.problems.push(
			`Nothing was captured in ${dir}: run the suites with ${SCAN_DIR_VARIABLE} set.`,
		);
	if (report.kinds['n8n-server-log'] && !report.kinds['n8n-execution'])
		report.problems.push(
			'A running n8n was captured, but none of its execution records: the harness must save them before it stops n8n.',
		);
	return report;
}

function main() {
	const dir = process.argv[2] ?? process.env[SCAN_DIR_VARIABLE] ?? DEFAULT_SCAN_DIR;
	const report = scan(dir);
	console.log(
		`secret scan of ${dir}: ${report.files} files, ${report.lines} lines, ${report.bytes} bytes; ` +
			`${report.secrets} secrets in ${report.needles} forms; ${report.hits.length} hits`,
	);
	console.log(
		`captured: ${Object.entries(report.kinds)
			.map(([kind, n]) => `${n} ${kind}`)
			.join(', ')}`,
	);
	for (const hit of report.hits.slice(0, 50)) {
		console.log(`HIT ${hit.file}:${hit.line} ${hit.form} of ${hit.secret}\n    ${hit.context}`);
	}
	if (report.hits.length > 50) console.log(`… and ${report.hits.length - 50} more hits`);
	for (const problem of report.problems) console.log(`FAIL ${problem}`);
	if (report.hits.length || report.problems.length) process.exit(1);
}

if (require.main === module) main();
