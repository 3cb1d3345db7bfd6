import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../shared/batch';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import { api } from '../api';
import { spaceScopeProperties } from './common';

const properties: INodeProperties[] = spaceScopeProperties('The connection of the files');

export const description = updateDisplayOptions(
	{ show: { resource: ['dataFile'], operation: ['getSpaceConnection'] } },
	properties,
);

/** The DataFiles connection of a space (or of the personal space): its ID is what uploads take. */
async function getSpaceConnection(
	this: IExecuteFunctions,
	_spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	const personal = this.getNodeParameter('spaceScope', i, 'space') === 'personal';
	const spaceId = personal
		? undefined
		: readId(this, 'spaceId', 'Space', i, '62716f4b39b865ece543cd45');
	const { body } = await api.dataFile.getAllConnections.call(
		this,
		{ qs: personal ? { personal: true } : { spaceId } },
		settings,
		{ itemIndex: i },
	);
	const list = ((body as IDataObject | undefined)?.data ?? []) as IDataObject[];
	const connection = personal
		? list.find((c) => !c.spaceId)
		: list.find((c) => c.spaceId === spaceId);
	if (!connection) {
		throw new NodeOperationError(
			this.getNode(),
			personal
				? 'Qlik Cloud has no DataFiles connection for your personal space'
				: `Qlik Cloud has no DataFiles connection for space ${spaceId}`,
			{
				itemIndex: i,
				description: personal
					? 'The personal space gets its connection when you first use data files in it.'
					: 'Check that the space exists and that you can see its data files (a role such as Can Consume Data).',
			},
		);
	}
	return [{ json: connection, pairedItem: { item: i } }];
}

export const operation: OperationSpec = {
	...rowFacts('dataFile', 'getAllConnections'),
	response: { kind: 'object' },
	execute: getSpaceConnection,
};
