import type { INodeProperties } from 'n8n-workflow';

import type { FieldSpec, PathParamSpec } from '../../shared/types';
import { resourceLocator, SPACE_ROLE_OPTIONS, SPACE_ROLES } from '../../shared/descriptions';

export const ASSIGNMENT_ID: PathParamSpec = {
	name: 'assignmentId',
	label: 'Assignment',
	example: '6270eb3cc9d1d6b0b9cde4bf',
};

export const assignmentLocator = resourceLocator({
	name: 'assignmentId',
	displayName: 'Assignment',
	searchListMethod: 'searchSpaceAssignment',
	placeholder: 'e.g. 6270eb3cc9d1d6b0b9cde4bf',
});

export const ASSIGNMENT_TYPES = ['user', 'group', 'bot'];
export const ASSIGNMENT_TYPE_OPTIONS = [
	{ name: 'Bot', value: 'bot' },
	{ name: 'Group', value: 'group' },
	{ name: 'User', value: 'user' },
];

/** The roles of a member: they replace whatever the member had. */
export const rolesProperty: INodeProperties = {
	displayName: 'Roles',
	name: 'roles',
	type: 'multiOptions',
	required: true,
	default: [],
	options: SPACE_ROLE_OPTIONS,
	description: "Roles the member has from now on; which ones apply depends on the space's type",
};

export const ROLES_FIELD: FieldSpec = {
	name: 'roles',
	label: 'Roles',
	type: 'array',
	required: true,
	enum: SPACE_ROLES,
};
