/** Display words derived from API names by rule. */
import { FIELD_LABELS } from './config';

const ACRONYMS: Record<string, string> = {
	id: 'ID',
	ids: 'IDs',
	api: 'API',
	url: 'URL',
	uri: 'URI',
	urls: 'URLs',
	oauth: 'OAuth',
	csp: 'CSP',
	ip: 'IP',
	json: 'JSON',
	sso: 'SSO',
	saml: 'SAML',
	oidc: 'OIDC',
	jwt: 'JWT',
	scim: 'SCIM',
	ai: 'AI',
	qid: 'QID',
	guid: 'GUID',
	smtp: 'SMTP',
	odag: 'ODAG',
	arn: 'ARN',
	kms: 'KMS',
	html: 'HTML',
	pdf: 'PDF',
	idp: 'IdP',
	uris: 'URIs',
	ips: 'IPs',
	qri: 'QRI',
	qris: 'QRIs',
	ui: 'UI',
	wss: 'WSS',
	etag: 'ETag',
	iso: 'ISO',
};

/** Names Qlik runs together in lower case, split into their words. */
const RUN_TOGETHER: Record<string, string[]> = {
	appid: ['app', 'id'],
	comparisonid: ['comparison', 'id'],
	baseid: ['base', 'id'],
	ownername: ['owner', 'name'],
	caseinsensitive: ['case', 'insensitive'],
	keyprovider: ['key', 'provider'],
	keyproviders: ['key', 'providers'],
	includeui: ['include', 'ui'],
	filepath: ['file', 'path'],
	datafiles: ['data', 'files'],
	datasource: ['data', 'source'],
	dataset: ['data', 'set'],
	datasets: ['data', 'sets'],
	publisheditems: ['published', 'items'],
	validatescript: ['validate', 'script'],
	timezone: ['time', 'zone'],
};

/** Word pairs that are one word in English: "finger print" → "fingerprint". */
const JOINED: Array<[string, string, string]> = [
	['finger', 'print', 'fingerprint'],
	['fav', 'icon', 'favicon'],
	['read', 'me', 'readme'],
	['call', 'back', 'callback'],
	['share', 'point', 'sharepoint'],
	['power', 'point', 'powerpoint'],
	['sub', 'type', 'subtype'],
	['sub', 'folders', 'subfolders'],
	['sub', 'resource', 'subresource'],
];

/** Spec shorthand shown as words. */
const SPELLED: Record<string, string> = {
	src: 'source',
	sense: 'Sense',
	sharepoint: 'SharePoint',
	powerpoint: 'PowerPoint',
};

/** Words that keep their capitals in a sentence: names (Qlik, SharePoint) and acronyms. */
const KEPT = /^(Qlik|Sense|[A-Za-z][a-z]*[A-Z]\w*)$/;

/** Short words that stay lower case inside a Title Case name (not first). */
const MINOR = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'in',
	'of',
	'on',
	'or',
	'per',
	'the',
	'to',
	'vs',
]);

/** `createdByUserId`, `data-store-id`, `owner_id` → ['created', 'by', 'user', 'id']. */
export function wordsOf(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[\s_.\-/]+/)
		.filter(Boolean)
		.map((w) => w.toLowerCase())
		.flatMap((w) => RUN_TOGETHER[w] ?? [w]);
}

/** Display words: run-together pairs joined, shorthand spelled out. */
function displayWords(name: string): string[] {
	const words = wordsOf(name);
	const out: string[] = [];
	for (let i = 0; i < words.length; i++) {
		const joined = JOINED.find(([x, y]) => words[i] === x && words[i + 1] === y);
		if (joined) i++;
		const word = joined ? joined[2] : words[i];
		out.push(SPELLED[word] ?? word);
	}
	return out;
}

function cap(word: string, index = 0): string {
	if (index > 0 && MINOR.has(word)) return word;
	if (ACRONYMS[word]) return ACRONYMS[word];
	return /[A-Z]/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

/** Title Case: `changeOwner` → "Change Owner", `daysOfWeek` → "Days of Week". */
export function titleOf(name: string): string {
	return displayWords(name).map(cap).join(' ');
}

/** Words shown in a sentence: acronyms and names kept, the rest lower case. */
export function phraseOf(name: string): string {
	return displayWords(name)
		.map((w) => ACRONYMS[w] ?? w)
		.join(' ');
}

/**
 * A field label: `spaceId` → "Space ID". Qlik's `q` prefix (`qConnectStatement`) is dropped; a few
 * names read badly by rule and have their label in `config.ts`.
 */
export function labelOf(name: string): string {
	return (
		FIELD_LABELS[name] ??
		FIELD_LABELS[name.toLowerCase()] ??
		titleOf(/^q[A-Z]/.test(name) ? name.slice(1) : name)
	);
}

/** Sentence case: "Change Owner (Many)" → "Change owner (many)"; acronyms stay. */
export function sentenceOf(title: string): string {
	const words = title.split(' ');
	return words
		.map((w, i) => {
			const bare = w.replace(/[()]/g, '');
			if (ACRONYMS[bare.toLowerCase()] || KEPT.test(bare)) return w;
			return i === 0 ? w : w.toLowerCase();
		})
		.join(' ');
}

/** `change-owner` → `changeOwner`. */
export function camel(name: string): string {
	const words = wordsOf(name);
	return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** A resource display name as a noun in a sentence: "Data File" → "data file", "API Key" → "API key". */
export function nounPhrase(displayName: string): string {
	return displayName
		.split(' ')
		.map((w) => (Object.values(ACRONYMS).includes(w) || KEPT.test(w) ? w : w.toLowerCase()))
		.join(' ');
}

export function singular(word: string): string {
	if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
	if (/(ss|us)$/.test(word)) return word;
	if (/(sses|shes|ches|xes)$/.test(word)) return word.replace(/es$/, '');
	if (/s$/.test(word)) return word.replace(/s$/, '');
	return word;
}

export function plural(phrase: string): string {
	if (/(s|sh|ch|x)$/.test(phrase)) return `${phrase}es`;
	if (/[^aeiou]y$/.test(phrase)) return phrase.replace(/y$/, 'ies');
	if (/media$|consumption$/i.test(phrase)) return phrase;
	return `${phrase}s`;
}

/** "a data file", "an API key", "an app". */
export function a(phrase: string): string {
	return /^([aeiou]|API|IP|OAuth|SSO|SCIM)/i.test(phrase) && !/^(user|uri)/i.test(phrase)
		? `an ${phrase}`
		: `a ${phrase}`;
}
