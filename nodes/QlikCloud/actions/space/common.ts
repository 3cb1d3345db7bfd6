import type { INodePropertyCollection, INodeProperties } from 'n8n-workflow';

import { fieldOf, generatedRow } from '../../shared/rows';
import type { FieldSpec, PathParamSpec } from '../../shared/types';

export const SPACE_ID: PathParamSpec = {
	name: 'spaceId',
	label: 'Space',
	example: '62716f4b39b865ece543cd45',
};

/**
 * The name of a space as Qlik's spec has it (its longest length), with the characters Qlik
 * refuses in a name: the one list the node checks names against and the help text shows.
 */
const SPACE_NAME: FieldSpec = fieldOf(generatedRow('space', 'create'), 'name', {
	required: false,
	forbiddenCharacters: '"*?<>/|\\:',
});

/** The help under a space description field. */
export const SPACE_DESCRIPTION_HELP = 'The description of the space, shown with it in Qlik Cloud';

const html: Record<string, string> = { '<': '&lt;', '>': '&gt;' };

/** The help under a space name field, from the same facts the node checks the name against. */
export const SPACE_NAME_HELP = `Unique name of the space, up to ${SPACE_NAME.maxLength} characters, without ${[
	...SPACE_NAME.forbiddenCharacters!,
]
	.map((c) => html[c] ?? c)
	.join(' ')}`;

/** The name of a space, checked against Qlik's rules before any request. */
export function spaceNameField(changes: Partial<FieldSpec> = {}): FieldSpec {
	return { ...SPACE_NAME, ...changes };
}

/** Name, description and owner: the attributes a space update may set. */
export function spaceAttributeFields(collection: string): FieldSpec[] {
	return [
		spaceNameField({ param: `${collection}.name` }),
		{
			name: 'description',
			param: `${collection}.description`,
			label: 'Description',
			type: 'string',
		},
		{ name: 'ownerId', param: `${collection}.ownerId`, label: 'Owner ID', type: 'string' },
	];
}

/** The fields of a space that a PUT or PATCH may set, as collection options. */
export const spaceAttributeOptions: Array<INodeProperties | INodePropertyCollection> = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: SPACE_DESCRIPTION_HELP,
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: SPACE_NAME_HELP },
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		description: 'User ID of the new owner',
	},
];
