/**
 * Names stage of the generator: each endpoint's operation value by rule (or from the names in
 * `config.ts`), and the display name and action a value gives. Values are then locked
 * (`lock.ts`): a rule changed here does not silently change a saved workflow's value.
 */
import type { ResponseSpec } from '../../nodes/QlikCloud/shared/types';
import { responseOf } from './fields';
import type { Draft } from './spec';
import { OPERATION_WORDS } from './config';
import { a, camel, phraseOf, plural, singular, titleOf, wordsOf } from './words';

const VERBS = new Set([
	'copy',
	'export',
	'import',
	'publish',
	'upsert',
	'validate',
	'recommend',
	'start',
	'cancel',
	'activate',
	'deactivate',
	'test',
	'migrate',
	'execute',
	'trigger',
	'resend',
]);

/** Segments of a path after the resource's collection path, with parameters as `{}`. */
function relative(base: string, p: string): string[] {
	const rest = p.slice(base.length).split('/').filter(Boolean);
	return rest.map((s) => (s.startsWith('{') ? '{}' : s));
}

export function commonBase(paths: string[]): string {
	const split = paths.map((p) => p.split('/'));
	const out: string[] = [];
	for (let i = 0; ; i++) {
		const seg = split[0][i];
		if (seg === undefined || split.some((s) => s[i] !== seg)) break;
		out.push(seg);
	}
	while (out.length > 0 && out[out.length - 1].startsWith('{') && paths.includes(out.join('/')))
		out.pop();
	while (
		out.length > 0 &&
		(out[out.length - 1] === 'actions' || out[out.length - 1].startsWith('{'))
	)
		out.pop();
	return out.join('/');
}

export function ruleName(
	d: Draft,
	base: string,
	siblings: Draft[],
	response: ResponseSpec,
): string {
	const rel = relative(base, d.path);
	const hasPatch = siblings.some((s) => s.path === d.path && s.method === 'PATCH');
	const isList = response.kind === 'list' && !response.single;
	const actionsAt = rel.indexOf('actions');
	const hasItemGet = siblings.some(
		(x) => x.method === 'GET' && relative(base, x.path).join('/') === '{}',
	);
	if (rel.length === 0) {
		return {
			GET: hasItemGet || response.kind === 'list' || response.kind === 'array' ? 'getAll' : 'get',
			POST: 'create',
			PUT: hasPatch ? 'replace' : 'update',
			PATCH: 'update',
			DELETE: 'deleteMany',
		}[d.method];
	}
	if (rel.length === 1 && rel[0] === '{}') {
		return {
			GET: 'get',
			POST: 'create',
			PUT: hasPatch ? 'replace' : 'update',
			PATCH: 'update',
			DELETE: 'delete',
		}[d.method];
	}
	const nouns = (segments: string[]) =>
		segments
			.map((s, i) => (s === '{}' ? '' : segments[i + 1] === '{}' ? singular(s) : s))
			.filter(Boolean)
			.map((s) => titleOf(s).replace(/ /g, ''))
			.join('');
	if (actionsAt >= 0) {
		const verb = camel(
			rel
				.slice(actionsAt + 1)
				.filter((s) => s !== '{}')
				.join('-'),
		);
		const before = rel.slice(0, actionsAt);
		const object = nouns(before);
		const itemLevel = before.includes('{}');
		const alsoPerItem = siblings.some((x) => {
			const other = relative(base, x.path);
			const at = other.indexOf('actions');
			return (
				at > 0 && other.slice(0, at).includes('{}') && camel(other.slice(at + 1).join('-')) === verb
			);
		});
		if (!itemLevel && (verb === 'delete' || verb === 'update' || alsoPerItem)) return `${verb}Many`;
		return object ? `${verb}${object}` : verb;
	}
	const last = rel[rel.length - 1];
	const object = nouns(rel);
	switch (d.method) {
		case 'GET':
			return `${isList ? 'getAll' : 'get'}${object}`;
		case 'POST':
			if (VERBS.has(last)) return camel(last);
			return `create${nouns(rel.slice(0, -1))}${titleOf(singular(last)).replace(/ /g, '')}`;
		case 'PUT':
			return `${hasPatch ? 'replace' : 'update'}${object}`;
		case 'PATCH':
			return `update${object}`;
		default:
			return `delete${object}`;
	}
}

/**
 * Where an endpoint acts, which says how its action names the object: on a part of one item
 * (`/apps/{appId}/owner`: "the owner of an app"), on an item of its own below one
 * (`/webhooks/{id}/deliveries/{deliveryId}`: "a webhook delivery"), or on the resource as a whole
 * (`/audits/settings`: "the audit settings").
 */
export type Place = 'item' | 'part' | 'resource';

export function placeOf(base: string, p: string): Place {
	const rel = relative(base, p);
	const at = rel.indexOf('actions');
	const before = at >= 0 ? rel.slice(0, at) : rel;
	if (before.length > 1 && before[before.length - 1] === '{}') return 'part';
	return before.includes('{}') ? 'item' : 'resource';
}

/** Overrides of `config.ts` for one operation, if any. */
function wordsFor(resource: string | undefined, value: string) {
	return resource ? OPERATION_WORDS[`${resource}.${value}`] : undefined;
}

/**
 * The Operation dropdown's name, Title Case: `getAllRuns` → "Get Many Runs", `deleteMany` →
 * "Delete Many", `changeSpaceMany` → "Change Space (Many)".
 */
export function displayNameOf(value: string, resource?: string): string {
	const own = wordsFor(resource, value)?.name;
	if (own) return own;
	if (value === 'getAll') return 'Get Many';
	if (value.startsWith('getAll')) return `Get Many ${titleOf(value.slice(6))}`;
	if (value.endsWith('Many') && value !== 'getMany') {
		const base = value.slice(0, -4);
		return wordsOf(base).length === 1 ? `${titleOf(base)} Many` : `${titleOf(base)} (Many)`;
	}
	return titleOf(value);
}

/** Adjectives an operation puts before its object: "Get the current user". */
const BEFORE_NOUN = new Set(['current', 'active']);

/**
 * The action, a sentence that names its object (n8n makes canvas node names and AI tool
 * descriptions from it): `copy` → "Copy an app", `getReloadLogs` → "Get the reload logs of an
 * app", `getDelivery` → "Get a webhook delivery", `getSettings` → "Get the audit settings",
 * `moveToPersonalSpace` → "Move an app to personal space", `deleteMany` → "Delete many data files".
 */
export function actionOf(
	value: string,
	noun: string,
	resource?: string,
	place: Place = 'item',
): string {
	const own = wordsFor(resource, value)?.action;
	if (own) return own;
	switch (value) {
		case 'create':
			return `Create ${a(noun)}`;
		case 'get':
			return `Get ${a(noun)}`;
		case 'getAll':
			return `Get many ${plural(noun)}`;
		case 'update':
			return `Update ${a(noun)}`;
		case 'replace':
			return `Replace ${a(noun)}`;
		case 'delete':
			return `Delete ${a(noun)}`;
	}
	const many = value.endsWith('Many');
	const [verb, ...rest] = phraseOf(many ? value.slice(0, -4) : value).split(' ');
	const Verb = verb.charAt(0).toUpperCase() + verb.slice(1);
	if (many) {
		return rest.length
			? `${Verb} the ${rest.join(' ')} of many ${plural(noun)}`
			: `${Verb} many ${plural(noun)}`;
	}
	if (rest.length === 0) return `${Verb} ${a(noun)}`;
	const tail = rest.join(' ');
	if (rest[0] === 'all' && rest.length === 1) return `${Verb} all ${plural(noun)}`;
	if (rest[0] === 'all') return `${Verb} many ${noun} ${rest.slice(1).join(' ')}`;
	if (BEFORE_NOUN.has(rest[0])) return `${Verb} the ${tail} ${noun}`;
	if (rest[0] === 'or') return `${Verb} ${tail} ${a(noun)}`;
	if (rest[0] === 'my') return `${Verb} ${tail} for ${a(noun)}`;
	if (rest[0] === 'now' || /^(to|from|for|in|into|on)$/.test(rest[0]))
		return `${Verb} ${a(noun)} ${tail}`;
	// The rest already names the object ("Change License Type" on License).
	const head = noun.split(' ').pop()!.toLowerCase();
	if (rest[0] === head || rest[0] === singular(head)) return `${Verb} ${tail}`;
	if (place === 'part') return `${Verb} ${a(`${noun} ${tail}`)}`;
	if (place === 'resource') return `${Verb} the ${noun} ${tail}`;
	if (verb === 'create') return `${Verb} ${a(tail)} for ${a(noun)}`;
	return `${Verb} the ${tail} of ${a(noun)}`;
}

/**
 * Sets each draft's operation value by rule: drafts are grouped by the resource their spec rule
 * puts them in, and named relative to that resource's collection path. Two endpoints of one
 * resource with one value is an error that names both.
 */
export function nameDrafts(drafts: Draft[]): void {
	const byResource = new Map<string, Draft[]>();
	for (const d of drafts) {
		const list = byResource.get(d.rule.resource) ?? [];
		list.push(d);
		byResource.set(d.rule.resource, list);
	}
	for (const [resource, list] of byResource) {
		const base = commonBase(list.map((d) => d.path));
		const seen = new Map<string, string>();
		for (const d of list) {
			d.value = d.names?.[d.endpoint] ?? ruleName(d, base, list, responseOf(d));
			const other = seen.get(d.value);
			if (other) {
				throw new Error(
					`${resource}: "${d.value}" names both ${other} and ${d.endpoint}; add a name in scripts/generate/config.ts`,
				);
			}
			seen.set(d.value, d.endpoint);
		}
	}
}
