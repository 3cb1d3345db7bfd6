import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../shared/batch';
import { segmentProblem } from '../../shared/ids';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import { api } from '../api';
import {
	CONNECTION_EXAMPLE,
	connectionLocator,
	optionalSpaceLocator,
	requestRedacted,
} from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'locateBy',
		type: 'options',
		default: 'id',
		description: 'Whether to find the data connection by its ID or by its name',
		options: [
			{ name: 'ID', value: 'id' },
			{ name: 'Name', value: 'name' },
		],
	},
	{
		...connectionLocator('dataConnectionId', 'Data Connection'),
		displayOptions: { show: { locateBy: ['id'] } },
	},
	{
		displayName: 'Connection Name',
		name: 'connectionName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales database',
		description: 'The exact name of the data connection',
		displayOptions: { show: { locateBy: ['name'] } },
	},
	{
		...optionalSpaceLocator('The space the connection is in; leave empty for your personal space'),
		displayOptions: { show: { locateBy: ['name'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataConnection'], operation: ['get'] } },
	properties,
);

async function get(
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	if (this.getNodeParameter('locateBy', i, 'id') === 'name') {
		const name = String(this.getNodeParameter('connectionName', i, '')).trim();
		const problem = segmentProblem(name);
		if (problem !== undefined) {
			throw new NodeOperationError(this.getNode(), `The "Connection Name" parameter ${problem}`, {
				itemIndex: i,
				description: 'Enter the name of the connection, e.g. Sales database.',
			});
		}
		const spaceRaw = this.getNodeParameter('spaceId', i, '', { extractValue: true }) as string;
		const spaceId =
			spaceRaw && String(spaceRaw).trim()
				? readId(this, 'spaceId', 'Space', i, '611bcebaeec1203d88211ac4')
				: undefined;
		return await requestRedacted(
			this,
			settings,
			i,
			api.dataConnection.get,
			{
				path: { qID: { text: name } },
				qs: { type: 'connectionname', ...(spaceId ? { spaceId } : {}) },
			},
			`Data connection named "${name}"${spaceId ? ` in space ${spaceId}` : ''}`,
		);
	}
	const id = readId(this, 'dataConnectionId', 'Data Connection', i, CONNECTION_EXAMPLE);
	return await requestRedacted(
		this,
		settings,
		i,
		api.dataConnection.get,
		{ path: { qID: id } },
		`Data connection "${id}"`,
	);
}

export const operation: OperationSpec = {
	...rowFacts('dataConnection', 'get'),
	pathParams: [
		{ name: 'qID', param: 'dataConnectionId', label: 'Data Connection', locator: 'dataConnection' },
	],
	execute: get,
};
