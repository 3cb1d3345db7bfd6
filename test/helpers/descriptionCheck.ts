/**
 * What a user (and an AI agent using the node as a tool) reads in the node's description, checked
 * against n8n's UX guidelines: operation descriptions that are only an endpoint or that do not say
 * what comes back ("… and returns Qlik's answer"), fields without a
 * description, run-together or miscased words in display names, actions that do not name their
 * object, option names that are codes rather than words, and Updates that offer only raw JSON
 * Patch although the spec lists the paths. Each finding says where it is.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { SPEC_RULES } from '../../scripts/generate/config';
import { listedPatchPaths } from '../../scripts/generate/fields';
import { readLock } from '../../scripts/generate/lock';
import { draftsOf, loadSpecs, specsDir } from '../../scripts/generate/spec';

export interface Findings {
	endpointOnly: string[];
	vagueReturn: string[];
	noDescription: string[];
	runTogether: string[];
	actionWithoutObject: string[];
	rawOptionName: string[];
	rawPatchOnly: string[];
}

const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE) \/\S+$/;

/** Whether an operation's description ends without saying what comes back. */
export function vagueReturn(description: string): boolean {
	return /\breturns Qlik's answer\.?$/i.test(description.trim());
}

/** Words that are lower-cased runs of two words in Qlik's specs. */
const RUN_TOGETHER =
	/^(appid|comparisonid|baseid|ownername|caseinsensitive|keyprovider|includeui|filepath|datafiles|datasource|dataset|datasets|timezone|zoneinfo|finger|fav)$/i;

/** Acronyms written as words ("Id", "Uris"), and Qlik's spec shorthand ("Src", "Ttl"). */
const MISCASED =
	/^(Id|Ids|Url|Urls|Uri|Uris|Ip|Ips|Api|Json|Oauth|Idp|Arn|Csp|Qri|Qris|Ui|Src|Ttl|Sub|Q)$/;

/** Words with an inner capital that are written so. */
const CAMEL_OK = new Set([
	'IdP',
	'OAuth',
	'OAuth2',
	'SharePoint',
	'PowerPoint',
	'ETag',
	'MiB',
	'QlikView',
	'AutoML',
]);

/** Capitals that people read as a word (an `IDs` is one `ID` more). */
const ACRONYMS = new Set(
	'ID API URL URI QRI AWS KMS JSON CSV XLSX PDF PPTX HTML DOCX SPA JWT ML PKCE HTTP HTTPS SAML OIDC IP QVD SQL UTC SMTP'.split(
		' ',
	),
);

/**
 * Why an option name reads as a code rather than words, if it does: a sort code (`+name`,
 * `-_id`), a lower-case start (`snake_case`, `camelCase`, `urn:…`), an underscore or a colon
 * inside a word, a camel-case or run-together word, or capitals that are no acronym people know
 * (`REP`).
 */
export function rawOptionName(name: string): string | undefined {
	if (/^[+-]/.test(name)) return 'a sort code';
	if (/^[a-z]/.test(name)) return 'starts in lower case';
	if (/_|:\S/.test(name)) return 'a code with "_" or ":"';
	const problem = badWords(name);
	if (problem) return problem;
	for (const word of name.split(/[\s/(),-]+/)) {
		if (/^[A-Z]{2,}\d*s?$/.test(word) && !ACRONYMS.has(word.replace(/(?<=[A-Z]{2})s$/, '')))
			return `capitals "${word}" that are no known acronym`;
	}
	return undefined;
}

/** Why a display name reads badly, if it does. */
export function badWords(name: string): string | undefined {
	for (const raw of name.split(/[\s/(),:;→-]+/).filter(Boolean)) {
		const word = raw.replace(/[.'"…]/g, '');
		if (RUN_TOGETHER.test(word)) return `run-together "${word}"`;
		if (MISCASED.test(word)) return `miscased "${word}"`;
		if (/[a-z][A-Z]/.test(word) && !CAMEL_OK.has(word) && !/^[A-Z0-9]+s?$/.test(word))
			return `camel-case "${word}"`;
	}
	return undefined;
}

function stem(word: string): string {
	const w = word.toLowerCase();
	if (/ies$/.test(w)) return w.replace(/ies$/, 'y');
	return /(ss|us)$/.test(w) ? w : w.replace(/s$/, '');
}

/** Whether an action names its object: a word of the resource, and not "Verb (resource)". */
export function namesObject(action: string, resource: string): boolean {
	if (/\([^)]*\)$/.test(action.replace(/ \(deprecated\)$/, ''))) return false;
	const words = new Set(action.split(/[\s-]+/).map(stem));
	return resource
		.split(' ')
		.map(stem)
		.some((w) => words.has(w));
}

/** Property types a user fills. */
const CONTAINERS = new Set(['collection', 'fixedCollection', 'notice', 'hidden', 'callout']);

type Child = INodeProperties | INodePropertyCollection | INodePropertyOptions;

function walk(props: readonly Child[], where: string, out: Findings): void {
	for (const p of props) {
		const name = 'displayName' in p ? p.displayName : p.name;
		const here = `${where} › ${name}`;
		// A notice's text is a sentence (an endpoint, a warning), not a name.
		const problem = 'type' in p && p.type === 'notice' ? undefined : badWords(name);
		if (problem) out.runTogether.push(`${here}: ${problem}`);
		if ('type' in p) {
			if (!CONTAINERS.has(p.type) && !p.description?.trim())
				out.noDescription.push(`${here} (${p.name})`);
			if (p.type === 'collection' || p.type === 'fixedCollection')
				walk((p.options ?? []) as Child[], here, out);
			if (p.type === 'options' || p.type === 'multiOptions') {
				for (const o of (p.options ?? []) as INodePropertyOptions[]) {
					const raw = rawOptionName(o.name);
					if (raw) out.rawOptionName.push(`${here} › ${o.name}: ${raw}`);
				}
			}
		} else if ('values' in p) {
			walk(p.values, here, out);
		}
	}
}

/** The operations (`resource.operation` values) that show fields which pass `test`. */
function showing(fields: INodeProperties[], test: (f: INodeProperties) => boolean): Set<string> {
	const out = new Set<string>();
	for (const f of fields.filter(test)) {
		for (const resource of f.displayOptions?.show?.resource ?? [])
			for (const operation of f.displayOptions?.show?.operation ?? [])
				out.add(`${String(resource)}.${String(operation)}`);
	}
	return out;
}

/**
 * Every finding in a node's properties (the Qlik Cloud node: resource, operation, fields).
 * `listedPatchPaths` holds the operations (`resource.operation` values) whose JSON Patch body
 * has its paths listed in the spec: none may offer the raw Patch Operations field alone.
 */
export function checkDescription(
	properties: INodeProperties[],
	listedPatchPaths: ReadonlySet<string> = new Set(),
): Findings {
	const out: Findings = {
		endpointOnly: [],
		vagueReturn: [],
		noDescription: [],
		runTogether: [],
		actionWithoutObject: [],
		rawOptionName: [],
		rawPatchOnly: [],
	};
	const resources = new Map<string, string>();
	for (const p of properties.filter((x) => x.name === 'resource')) {
		for (const o of (p.options ?? []) as INodePropertyOptions[]) {
			resources.set(String(o.value), o.name);
			const problem = badWords(o.name);
			if (problem) out.runTogether.push(`Resource ${o.name}: ${problem}`);
		}
	}
	const fields = properties.filter(
		(p) => !['resource', 'authentication', 'operation'].includes(p.name),
	);
	// Raw patch operations are fine below Update Fields; curated fields without them are too.
	const rawPatch = showing(fields, (f) => f.name === 'patch');
	const collected = showing(fields, (f) => f.name === 'updateFields' && !!f.options?.length);
	for (const p of properties) {
		if (p.name !== 'operation') continue;
		const resourceValue = String(p.displayOptions?.show?.resource?.[0]);
		// A resource in no Resource list (every operation retired) is offered to no new node.
		if (resources.size > 0 && !resources.has(resourceValue)) continue;
		const resource = resources.get(resourceValue) ?? resourceValue;
		for (const o of (p.options ?? []) as INodePropertyOptions[]) {
			const where = `${resource} → ${o.name}`;
			if (!o.description?.trim() || ENDPOINT.test(o.description.trim()))
				out.endpointOnly.push(`${where}: ${JSON.stringify(o.description ?? '')}`);
			if (o.description && vagueReturn(o.description))
				out.vagueReturn.push(`${where}: ${JSON.stringify(o.description)}`);
			const problem = badWords(o.name);
			if (problem) out.runTogether.push(`${where}: ${problem}`);
			if (!o.action || !namesObject(o.action, resource))
				out.actionWithoutObject.push(`${where}: ${JSON.stringify(o.action ?? '')}`);
			const key = `${resourceValue}.${String(o.value)}`;
			if (listedPatchPaths.has(key) && rawPatch.has(key) && !collected.has(key))
				out.rawPatchOnly.push(where);
		}
	}
	for (const f of fields) {
		const show = f.displayOptions?.show;
		const where = `${show?.resource?.[0] ?? ''}.${show?.operation?.[0] ?? ''}`;
		walk([f], where, out);
	}
	return out;
}

/**
 * The operations (`resource.operation` values) whose spec lists the paths their JSON Patch body
 * may set, as the generator reads them.
 */
export function operationsWithListedPatchPaths(dir = specsDir([])): Set<string> {
	const { endpoints } = readLock();
	const out = new Set<string>();
	for (const d of draftsOf(loadSpecs(dir), SPEC_RULES)) {
		const values = endpoints[d.endpoint];
		if (values && listedPatchPaths(d)?.length) out.add(`${values.resource}.${values.operation}`);
	}
	return out;
}
