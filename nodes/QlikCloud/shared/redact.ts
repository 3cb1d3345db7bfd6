import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Names of fields that hold a credential: qPassword, qConnectionSecret, tokens, keys. */
const SECRET_KEY =
	/pass(word)?$|^qPassword$|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|^pwd$|credentials?value/i;

/** `password=…;` and the like inside a connection string. */
const SECRET_IN_STRING =
	/((?:pass(?:word)?|pwd|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|client[_-]?secret)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;"'\s]*)/gi;

function redactValue(value: unknown, key?: string): unknown {
	if (key !== undefined && SECRET_KEY.test(key)) {
		if (value === undefined || value === null || value === '') return value;
		if (typeof value === 'string' || typeof value === 'number') return REDACTED;
		if (typeof value === 'object') return REDACTED;
	}
	if (typeof value === 'string') return value.replace(SECRET_IN_STRING, `$1${REDACTED}`);
	if (Array.isArray(value)) return value.map((v) => redactValue(v));
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value as IDataObject)) {
			out[k] = redactValue(v, k) as IDataObject[string];
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
