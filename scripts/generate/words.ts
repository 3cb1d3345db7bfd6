/** Display words derived from API names by rule. */

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
};

/** `createdByUserId`, `data-store-id`, `owner_id` → ['created', 'by', 'user', 'id']. */
export function wordsOf(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[\s_.\-/]+/)
		.filter(Boolean)
		.map((w) => w.toLowerCase());
}

function cap(word: string): string {
	return ACRONYMS[word] ?? word.charAt(0).toUpperCase() + word.slice(1);
}

/** Title Case: `changeOwner` → "Change Owner". */
export function titleOf(name: string): string {
	return wordsOf(name).map(cap).join(' ');
}

/** A field label: `spaceId` → "Space ID". */
export function labelOf(name: string): string {
	return titleOf(name);
}

/** Sentence case: "Change Owner (Many)" → "Change owner (many)"; acronyms stay. */
export function sentenceOf(title: string): string {
	const words = title.split(' ');
	return words
		.map((w, i) => {
			const bare = w.replace(/[()]/g, '').toLowerCase();
			if (ACRONYMS[bare]) return w;
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
		.map((w) => (Object.values(ACRONYMS).includes(w) ? w : w.toLowerCase()))
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
