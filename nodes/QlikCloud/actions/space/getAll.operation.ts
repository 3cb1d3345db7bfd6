import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	returnAllOrLimit,
	SPACE_ROLE_OPTIONS,
	SPACE_ROLES,
	SPACE_TYPE_OPTIONS,
	SPACE_TYPES,
} from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';

const SORT_OPTIONS = [
	{ name: 'Created (Newest First)', value: '-createdAt' },
	{ name: 'Created (Oldest First)', value: '+createdAt' },
	{ name: 'Name (A to Z)', value: '+name' },
	{ name: 'Name (Z to A)', value: '-name' },
	{ name: 'Type (A to Z)', value: '+type' },
	{ name: 'Type (Z to A)', value: '-type' },
];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Environment ID',
				name: 'environmentId',
				type: 'string',
				default: '',
				description: 'Only spaces linked to this environment',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only spaces whose name contains this text (not case-sensitive)',
			},
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				description: 'Only spaces owned by this user',
			},
			{
				displayName: 'Publishable Only',
				name: 'publishable',
				type: 'boolean',
				default: false,
				description: 'Whether to return only spaces the user can publish apps to',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: '+name',
				options: SORT_OPTIONS,
				description: 'The order of the spaces',
			},
			{
				displayName: 'Types',
				name: 'type',
				type: 'multiOptions',
				default: [],
				description: 'Only spaces of these types',
				options: SPACE_TYPE_OPTIONS,
			},
			{
				displayName: 'Your Roles',
				name: 'roles',
				type: 'multiOptions',
				default: [],
				options: SPACE_ROLE_OPTIONS,
				description: 'Only spaces where the user has one of these roles',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['space'], operation: ['getAll'] } },
	properties,
);

export const operation: OperationSpec = {
	...rowFacts('space', 'getAll'),
	query: [
		{ name: 'name', param: 'filters.name', label: 'Name Contains', type: 'string' },
		{ name: 'type', param: 'filters.type', label: 'Types', type: 'array', enum: SPACE_TYPES },
		{ name: 'ownerId', param: 'filters.ownerId', label: 'Owner ID', type: 'string' },
		{
			name: 'roles',
			param: 'filters.roles',
			label: 'Your Roles',
			type: 'array',
			enum: SPACE_ROLES,
		},
		{
			name: 'environmentId',
			param: 'filters.environmentId',
			label: 'Environment ID',
			type: 'string',
		},
		{
			name: 'action',
			param: 'filters.publishable',
			label: 'Publishable Only',
			type: 'boolean',
			whenTrue: 'publish',
		},
		{
			name: 'sort',
			param: 'filters.sort',
			label: 'Sort',
			type: 'string',
			enum: SORT_OPTIONS.map((o) => o.value),
		},
	],
};
