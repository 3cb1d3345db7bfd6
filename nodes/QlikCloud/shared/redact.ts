import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/**
 * Names of fields that hold a credential: qPassword, qConnectionSecret, passphrases, client
 * secrets, execution tokens, storage account and shared keys.
 */
const SECRET_KEY =
	/pass(word|wd|phrase)?$|^qPassword$|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|account[_-]?key|shared[_-]?(access[_-]?)?key|^pwd$|credentials?value/i;

/** Header names whose value is a credential, in rows like `{ name: "Authorization", value }`. */
const SECRET_HEADER = /authorization|cookie|api[_-]?key|token|secret|pass(word)?$/i;

/**
 * `password=…` and the like inside a connection string; the value quoted, in braces (ODBC,
 * where `}}` is a literal brace and `;` may occur), or bare up to the next `;` (spaces included).
 */
const SECRET_IN_STRING =
	/((?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|shared[_-]?(?:access[_-]?)?key|secret[_-]?key|client[_-]?secret)\s*=\s*)(?:\{(?:[^}]|\}\})*\}?|"[^"]*"?|'[^']*'?|[^;"'\r\n]*)/gi;

function redactValue(value: unknown, key?: string): unknown {
	if (key !== undefined && SECRET_KEY.test(key)) {
		if (value === undefined || value === null || value === '') return value;
		if (typeof value === 'string' || typeof value === 'number') return REDACTED;
		if (typeof value === 'object') return REDACTED;
	}
	if (typeof value === 'string') return value.replace(SECRET_IN_STRING, `$1${REDACTED}`);
	if (Array.isArray(value)) return value.map((v) => redactValue(v));
	if (value && typeof value === 'object') {
		const object = value as IDataObject;
		const header = object.name ?? object.key;
		const secretRow = typeof header === 'string' && SECRET_HEADER.test(header);
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(object)) {
			out[k] = (
				secretRow && k === 'value' ? redactValue(v, 'secret') : redactValue(v, k)
			) as IDataObject[string];
		}
		return out;
	}
	return value;
}

/** A copy of an object with every credential value replaced by `[redacted]`. */
export function redactSecrets<T extends IDataObject>(object: T): T {
	return redactValue(object) as T;
}

/** The same output items with secrets redacted from their JSON. */
export function redactItems(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: redactSecrets(item.json) }));
}
