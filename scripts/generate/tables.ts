/**
 * Assembles each resource's operation table from Qlik's OpenAPI files: endpoints loaded
 * (`spec.ts`), named by rule (`names.ts`), their values locked (`lock.ts`), their facts read
 * (`fields.ts`). `write.ts` turns the tables into the generated TypeScript.
 *
 * Facts carry over from the specs (paths, methods, parameter and property names, types, enums,
 * required flags, defaults, limits, tiers); every word shown to a user is derived by rule from
 * names or written in `config.ts`.
 */
import type { FieldSpec, ResourceTable, TableOperation } from '../../nodes/QlikCloud/shared/types';
import { TUS_VERSION } from '../../nodes/QlikCloud/transport/tus';
import type { SpecRule } from './config';
import { LISTED_ELSEWHERE, SPEC_RULES } from './config';
import type { ItemOwner, Locators } from './fields';
import {
	answerOf,
	bodyOf,
	fieldOf,
	norm,
	PAGING_PARAMS,
	parametersOf,
	pathParamsOf,
	RESERVED,
	responseOf,
	successResponse,
	tierOf,
	withLocator,
} from './fields';
import type { Lock, Resolution } from './lock';
import { firstValues, resolveValues } from './lock';
import type { Answer } from './describe';
import { describeField, describeOperation, describePathParam } from './describe';
import { actionOf, commonBase, displayNameOf, nameDrafts, placeOf } from './names';
import type { Draft, Spec } from './spec';
import { draftsOf } from './spec';
import { camel, labelOf, nounPhrase, titleOf } from './words';

interface ResourceDraft {
	drafts: Draft[];
	/** The node parameter of its item ID. */
	idParam: string;
	/** The resource's collection path. */
	base: string;
	table: ResourceTable;
}

export interface Built {
	/** Every resource's table, by display name. */
	tables: ResourceTable[];
	/** The values as locked, and what differs from the rules. */
	resolution: Resolution;
}

/**
 * The date the tables are generated as of: an operation whose sunset is past it is retired. A
 * constant bumped on purpose (with a regeneration), so that runs and `generate:check` agree.
 */
export const GENERATION_DATE = '2026-12-01';

/**
 * Whether a sunset (`2026-09` or `2026-09-15`) is past on `today` (`YYYY-MM-DD`): a month-only
 * sunset lasts to the end of its month.
 */
export function isRetired(sunset: string, today: string): boolean {
	return today.slice(0, sunset.length) > sunset;
}

/** Builds every table from the specs, with the values the lock gives, as of `today`. */
export function buildTables(
	specs: Spec[],
	lock: Lock,
	rules: SpecRule[] = SPEC_RULES,
	today: string = GENERATION_DATE,
): Built {
	const drafts = draftsOf(specs, rules);
	nameDrafts(drafts);
	const ruled = new Map<string, { resource: string; operation: string }>();
	for (const d of drafts) {
		if (ruled.has(d.endpoint)) throw new Error(`${d.endpoint} is in two specs`);
		ruled.set(d.endpoint, { resource: d.rule.resource, operation: d.value! });
	}
	const resolution = resolveValues(ruled, lock);
	const first = firstValues(lock);
	const resources = new Map<string, ResourceDraft>();
	for (const d of drafts) {
		const values = resolution.values.get(d.endpoint)!;
		d.value = values.operation;
		let r = resources.get(values.resource);
		if (!r) {
			const table: ResourceTable = {
				resource: values.resource,
				displayName: d.rule.displayName,
				spec: d.spec.file,
				operations: {},
			};
			if (d.rule.description) table.description = d.rule.description;
			r = { drafts: [], base: '', table, idParam: `${first.resource(values.resource)}Id` };
			resources.set(values.resource, r);
		}
		if (r.drafts.some((x) => x.value === d.value))
			throw new Error(`${values.resource}: two endpoints are locked as "${d.value}"`);
		r.drafts.push(d);
	}
	// Which resource's item each `{param}` prefix is: `/api/v1/spaces/{}` → space.
	const itemOf = new Map<string, ItemOwner>();
	for (const r of resources.values()) {
		r.base = commonBase(r.drafts.map((d) => d.path));
		const get = r.drafts.find((d) => d.value === 'get' && /\/\{[^}]+\}$/.test(d.path));
		if (!get) continue;
		const list = r.drafts.find((d) => d.value === 'getAll');
		const listable = !!list && list.path === get.path.replace(/\/\{[^}]+\}$/, '');
		const { resource, displayName } = r.table;
		itemOf.set(norm(get.path), { resource, displayName, listable, idParam: r.idParam });
	}
	const locators: Locators = new Map();
	for (const owner of itemOf.values()) {
		if (owner.listable || LISTED_ELSEWHERE.has(owner.resource))
			locators.set(`${owner.resource}Id`, owner.resource);
	}
	if (locators.has('userId')) locators.set('ownerId', 'user');
	const tables: ResourceTable[] = [];
	for (const r of resources.values()) {
		for (const d of r.drafts) {
			const value = first.operation(r.table.resource, d.value!);
			r.table.operations[d.value!] = operationOf(
				d,
				r,
				{ itemOf, locators },
				resources,
				value,
				today,
			);
		}
		tables.push(r.table);
	}
	return { tables: tables.sort((x, y) => x.displayName.localeCompare(y.displayName)), resolution };
}

/** Protocol headers the node sends itself, with their value: no editor field. */
const PROTOCOL_HEADERS: Record<string, string> = { 'tus-resumable': TUS_VERSION };

function deprecationOf(
	d: Draft,
	resources: Map<string, ResourceDraft>,
): TableOperation['deprecated'] | undefined {
	if (d.op['x-qlik-deprecated'] !== true && d.op.deprecated !== true) return undefined;
	const out: NonNullable<TableOperation['deprecated']> = {};
	if (typeof d.op['x-qlik-deprecated-sunset'] === 'string')
		out.sunset = d.op['x-qlik-deprecated-sunset'] as string;
	const replacedBy = (
		d.op['x-qlik-replaced-by'] as Array<{ uniqueIdentifier?: string }> | undefined
	)?.[0]?.uniqueIdentifier;
	let target: { method?: string; path: string; suffix?: boolean } | undefined;
	if (replacedBy) {
		const [method, p] = replacedBy.split(':');
		target = { method, path: `/api${p}` };
	} else {
		const text = String(d.op['x-qlik-deprecated-description'] ?? '');
		const call = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[\w/{}-]+)/.exec(text);
		const quoted = /`(\/[\w/{}-]+)`/.exec(text);
		if (call) target = { method: call[1], path: call[2], suffix: true };
		else if (quoted) target = { path: `/api${quoted[1]}` };
	}
	if (target) {
		const t = target;
		const matches = (x: Draft) =>
			(!t.method || x.method === t.method) &&
			(t.suffix
				? x.path.endsWith(t.path) && x !== d
				: t.method
					? x.path === t.path
					: x.path.startsWith(t.path));
		for (const r of resources.values()) {
			const hit = r.drafts.find(matches);
			if (hit) {
				out.replacement = t.method
					? `${r.table.displayName} → ${displayNameOf(hit.value!, r.table.resource)}`
					: `the ${r.table.displayName} resource`;
				break;
			}
		}
	}
	return out;
}

/** Every field of a row gets its description by rule (`describe.ts`). */
function describeFields(op: TableOperation, value: string, noun: string): void {
	for (const p of op.pathParams ?? []) p.hint ??= describePathParam(p);
	const isObject = /^(create|update|replace)$/.test(value);
	const fields = [
		...(op.query ?? []),
		...(op.headers ?? []),
		...(op.body?.kind === 'json' || op.body?.kind === 'multipart' || op.body?.kind === 'jsonPatch'
			? op.body.fields
			: []),
		...(op.body?.kind === 'raw' || op.body?.kind === 'binary' ? [op.body.field] : []),
	];
	for (const f of fields) {
		const inBody = !(op.query ?? []).includes(f) && !(op.headers ?? []).includes(f);
		const place = f.param?.startsWith('filters.')
			? 'filter'
			: isObject && inBody
				? 'object'
				: 'other';
		f.hint = describeField(f, noun, place);
	}
}

/** What the answer holds, for the operation's sentence. */
function answerFacts(d: Draft, status: number): Answer {
	const { json } = answerOf(d);
	return {
		status,
		...(json?.name ? { schema: json.name } : {}),
		properties: Object.keys((json?.schema.properties ?? {}) as object),
	};
}

function operationOf(
	d: Draft,
	r: ResourceDraft,
	{ itemOf, locators }: { itemOf: Map<string, ItemOwner>; locators: Locators },
	resources: Map<string, ResourceDraft>,
	firstValue: string,
	today: string,
): TableOperation {
	const response = responseOf(d);
	const value = d.value!;
	const noun = nounPhrase(r.table.displayName);
	const pathParams = pathParamsOf(
		d,
		{
			resource: r.table.resource,
			displayName: r.table.displayName,
			base: r.base,
			idParam: r.idParam,
		},
		itemOf,
	);
	const taken = new Set(pathParams.map((p) => p.param ?? p.name));
	const isList = response.kind === 'list' && !response.single;
	const query: FieldSpec[] = [];
	const queryOptional = new Set<string>();
	for (const p of parametersOf(d).filter((x) => x.in === 'query')) {
		const name = String(p.name);
		if (isList && (PAGING_PARAMS.has(name) || name === 'limit')) continue;
		const required = p.required === true;
		let param: string;
		if (required) {
			param =
				RESERVED.has(name) || taken.has(name) ? `query${titleOf(name).replace(/ /g, '')}` : name;
			taken.add(param);
		} else {
			param = `${response.kind === 'list' ? 'filters' : 'additionalFields'}.${name}`;
			queryOptional.add(name);
		}
		const field = fieldOf(d.spec, name, p.schema, required, param);
		if (field.type === 'binary') field.type = 'string';
		if (name === 'sort' && field.enum && (field.type === 'string' || field.type === 'array')) {
			// Sort orders get readable choices; on a list, sorting is its own field beside Filters.
			field.sort = true;
			if (isList && !taken.has(name)) {
				field.param = name;
				taken.add(name);
			}
		}
		query.push(withLocator(field, locators));
	}
	const headers: FieldSpec[] = [];
	for (const p of parametersOf(d).filter((x) => x.in === 'header')) {
		const name = String(p.name);
		// The credential signs requests; the transport sets content and accept types.
		if (/^(authorization|accept|content-type|content-length)$/i.test(name)) continue;
		const required = p.required === true;
		const key = camel(name);
		let param = `additionalFields.${key}`;
		if (required) {
			param = taken.has(key) ? `header${titleOf(name).replace(/ /g, '')}` : key;
			taken.add(param);
		}
		const field = fieldOf(d.spec, name, p.schema, required, param, labelOf(name));
		if (field.type !== 'string' && field.type !== 'integer' && field.type !== 'boolean') {
			field.type = 'string';
		}
		field.hint = `Sent as the ${name} header`;
		const fixed = PROTOCOL_HEADERS[name.toLowerCase()];
		const confirmed = /^qlik-confirm-delete$/i.test(name) ? pathParams.at(-1) : undefined;
		if (fixed !== undefined) {
			field.value = fixed;
			delete field.hint;
		} else if (confirmed) {
			Object.assign(field, {
				type: 'boolean',
				label: 'Confirm Delete',
				confirms: confirmed.name,
				default: false,
				hint: 'Whether to delete: Qlik asks for the ID again, and the node sends it when this is on',
			});
		}
		headers.push(field);
	}
	const deprecated = deprecationOf(d, resources);
	const operation: TableOperation = {
		name: displayNameOf(value, r.table.resource) + (deprecated ? ' (Deprecated)' : ''),
		action:
			actionOf(value, noun, r.table.resource, placeOf(r.base, d.path)) +
			(deprecated ? ' (deprecated)' : ''),
		description: '',
		method: d.method,
		path: d.path,
		tier: tierOf(d.op),
		status: Number(successResponse(d)?.status ?? 200),
		response,
	};
	if (typeof d.op.operationId === 'string') operation.operationId = d.op.operationId;
	if (deprecated) operation.deprecated = deprecated;
	if (deprecated?.sunset && isRetired(deprecated.sunset, today)) {
		operation.retired = {
			operation: `${r.table.displayName} → ${displayNameOf(value)}`,
			sunset: deprecated.sunset,
		};
		if (deprecated.replacement) operation.retired.replacement = deprecated.replacement;
	}
	operation.description = describeOperation(
		r.table.resource,
		value,
		operation,
		noun,
		answerFacts(d, operation.status),
	);
	if (pathParams.length) operation.pathParams = pathParams;
	if (query.length) operation.query = query;
	if (headers.length) operation.headers = headers;
	const body = bodyOf(
		d,
		taken,
		firstValue,
		response.kind === 'list' ? new Set() : queryOptional,
		locators,
	);
	if (body) operation.body = body;
	describeFields(operation, value, noun);
	return operation;
}
