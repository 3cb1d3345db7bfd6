import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	NodePropertyTypes,
} from 'n8n-workflow';

import { resourceLocator, returnAllOrLimit } from './descriptions';
import type { FieldLooks } from './fieldLooks';
import { withFieldLooks } from './fieldLooks';
import { optionName, sortName } from './optionNames';
import { describeForTool, neededInputs, toolDescriptionProperty } from './toolDescription';
import type {
	FieldSpec,
	OperationRunner,
	OperationSpec,
	PathParamSpec,
	ResourceTable,
	TableOperation,
} from './types';
import type { OperationValues, ResourceValue } from '../actions/generated';
import { outputProperties } from '../actions/output';

/** What each hand-written `<operation>.operation.ts` exports: its fields and its table row. */
export interface OperationModule {
	description: INodeProperties[];
	operation: OperationSpec;
}

type OptionWords = Partial<Pick<INodePropertyOptions, 'name' | 'action' | 'description'>>;

/** An operation of another resource's table offered here too (App → Reload). */
export type Borrowed = {
	[R in ResourceValue]: {
		table: R;
		operation: OperationValues[R];
		option: Omit<INodePropertyOptions, 'value'>;
		extension?: OperationExtension;
	};
}[ResourceValue];

/**
 * Hand curation of a resource (`actions/<resource>/curation.ts`), kept apart from the generated
 * table so that it survives regeneration: better words for the Operation dropdown, and
 * hand-written operations that replace the generated fields and row of the same value. Keys are
 * the resource's operation values (`Op`) or the values it borrows (`B`): a renamed value that a
 * curation still names does not compile.
 */
export interface ResourceCuration<Op extends string = string, B extends string = string> {
	description?: string;
	options?: Partial<Record<Op | B, OptionWords>>;
	operations?: Partial<Record<Op | B, OperationModule>>;
	/** Generated operations kept as generated, with more fields and their own code. */
	extend?: Partial<Record<Op, OperationExtension>>;
	/** Operations of another resource's table offered here too, under a value of their own. */
	borrow?: Record<B, Borrowed>;
	/** Generated fields shown otherwise (a list from the tenant), by parameter path. */
	fields?: FieldLooks;
}

/** A resource's curation, its keys checked against the resource's operation values. */
export function curate<R extends ResourceValue, B extends string = never>(
	resource: R,
	curation: {
		description?: string;
		options?: Partial<Record<OperationValues[R] | NoInfer<B>, OptionWords>>;
		operations?: Partial<Record<OperationValues[R] | NoInfer<B>, OperationModule>>;
		extend?: Partial<Record<OperationValues[R], OperationExtension>>;
		borrow?: Record<B, Borrowed>;
		fields?: FieldLooks;
	},
): ResourceCuration<OperationValues[R], B> {
	return curation;
}

/** Old values of a resource and its operations (the lock's renames): offered nowhere, still run. */
export interface ResourceAliases {
	/** Old values of the resource itself. */
	resource: string[];
	/** Current operation value → its old values. */
	operations: Record<string, string[]>;
}

/** More fields for a generated operation, and the code that reads them. */
export interface OperationExtension {
	properties: INodeProperties[];
	execute: OperationRunner;
}

export interface BuiltResource {
	option: INodePropertyOptions;
	/** Every operation is retired: the resource is offered for no new node. */
	retired?: boolean;
	description: INodeProperties[];
	operations: Record<string, OperationSpec>;
}

/** The list search method that offers the items of a resource. */
export function searchMethodName(resource: string): string {
	return `search${resource.charAt(0).toUpperCase()}${resource.slice(1)}`;
}

function paramOf(spec: { name: string; param?: string }): string {
	return spec.param ?? spec.name;
}

function optionsOf(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: optionName(value), value }));
}

/** Sort choices by readable name (`name` and `+name` are one choice). */
function sortOptions(values: readonly string[]): INodePropertyOptions[] {
	const byName = new Map<string, string>();
	for (const value of values) {
		const name = sortName(value);
		if (!byName.has(name)) byName.set(name, value);
	}
	return [...byName].map(([name, value]) => ({ name, value }));
}

function property(field: FieldSpec, name: string, required: boolean): INodeProperties {
	if (field.locator) {
		return resourceLocator({
			name,
			displayName: field.label,
			searchListMethod: searchMethodName(field.locator),
			placeholder: 'ID',
			required,
			...(field.hint ? { description: field.hint } : {}),
		});
	}
	let type: NodePropertyTypes = 'string';
	let fallback: INodeProperties['default'] = '';
	const extra: Partial<INodeProperties> = {};
	switch (field.type) {
		case 'integer':
		case 'number':
			type = 'number';
			fallback = 0;
			if (field.minimum !== undefined || field.maximum !== undefined) {
				extra.typeOptions = {
					...(field.minimum !== undefined ? { minValue: field.minimum } : {}),
					...(field.maximum !== undefined ? { maxValue: field.maximum } : {}),
				};
			}
			break;
		case 'boolean':
			type = 'boolean';
			fallback = false;
			break;
		case 'array':
			if (field.enum) {
				type = 'multiOptions';
				fallback = [];
				extra.options = field.sort ? sortOptions(field.enum) : optionsOf(field.enum);
			} else {
				extra.placeholder = 'e.g. first, second';
				extra.hint = 'Separate values with commas';
			}
			break;
		case 'object':
			type = 'json';
			fallback = '{}';
			break;
		case 'json':
			type = 'json';
			fallback = '[]';
			break;
		case 'dateTime':
			type = 'dateTime';
			break;
		case 'binary':
			fallback = 'data';
			extra.hint = 'The name of the input field that holds the file';
			break;
		default:
			if (field.enum && field.sort) {
				type = 'options';
				// The API's own order first, whatever default the spec names.
				extra.options = [{ name: 'Default Order', value: '' }, ...sortOptions(field.enum)];
				extra.description = 'The order of the results';
			} else if (field.enum) {
				type = 'options';
				extra.options = optionsOf(field.enum);
				fallback = field.enum[0];
			}
	}
	const out: INodeProperties = {
		displayName: field.label,
		name,
		type,
		default: field.sort && type === 'options' ? '' : (field.default ?? fallback),
		...extra,
	};
	if (required) out.required = true;
	if (field.hint) out.description = field.hint;
	if (field.typeOptions) out.typeOptions = { ...out.typeOptions, ...field.typeOptions };
	return out;
}

function pathParamProperty(
	spec: PathParamSpec,
	tables: Map<string, ResourceTable>,
): INodeProperties {
	const name = paramOf(spec);
	if (spec.locator) {
		return resourceLocator({
			name,
			displayName: tables.get(spec.locator)?.displayName ?? spec.label,
			searchListMethod: searchMethodName(spec.locator),
			placeholder: spec.example ? `e.g. ${spec.example}` : 'ID',
			description: spec.hint,
		});
	}
	if (spec.enum) {
		const choice: INodeProperties = {
			displayName: spec.label,
			name,
			type: 'options',
			required: true,
			default: '',
			options: optionsOf(spec.enum),
			description: spec.hint,
		};
		choice.default = spec.enum[0];
		return choice;
	}
	return {
		displayName: spec.label,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: spec.example ? `e.g. ${spec.example}` : undefined,
		description: spec.hint,
		...(spec.kind === 'path' ? { hint: 'A path such as folder/file.png' } : {}),
	};
}

const COLLECTIONS: Record<string, { displayName: string; placeholder: string }> = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
};

function byName(a: { displayName: string }, b: { displayName: string }): number {
	return a.displayName.localeCompare(b.displayName);
}

/** The editor fields of one generated operation. */
function generatedProperties(
	op: TableOperation,
	tables: Map<string, ResourceTable>,
): INodeProperties[] {
	const top: INodeProperties[] = [
		// The endpoint stays findable: the Operation list shows our description instead.
		{
			displayName: `Calls ${op.method} ${op.path}`,
			name: 'endpointNotice',
			type: 'notice',
			default: '',
		},
		...(op.pathParams ?? []).map((p) => pathParamProperty(p, tables)),
	];
	const collections = new Map<string, Array<INodeProperties | INodePropertyCollection>>();
	const fields = [
		...(op.query ?? []),
		...(op.headers ?? []),
		...(op.body?.kind === 'json' || op.body?.kind === 'multipart' || op.body?.kind === 'jsonPatch'
			? op.body.fields
			: []),
		...(op.body?.kind === 'raw' || op.body?.kind === 'binary' ? [op.body.field] : []),
	];
	for (const field of fields) {
		// The node sends protocol values itself.
		if (field.value !== undefined) continue;
		const [first, key] = paramOf(field).split('.', 2);
		if (key === undefined) {
			top.push(property(field, first, !!field.required));
			continue;
		}
		const list = collections.get(first) ?? [];
		list.push(property(field, key, false));
		collections.set(first, list);
	}
	if (op.response.kind === 'list' && !op.response.single) top.push(...returnAllOrLimit);
	top.push(...outputProperties(op));
	for (const [name, options] of collections) {
		const look = COLLECTIONS[name] ?? { displayName: name, placeholder: 'Add Field' };
		top.push({
			displayName: look.displayName,
			name,
			type: 'collection',
			placeholder: look.placeholder,
			default: {},
			options: options.sort(byName),
		});
	}
	// Raw patch operations come after the Update Fields they add to.
	if (op.body?.kind === 'jsonPatch' && op.body.raw)
		top.push(property(op.body.raw, paramOf(op.body.raw), !!op.body.raw.required));
	return top;
}

/**
 * A resource for the node: its entry in the Resource dropdown, its Operation parameter, every
 * operation's fields (generated, or hand-written where curated) and its rows of the table.
 */
export function buildResource(
	table: ResourceTable,
	tables: Map<string, ResourceTable>,
	curation: ResourceCuration = {},
	aliases: ResourceAliases = { resource: [], operations: {} },
	/**
	 * For the node itself (not a curated operation built from a row): each offered operation gets
	 * its Tool Description, these hand-written ones by operation value, the rest by rule.
	 */
	tool?: Partial<Record<string, string>>,
): BuiltResource {
	const resource = table.resource;
	const options: INodePropertyOptions[] = [];
	const description: INodeProperties[] = [];
	const operations: Record<string, OperationSpec> = {};
	const rows: Array<[string, TableOperation]> = Object.entries(table.operations);
	for (const [value, borrowed] of Object.entries<Borrowed>(curation.borrow ?? {})) {
		const op = tables.get(borrowed.table)?.operations[borrowed.operation];
		if (!op) refuse(resource, `borrow.${value}`, `${borrowed.table}.${borrowed.operation}`);
		rows.push([value, { ...op, ...borrowed.option }]);
	}
	const values = new Set(rows.map(([value]) => value));
	// Retired operations are in no dropdown (saved ones fail with a clear error before any
	// request); a resource with nothing else keeps them listed, as it is offered nowhere itself.
	const allRetired = rows.every(([, op]) => op.retired);
	for (const part of ['options', 'operations', 'extend'] as const) {
		for (const key of Object.keys(curation[part] ?? {}))
			if (!values.has(key)) refuse(resource, `${part}.${key}`, key);
	}
	for (const key of Object.keys(tool ?? {}))
		if (!values.has(key))
			refuse(resource, `the tool description ${key}`, key, 'actions/toolDescriptions.ts');
	const toolDescriptions: INodeProperties[] = [];
	for (const [value, op] of rows) {
		const curated = curation.operations?.[value];
		const extension = curation.extend?.[value] ?? curation.borrow?.[value]?.extension;
		if (op.retired) {
			operations[value] = op;
			if (!allRetired) continue;
		}
		options.push({
			name: op.name,
			value,
			action: op.action,
			description: op.description,
			...(curation.options?.[value] ?? {}),
		});
		if (op.retired) continue;
		const show = { show: { resource: [resource], operation: [value] } };
		const shown = description.length;
		if (curated) {
			description.push(...curated.description);
			operations[value] = curated.operation;
		} else {
			const properties = [
				...withFieldLooks(generatedProperties(op, tables), curation.fields ?? {}),
				...(extension?.properties ?? []),
			];
			for (const p of properties) {
				description.push({ ...p, displayOptions: mergeShow(show, p.displayOptions) });
			}
			operations[value] = extension ? { ...op, execute: extension.execute } : op;
		}
		if (tool) {
			const text = describeForTool(
				options[options.length - 1],
				operations[value],
				neededInputs(description.slice(shown)),
				tool[value],
			);
			toolDescriptions.push(toolDescriptionProperty(resource, value, text));
		}
	}
	options.sort((a, b) => a.name.localeCompare(b.name));
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: 'getAll',
	};
	// Only the table's own Get Many, when it is offered, is the default: a borrowed one (App → Get
	// Many) would change what a saved node that never set its operation runs.
	if (!table.operations.getAll || !options.some((o) => o.value === 'getAll'))
		operationProperty.default = options[0].value;
	const option: INodePropertyOptions = { name: table.displayName, value: resource };
	const about = curation.description ?? table.description;
	if (about) option.description = about;
	return {
		option,
		...(allRetired ? { retired: true } : {}),
		description: [operationProperty, ...toolDescriptions, ...description].map((p) =>
			withAliases(p, resource, aliases),
		),
		operations,
	};
}

function refuse(
	resource: string,
	key: string,
	value: string,
	file = `actions/${resource}/curation.ts`,
): never {
	throw new Error(
		`The curation of "${resource}" names ${key}, but "${value}" is no operation there: rename or remove the key (${file})`,
	);
}

/**
 * A property shown for a resource and operation is shown for their old values too: n8n drops a
 * saved parameter that its display conditions hide, so a renamed value would lose its fields.
 * The old values are in no dropdown, so new nodes never get them.
 */
function withAliases(
	p: INodeProperties,
	resource: string,
	aliases: ResourceAliases,
): INodeProperties {
	const show = p.displayOptions?.show;
	if (!show?.resource?.includes(resource)) return p;
	const operation = show.operation?.flatMap((value) => [
		value,
		...(aliases.operations[String(value)] ?? []),
	]);
	const extended = {
		...show,
		resource: [...show.resource, ...aliases.resource],
		...(operation ? { operation } : {}),
	};
	return { ...p, displayOptions: { ...p.displayOptions, show: extended } };
}

function mergeShow(
	base: { show: Record<string, string[]> },
	own?: INodeProperties['displayOptions'],
): INodeProperties['displayOptions'] {
	return own ? { ...own, show: { ...base.show, ...(own.show ?? {}) } } : base;
}
