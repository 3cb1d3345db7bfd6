import type { INodeProperties } from 'n8n-workflow';

import type { OperationSpec } from '../shared/types';
import * as space from './space';
import * as spaceAssignment from './spaceAssignment';
import * as spaceShare from './spaceShare';

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Space', value: 'space' },
		{
			name: 'Space Assignment',
			value: 'spaceAssignment',
			description: 'Members of a space and their roles',
		},
		{
			name: 'Space Share',
			value: 'spaceShare',
			description: 'Single items of a space shared with users, groups or links',
		},
	],
	default: 'space',
};

export const resourceDescriptions: INodeProperties[] = [
	...space.description,
	...spaceAssignment.description,
	...spaceShare.description,
];

/** The operation table: resource → operation → what the generic executor runs. */
export const operations: Record<string, Record<string, OperationSpec>> = {
	space: space.operations,
	spaceAssignment: spaceAssignment.operations,
	spaceShare: spaceShare.operations,
};
