/**
 * Readable names for the choices of generated fields: Qlik's enum values are codes (`REP`,
 * `client_secret`, `urn:qlik:oauth:user-impersonation`, `+createdAt`), the editor shows words.
 * A rule splits and capitalises; the table holds what no rule can read.
 */

/** Values, or words inside them, that no rule reads right. */
const NAMES: Record<string, string> = {
	REP: 'Report',
	SUB: 'Subscription',
	sub: 'Subject',
	_id: 'ID',
	qvapp: 'QlikView App',
	qlikview: 'QlikView',
	qv: 'QlikView',
	codeveloper: 'Co-Developer',
	favIcon: 'Favicon',
	Microsoft365: 'Microsoft 365',
	automl: 'AutoML',
	publicgoverned: 'Public Governed',
	genericlink: 'Generic Link',
	sharingservicetask: 'Sharing Service Task',
	dataasset: 'Data Asset',
	dataset: 'Data Set',
	dataproduct: 'Data Product',
	dataqualityrule: 'Data Quality Rule',
	knowledgebase: 'Knowledge Base',
	semantictype: 'Semantic Type',
	notowner: 'Not Owner',
	connectionname: 'Connection Name',
	datapreview: 'Data Preview',
	dataconsumer: 'Data Consumer',
	basicconsumer: 'Basic Consumer',
	datecreated: 'Date Created',
	ownername: 'Owner Name',
	lasttrigger: 'Last Trigger',
	lastscan: 'Last Scan',
	nextexecutiontime: 'Next Execution Time',
	triggertime: 'Trigger Time',
	starttime: 'Start Time',
	periodstart: 'Period Start',
	periodend: 'Period End',
	appname: 'App Name',
	appid: 'App ID',
};

const ACRONYMS = new Set([
	'id',
	'api',
	'url',
	'uri',
	'qri',
	'aws',
	'kms',
	'json',
	'xlsx',
	'pdf',
	'pptx',
	'html',
	'docx',
	'spa',
	'jwt',
]);

function word(w: string): string {
	if (NAMES[w]) return NAMES[w];
	const lower = w.toLowerCase();
	if (ACRONYMS.has(lower)) return lower.toUpperCase();
	if (lower === 'idp') return 'IdP';
	if (lower === 'oauth') return 'OAuth';
	return /^\d/.test(w) ? w : lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * `client_secret` → "Client Secret", `LOG_ON_SERVICE_USER` → "Log On Service User",
 * `urn:qlik:oauth:user-impersonation` → "User Impersonation", `sense-image-1.0` →
 * "Sense Image 1.0", `evaluation.resultData.count` → "Evaluation Result Data Count".
 */
export function optionName(value: string): string {
	if (NAMES[value]) return NAMES[value];
	const bare = value.includes(':') ? value.slice(value.lastIndexOf(':') + 1) : value;
	const words = bare
		.replace(/-(\d+(\.\d+)*)$/, ' $1')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/[\s_-]+|\.(?!\d)/)
		.filter(Boolean);
	return words.length ? words.map(word).join(' ') : value;
}

/** A sort order: `+name` or `name` → "Name (Ascending)", `-createdAt` → "Created At (Descending)". */
export function sortName(value: string): string {
	const descending = value.startsWith('-');
	const field = value.replace(/^[+-]/, '');
	return `${optionName(field)} (${descending ? 'Descending' : 'Ascending'})`;
}
