/**
 * The secret scanner itself: it finds a planted secret in every form it promises, with file,
 * line and context, and refuses to pass on an empty capture or an empty secret list.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { scan } from '../../scripts/secretScan';

// Characters that URL-encoding changes, so that form differs from the plain one.
const SECRET = 'sk_test/Planted+Secret=Value:0123456789';
const OTHER = 'c2VjcmV0LW5vdC1wbGFudGVkLWFueXdoZXJl';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'secret-scan-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function plant(name: string, text: string, secrets = `${SECRET}\n${OTHER}\n`) {
	writeFileSync(join(dir, 'secrets-1.txt'), secrets);
	mkdirSync(dirname(join(dir, name)), { recursive: true });
	writeFileSync(join(dir, name), text);
}

const b64 = (text: string, alphabet: 'base64' | 'base64url' = 'base64') =>
	Buffer.from(text).toString(alphabet);

describe('secret scan', () => {
	it('passes a clean capture and says what it read', () => {
		plant('capture-1.jsonl', '{"kind":"output","data":[{"json":{"id":"abc"}}]}\nsecond line\n');
		const report = scan(dir);
		expect(report.hits).toEqual([]);
		expect(report.problems).toEqual([]);
		expect(report).toMatchObject({ files: 1, secrets: 2 });
		expect(report.lines).toBeGreaterThanOrEqual(2);
	});

	it.each([
		['plain', `{"message":"token ${SECRET} refused"}`],
		['url-encoded', `GET /cb?code=${encodeURIComponent(SECRET)}&state=x`],
		['json-escaped', JSON.stringify({ text: `a ${SECRET}` }).replace(/\//g, '\\/')],
		['base64', `Authorization: Basic ${b64(`client:${SECRET}`)}`],
		['base64', `blob ${b64(`xy${SECRET}tail`)}`],
		['base64url', `jwt.${b64(`{"s":"${SECRET}"}`, 'base64url')}.sig`],
	])('finds a secret planted %s', (form, text) => {
		plant('n8n/execution-records.json', `first line\n${text}\nlast line\n`);
		const report = scan(dir);
		expect(report.hits.length).toBeGreaterThanOrEqual(1);
		const hit = report.hits.find((h) => h.form === form) ?? report.hits[0];
		expect(hit).toMatchObject({ file: join('n8n', 'execution-records.json'), line: 2 });
		// base64url of a stretch without "+" or "/" is the same text as base64: either name is right.
		const forms = report.hits.map((h) => (h.form === 'base64url' ? 'base64' : h.form));
		expect(forms).toContain(form === 'base64url' ? 'base64' : form);
		expect(hit.context).toContain('<SECRET');
		// The report never prints the secret itself.
		expect(JSON.stringify(report)).not.toContain(SECRET);
	});

	it('fails when nothing was captured', () => {
		writeFileSync(join(dir, 'secrets-1.txt'), `${SECRET}\n`);
		expect(scan(dir).problems.join(' ')).toMatch(/Nothing was captured/);
		writeFileSync(join(dir, 'capture-1.jsonl'), '');
		expect(scan(dir).problems.join(' ')).toMatch(/Nothing was captured/);
	});

	it('fails when no secrets were recorded', () => {
		writeFileSync(join(dir, 'capture-1.jsonl'), '{"kind":"log","data":["info x"]}\n');
		expect(scan(dir).problems.join(' ')).toMatch(/No secrets were recorded/);
		expect(scan(join(dir, 'missing')).problems).toHaveLength(2);
	});

	it('fails when a running n8n was captured without its execution records', () => {
		plant('capture-1.jsonl', '{"kind":"n8n-server-log","data":"n8n ready"}\n');
		const report = scan(dir);
		expect(report.kinds).toEqual({ 'n8n-server-log': 1 });
		expect(report.problems.join(' ')).toMatch(/none of its execution records/);
		plant(
			'capture-1.jsonl',
			'{"kind":"n8n-server-log","data":"n8n ready"}\n{"kind":"n8n-execution","data":{"id":"1"}}\n',
		);
		expect(scan(dir).problems).toEqual([]);
	});
});
