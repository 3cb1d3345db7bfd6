import type { PathParamSpec } from '../../shared/types';
import { resourceLocator } from '../../shared/descriptions';

export const ASSIGNMENT_ID: PathParamSpec = {
	name: 'assignmentId',
	label: 'Assignment',
	example: '6270eb3cc9d1d6b0b9cde4bf',
};

export const assignmentLocator = resourceLocator({
	name: 'assignmentId',
	displayName: 'Assignment',
	searchListMethod: 'searchSpaceAssignments',
	placeholder: 'e.g. 6270eb3cc9d1d6b0b9cde4bf',
});

export const ASSIGNMENT_TYPES = ['user', 'group', 'bot'];
export const ASSIGNMENT_TYPE_OPTIONS = [
	{ name: 'Bot', value: 'bot' },
	{ name: 'Group', value: 'group' },
	{ name: 'User', value: 'user' },
];
