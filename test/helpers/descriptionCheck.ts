/**
 * What a user (and an AI agent using the node as a tool) reads in the node's description, checked
 * against n8n's UX guidelines: operation descriptions that are only an endpoint, fields without a
 * description, run-together or miscased words in display names, actions that do not name their
 * object. Each finding says where it is.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

export interface Findings {
	endpointOnly: string[];
	noDescription: string[];
	runTogether: string[];
	actionWithoutObject: string[];
}

const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE) \/\S+$/;

/** Words that are lower-cased runs of two words in Qlik's specs. */
const RUN_TOGETHER =
	/^(appid|comparisonid|baseid|ownername|caseinsensitive|keyprovider|includeui|filepath|datafiles|datasource|dataset|datasets|timezone|finger|fav)$/i;

/** Acronyms written as words ("Id", "Uris"), and Qlik's spec shorthand ("Src", "Ttl"). */
const MISCASED =
	/^(Id|Ids|Url|Urls|Uri|Uris|Ip|Ips|Api|Json|Oauth|Idp|Arn|Csp|Qri|Qris|Ui|Src|Ttl|Sub|Q)$/;

/** Words with an inner capital that are written so. */
const CAMEL_OK = new Set(['IdP', 'OAuth', 'OAuth2', 'SharePoint', 'PowerPoint', 'ETag', 'MiB']);

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
		} else if ('values' in p) {
			walk(p.values, here, out);
		}
	}
}

/** Every finding in a node's properties (the Qlik Cloud node: resource, operation, fields). */
export function checkDescription(properties: INodeProperties[]): Findings {
	const out: Findings = {
		endpointOnly: [],
		noDescription: [],
		runTogether: [],
		actionWithoutObject: [],
	};
	const resources = new Map<string, string>();
	for (const p of properties.filter((x) => x.name === 'resource')) {
		for (const o of (p.options ?? []) as INodePropertyOptions[]) {
			resources.set(String(o.value), o.name);
			const problem = badWords(o.name);
			if (problem) out.runTogether.push(`Resource ${o.name}: ${problem}`);
		}
	}
	const fields: INodeProperties[] = [];
	for (const p of properties) {
		if (p.name === 'resource' || p.name === 'authentication') continue;
		if (p.name !== 'operation') {
			fields.push(p);
			continue;
		}
		const resourceValue = String(p.displayOptions?.show?.resource?.[0]);
		// A resource in no Resource list (every operation retired) is offered to no new node.
		if (resources.size > 0 && !resources.has(resourceValue)) continue;
		const resource = resources.get(resourceValue) ?? resourceValue;
		for (const o of (p.options ?? []) as INodePropertyOptions[]) {
			const where = `${resource} → ${o.name}`;
			if (!o.description?.trim() || ENDPOINT.test(o.description.trim()))
				out.endpointOnly.push(`${where}: ${JSON.stringify(o.description ?? '')}`);
			const problem = badWords(o.name);
			if (problem) out.runTogether.push(`${where}: ${problem}`);
			if (!o.action || !namesObject(o.action, resource))
				out.actionWithoutObject.push(`${where}: ${JSON.stringify(o.action ?? '')}`);
		}
	}
	for (const f of fields) {
		const show = f.displayOptions?.show;
		const where = `${show?.resource?.[0] ?? ''}.${show?.operation?.[0] ?? ''}`;
		walk([f], where, out);
	}
	return out;
}
