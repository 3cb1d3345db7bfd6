/**
 * Descriptions stage of the generator: each operation's one sentence (what it does and what it
 * returns) and each field's description (what it is, with the facts the spec gives: allowed
 * values, limits, defaults), by rule from names, types, the response kind and what the spec's
 * answer schema names (`Answer`). These are also what an AI agent reads when it fills a field
 * with `$fromAI`. No sentence comes from Qlik's descriptions; operations that no rule describes
 * well have their sentence in `config.ts`.
 */
import type { FieldSpec, PathParamSpec, TableOperation } from '../../nodes/QlikCloud/shared/types';
import { OPERATION_WORDS } from './config';
import { nounPhrase, wordsOf } from './words';

/** "Get" → "Gets", "Search" → "Searches", "Copy" → "Copies". */
export function thirdPerson(verb: string): string {
	if (/(s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
	if (/[^aeiou]y$/.test(verb)) return verb.replace(/y$/, 'ies');
	return `${verb}s`;
}

/**
 * What a JSON answer holds, as the spec gives it: the success status, the name of its schema
 * (`NxApp`, `UserCount`) and its properties. `returned` says by rule what comes back from these.
 */
export interface Answer {
	status: number;
	schema?: string;
	properties: string[];
}

/** Answers of one property: what it holds, by its name (`{ total }` is the count). */
const ONE_PROPERTY: Record<string, string> = {
	total: 'the count',
	url: 'the URL',
	status: 'its status',
	message: 'a confirmation message',
};

/** Words of a schema's name that say nothing of the thing: `NxApp`, `DataProductResponse`. */
const SCHEMA_NOISE = new Set(['nx', 'create', 'response', 'body', 'definition']);

/**
 * The thing a schema's name says comes back, when it is the operation's object: the resource
 * (`NxApp` on App, `term` on Glossary Term) or a part the action names (`BrandFile` on "Replace a
 * brand file", `Delivery` on "Resend a webhook delivery"). Words are compared run together, as
 * schema names split them their own way (`OAuthClientSecret`).
 */
function thingOf(schema: string | undefined, noun: string, action: string): string | undefined {
	if (!schema) return undefined;
	const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
	const phrase = wordsOf(schema)
		.filter((w) => !SCHEMA_NOISE.has(w))
		.join('');
	const own = compact(noun);
	if (!phrase) return undefined;
	if (own.endsWith(phrase)) return noun;
	const named = phrase.startsWith(own) ? phrase : own + phrase;
	const words = action.split(' ');
	for (let i = 0; i < words.length; i++) {
		for (let j = i; j < words.length; j++) {
			if (compact(words.slice(i, j + 1).join('')) === named) return words.slice(i, j + 1).join(' ');
		}
	}
	return undefined;
}

/** Operations whose answer is a copy of their object. */
const COPIES = /^(copy|duplicate)/;

/** "the copy", "the imported app", "the updated brand file", "the brand". */
function theThing(value: string, thing: string): string {
	if (COPIES.test(value)) return 'the copy';
	if (/^import/.test(value)) return `the imported ${thing}`;
	if (/publish$/i.test(value)) return `the published ${thing}`;
	if (/^(create|resend)/.test(value)) return `the new ${thing}`;
	if (/^(update|replace|change|move)/.test(value)) return `the updated ${thing}`;
	return `the ${thing}`;
}

function returned(
	value: string,
	op: Pick<TableOperation, 'action' | 'method' | 'response'>,
	noun: string,
	answer: Answer | undefined,
): string {
	const response = op.response;
	switch (response.kind) {
		case 'empty':
			return op.method === 'DELETE'
				? ' and outputs `deleted: true`'
				: ' and outputs `success: true` (Qlik answers with no content)';
		case 'binary':
			return ' and returns the file as binary data';
		case 'text':
			return ' and returns the text';
		case 'list':
		case 'array':
			return ' and returns the resulting list';
	}
	const properties = answer?.properties ?? [];
	const [only] = properties.length === 1 ? properties : [];
	// A 207 holds a status per entry (`data`), or the errors of the changes that failed.
	if (answer?.status === 207 && properties.includes('data'))
		return ' and returns a result for each entry (`data`)';
	if (answer?.status === 207 && properties.includes('errors'))
		return ' and outputs `success: true`, or the errors of the changes that failed (`errors`)';
	if (only === 'id') {
		const of = COPIES.test(value) ? 'copy' : `new ${noun}`;
		return ` and returns the ID of the ${of} as \`id\``;
	}
	if (only && ONE_PROPERTY[only]) return ` and returns ${ONE_PROPERTY[only]} as \`${only}\``;
	if (/^(update|replace)\w*Settings$/.test(value)) return ' and returns the settings now in effect';
	const thing = thingOf(answer?.schema, noun, op.action);
	if (thing) return ` and returns ${theThing(value, thing)}`;
	if (value === 'create') return ` and returns the new ${noun}`;
	if (/^(update|replace)$/.test(value)) return ` and returns the updated ${noun}`;
	return " and returns Qlik's answer";
}

/**
 * One sentence from the action: "Get many users" → "Returns many users, page by page (Return
 * All, or up to Limit).", "Copy an app" → "Copies an app and returns the copy." (what comes back
 * from `answer`). A deprecated operation says so first, with Qlik's sunset and replacement.
 */
export function describeOperation(
	resource: string,
	value: string,
	op: Pick<TableOperation, 'action' | 'method' | 'response' | 'deprecated'>,
	noun: string,
	answer?: Answer,
): string {
	const own = OPERATION_WORDS[`${resource}.${value}`]?.description;
	const action = op.action.replace(/ \(deprecated\)$/, '');
	const [verb, ...rest] = action.split(' ');
	const object = rest.join(' ');
	let sentence: string;
	if (own) sentence = own;
	else if (verb === 'Get') {
		const r = op.response;
		if (r.kind === 'list' && !r.single)
			sentence = `Returns ${object}, page by page (all of them, or up to the limit).`;
		else if (r.kind === 'binary') sentence = `Downloads ${object} as binary data.`;
		else if (r.kind === 'text') sentence = `Returns ${object} as text.`;
		else sentence = `Returns ${object}.`;
	} else {
		sentence = `${thirdPerson(verb)} ${object}${returned(value, op, noun, answer)}.`;
	}
	const d = op.deprecated;
	if (!d) return sentence;
	const sunset = d.sunset ? ` (sunset ${d.sunset})` : '';
	const instead = d.replacement ? `; use ${d.replacement} instead` : '; Qlik names no replacement';
	return `Deprecated by Qlik${sunset}${instead}. ${sentence}`;
}

/** First words of a boolean that ask for an action: "Whether to include …". */
const ACTION_WORDS = new Set([
	'include',
	'exclude',
	'force',
	'keep',
	'lookup',
	'execute',
	'enable',
	'delete',
	'allow',
	'check',
	'move',
	'parse',
	'list',
	'collapse',
	'show',
	'purge',
	'send',
	'skip',
	'use',
	'count',
	'customize',
	'auto',
	'owned',
]);

/** Booleans whose meaning no rule gives. */
const BOOLEANS: Record<string, string> = {
	totalResults: 'Whether to include the total number of results in the output',
	countTotal: 'Whether to include the total count in the output',
	ownedByMe: 'Whether to keep only what the current user owns',
	lookupUserOnEmail: 'Whether to look the user up by email address',
	noData: 'Whether to create or import the app without its data',
	noActions: 'Whether to leave out the actions',
	noCache: 'Whether to bypass the cache',
	noDatafiles: 'Whether to leave out data files',
	inline: 'Whether to ask for the file inline (to display) rather than as an attachment',
};

/** Query parameters whose meaning no rule gives. */
const FIELD_LEADS: Record<string, string> = {
	filter: 'A filter expression that narrows the results',
	sort: 'The order of the results',
	fields: 'Which fields each result has, comma-separated',
	query: 'Text to search for',
	search: 'Text to search for',
	'if-match': 'Run only if the object still has this ETag (as a Get returned it)',
};

function sentencePhrase(label: string): string {
	return nounPhrase(label.replace(/ \(.*\)$/, ''));
}

function boolean(field: FieldSpec, noun: string): string {
	const own = BOOLEANS[field.name];
	if (own) return own;
	const words = wordsOf(field.name.replace(/^q(?=[A-Z])/, ''));
	const phrase = sentencePhrase(field.label);
	if (ACTION_WORDS.has(words[0])) return `Whether to ${phrase.replace(/^lookup/, 'look up')}`;
	if (words[0] === 'is' || words[0] === 'has') return `Whether it ${phrase}`;
	return `Whether the ${noun} is ${phrase}`;
}

function listOf(values: readonly string[]): string {
	const shown = values.slice(0, 12).map((v) => `"${v}"`);
	return values.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** The facts of a field: allowed values, range, length, default. */
function facts(field: FieldSpec): string[] {
	const out: string[] = [];
	if (field.type === 'integer') out.push('a whole number');
	if (field.enum && field.type === 'array') out.push(`any of ${listOf(field.enum)}`);
	else if (field.enum) out.push(`one of ${listOf(field.enum)}`);
	if (field.minimum !== undefined && field.maximum !== undefined)
		out.push(`from ${field.minimum} to ${field.maximum}`);
	else if (field.minimum !== undefined) out.push(`at least ${field.minimum}`);
	else if (field.maximum !== undefined) out.push(`at most ${field.maximum}`);
	if (field.maxLength !== undefined) out.push(`at most ${field.maxLength} characters`);
	if (field.type === 'array' && !field.enum) out.push('a list');
	if (field.type === 'object') out.push('a JSON object');
	if (field.type === 'json') out.push('JSON');
	if (field.default !== undefined && field.type !== 'boolean' && field.type !== 'binary')
		out.push(`default ${JSON.stringify(field.default)}`);
	if (field.type === 'boolean' && field.default === true) out.push('on by default');
	return out;
}

/**
 * A field's description by rule: "ID of the owner", "Name of the space; at most 256
 * characters", "Whether to include space stats".
 */
export function describeField(
	field: FieldSpec,
	noun: string,
	place: 'filter' | 'object' | 'other',
): string {
	const own = FIELD_LEADS[field.name] ?? FIELD_LEADS[field.name.toLowerCase()];
	if (field.hint && field.spread) return field.hint;
	if (field.type === 'binary') return 'Name of the input binary field that holds the file to send';
	if (field.param === 'patch') return field.hint ?? `JSON Patch operations for the ${noun}`;
	if (field.param === 'body' && field.name === 'body')
		return `The request body, as ${field.type === 'json' ? 'JSON' : 'a JSON object'}`;
	let lead: string;
	const label = sentencePhrase(field.label);
	if (own) lead = own;
	else if (field.type === 'boolean') lead = boolean(field, noun);
	else if (/(^| )IDs?$/.test(field.label) && field.type === 'string') {
		const of = label.replace(/ ?IDs?$/, '');
		lead = of ? `ID of the ${of}` : `ID of the ${noun}`;
	} else if (place === 'filter') lead = `Only results with this ${label}`;
	else if (place === 'object') lead = `The ${label} of the ${noun}`;
	else lead = `The ${label}`;
	const all = facts(field);
	const header = field.hint?.startsWith('Sent as the') ? field.hint.toLowerCase() : undefined;
	const tail = [all.join(', '), header].filter(Boolean).join('; ');
	return `${lead}${tail ? `; ${tail}` : ''}`;
}

/** A path parameter's description: "ID of the app", "Path of the file, such as folder/file.png". */
export function describePathParam(p: PathParamSpec): string {
	if (p.kind === 'path') return 'Path of the file, such as folder/file.png';
	const label = sentencePhrase(p.label);
	if (p.enum) return `The ${label}; one of ${listOf(p.enum)}`;
	if (p.kind === 'text') return `The ${label}`;
	return `ID of the ${label.replace(/ ?IDs?$/, '') || 'item'}`;
}
