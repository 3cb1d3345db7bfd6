import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../shared/batch';
import { resourceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import { pollUntil } from '../../shared/wait';
import type { TransportSettings } from '../../transport';
import { api } from '../api';
import { spaceScopeProperties } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Find the Data File By',
		name: 'locateBy',
		type: 'options',
		default: 'id',
		description: 'Whether to find the data file by its ID or by its name',
		options: [
			{ name: 'ID', value: 'id' },
			{ name: 'Name and Space', value: 'name' },
		],
	},
	{
		...resourceLocator({
			name: 'fileId',
			displayName: 'Data File',
			searchListMethod: 'searchDataFile',
			placeholder: 'e.g. ee6a390c-5d33-11e8-9c2d-fa7ae01bbebc',
		}),
		displayOptions: { show: { locateBy: ['id'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sales.csv',
		description: 'The name of the data file, with its folder if it has one (e.g. 2026/sales.csv)',
		displayOptions: { show: { locateBy: ['name'] } },
	},
	...spaceScopeProperties('The file is').map((p) => ({
		...p,
		displayOptions: { show: { ...(p.displayOptions?.show ?? {}), locateBy: ['name'] } },
	})),
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 120,
		description:
			'How long to wait for the catalog to make the data set of a new file (it does so shortly after the upload); 0 looks once',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataFile'], operation: ['getDataSet'] } },
	properties,
);

/** The data set the catalog made of a data file: found through the items API, then read. */
async function getDataSet(
	this: IExecuteFunctions,
	_spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	const by = this.getNodeParameter('locateBy', i, 'id') as string;
	const timeoutSeconds = Number(this.getNodeParameter('waitTimeout', i, 120));
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
		throw new NodeOperationError(
			this.getNode(),
			'The "Timeout (Seconds)" parameter must be 0 or more',
			{
				itemIndex: i,
				description: 'Enter how many seconds to wait, e.g. 120.',
			},
		);
	}
	let name: string;
	let spaceId: string | undefined;
	if (by === 'name') {
		name = String(this.getNodeParameter('fileName', i, '')).trim();
		if (!name) {
			throw new NodeOperationError(this.getNode(), 'The "File Name" parameter is empty', {
				itemIndex: i,
				description: 'Enter the data file name, e.g. sales.csv.',
			});
		}
		if (this.getNodeParameter('spaceScope', i, 'space') === 'space') {
			spaceId = readId(this, 'spaceId', 'Space', i, '62716f4b39b865ece543cd45');
		}
	} else {
		const fileId = readId(this, 'fileId', 'Data File', i, 'ee6a390c-5d33-11e8-9c2d-fa7ae01bbebc');
		const { body } = await api.dataFile.get.call(this, { path: { id: fileId } }, settings, {
			itemIndex: i,
			subject: `Data file "${fileId}"`,
		});
		const file = (body ?? {}) as IDataObject;
		name = String(file.name ?? '');
		spaceId = typeof file.spaceId === 'string' && file.spaceId !== '' ? file.spaceId : undefined;
	}
	const where = spaceId ? `space ${spaceId}` : 'the personal space';
	const findItem = async () => {
		const { body } = await api.item.getAll.call(
			this,
			{
				qs: {
					resourceType: 'dataset',
					name,
					...(spaceId ? { spaceId } : { spaceId: 'personal' }),
					limit: 100,
				},
			},
			settings,
			{ itemIndex: i },
		);
		const list = ((body as IDataObject | undefined)?.data ?? []) as IDataObject[];
		return list.find((item) => item.name === name && item.resourceId) as IDataObject | undefined;
	};
	const { value: item, timedOut } = await pollUntil(findItem, (found) => found !== undefined, {
		timeoutMs: timeoutSeconds * 1000,
		signal: settings.signal,
		maxDelayMs: 5000,
	});
	if (!item || timedOut) {
		throw new NodeOperationError(
			this.getNode(),
			`No data set for data file "${name}" in ${where} after ${timeoutSeconds} s`,
			{
				itemIndex: i,
				description:
					'The catalog makes the data set of a file shortly after the upload. Raise "Timeout (Seconds)", or check the file name and space.',
			},
		);
	}
	const id = String(item.resourceId);
	const { body } = await api.dataSet.get.call(this, { path: { 'data-set-id': id } }, settings, {
		itemIndex: i,
		subject: `Data set "${id}"`,
	});
	return [{ json: (body ?? {}) as IDataObject, pairedItem: { item: i } }];
}

export const operation: OperationSpec = {
	...rowFacts('dataSet', 'get'),
	execute: getDataSet,
};
