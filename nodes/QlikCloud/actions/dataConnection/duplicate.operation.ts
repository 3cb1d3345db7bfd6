import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkId, readId } from '../../shared/batch';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import { api } from '../api';
import { CONNECTION_EXAMPLE, connectionLocator, requestRedacted } from './common';

const properties: INodeProperties[] = [
	connectionLocator('dataConnectionId', 'Data Connection'),
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales database (copy)',
		description: 'Name of the copy, unique in its space',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Target Space ID',
				name: 'spaceId',
				type: 'string',
				default: '',
				description: 'The space of the copy; by default the space of the original',
			},
			{
				displayName: 'Username',
				name: 'qUsername',
				type: 'string',
				default: '',
				description: "A user name for the copy instead of the original's",
			},
			{
				displayName: 'Password',
				name: 'qPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: "A password for the copy instead of the original's (never output)",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataConnection'], operation: ['duplicate'] } },
	properties,
);

async function duplicate(
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	const id = readId(this, 'dataConnectionId', 'Data Connection', i, CONNECTION_EXAMPLE);
	const name = String(this.getNodeParameter('name', i, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'The "New Name" parameter is empty', {
			itemIndex: i,
			description: 'Enter a name for the copy; it must be unique in its space.',
		});
	}
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = { id, name };
	if (String(extra.spaceId ?? '').trim())
		body.spaceId = checkId(this, extra.spaceId, 'Target Space ID', i, '611bcebaeec1203d88211ac4');
	for (const key of ['qUsername', 'qPassword']) {
		if (typeof extra[key] === 'string' && extra[key] !== '') body[key] = extra[key];
	}
	return await requestRedacted(
		this,
		settings,
		i,
		api.dataConnection.duplicate,
		{ body },
		`Data connection "${name}"`,
	);
}

export const operation: OperationSpec = {
	...rowFacts('dataConnection', 'duplicate'),
	execute: duplicate,
};
