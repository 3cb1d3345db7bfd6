import type { INodePropertyCollection, INodeProperties } from 'n8n-workflow';

import type { FieldSpec, PathParamSpec } from '../../shared/types';
import { SPACE_NAME_FORBIDDEN } from '../../shared/descriptions';

export const SPACE_ID: PathParamSpec = {
	name: 'spaceId',
	label: 'Space',
	example: '62716f4b39b865ece543cd45',
};

/** Name, description and owner: the attributes a space update may set. */
export function spaceAttributeFields(collection: string): FieldSpec[] {
	return [
		{
			name: 'name',
			param: `${collection}.name`,
			label: 'Name',
			type: 'string',
			maxLength: 256,
			forbiddenCharacters: SPACE_NAME_FORBIDDEN,
		},
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
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		description: 'User ID of the new owner',
	},
];
