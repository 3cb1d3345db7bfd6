/**
 * A curation's changes to how generated fields look (a list loaded from the tenant instead of
 * free text), by the field's parameter path (`additionalFields.eventTypes`): top-level fields
 * and options of collections alike. The value sent is the same, so the executor is unchanged.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** Parameter path → the properties that replace the generated ones. */
export type FieldLooks = Record<string, Partial<INodeProperties>>;

/**
 * A list field whose choices load from the tenant (`loadOptionsMethod`); `about` says what the
 * values are, n8n's sentence on expressions follows.
 */
export function pickedFromTenant(
	displayName: string,
	loadOptionsMethod: string,
	about: string,
): Partial<INodeProperties> {
	return {
		displayName,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod },
		default: [],
		hint: undefined,
		placeholder: undefined,
		description: `${about}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

type Option = INodeProperties | INodePropertyCollection;

/** `field` with `look` laid over it; a key set to `undefined` is removed (a generated hint). */
function restyled(field: INodeProperties, look: Partial<INodeProperties>): INodeProperties {
	const out: Record<string, unknown> = { ...field, ...look };
	for (const [key, value] of Object.entries(look)) if (value === undefined) delete out[key];
	return out as unknown as INodeProperties;
}

function isProperty(option: Option): option is INodeProperties {
	return 'type' in option;
}

/** `properties` with each field that `looks` names changed as it says. */
export function withFieldLooks(
	properties: INodeProperties[],
	looks: FieldLooks,
): INodeProperties[] {
	if (Object.keys(looks).length === 0) return properties;
	return properties.map((p) => {
		const own = looks[p.name];
		if (own) return restyled(p, own);
		if (p.type !== 'collection' || !p.options) return p;
		const options = (p.options as Option[]).map((option) => {
			const look = isProperty(option) ? looks[`${p.name}.${option.name}`] : undefined;
			return look && isProperty(option) ? restyled(option, look) : option;
		});
		return { ...p, options } as INodeProperties;
	});
}
