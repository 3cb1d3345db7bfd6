import type { INodePropertyCollection, INodeProperties } from 'n8n-workflow';

import type { FieldSpec, PathParamSpec } from '../../shared/types';

export const SPACE_ID: PathParamSpec = {
	name: 'spaceId',
	label: 'Space',
	example: '62716f4b39b865ece543cd45',
};

/** Characters Qlik does not allow in a space name, and the longest name it takes. */
const SPACE_NAME_FORBIDDEN = '"*?<>/|\\:';
const SPACE_NAME_MAX_LENGTH = 256;

const html: Record<string, string> = { '<': '&lt;', '>': '&gt;' };

/** The help under a space name field, from the same facts the node checks the name against. */
export const SPACE_NAME_HELP = `Unique name of the space, up to ${SPACE_NAME_MAX_LENGTH} characters, without ${[
	...SPACE_NAME_FORBIDDEN,
]
	.map((c) => html[c] ?? c)
	.join(' ')}`;

/** The name of a space, checked against Qlik's rules before any request. */
export function spaceNameField(changes: Partial<FieldSpec> = {}): FieldSpec {
	return {
		name: 'name',
		label: 'Name',
		type: 'string',
		maxLength: SPACE_NAME_MAX_LENGTH,
		forbiddenCharacters: SPACE_NAME_FORBIDDEN,
		...changes,
	};
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
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: SPACE_NAME_HELP },
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		description: 'User ID of the new owner',
	},
];
