import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../shared/batch';
import { resourceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import { api } from '../api';
import { optionalSpaceLocator, requestRedacted } from './common';

const propertyName: INodeProperties = {
	displayName: 'Name or ID',
	name: 'name',
	type: 'options',
	typeOptions: {
		loadOptionsMethod: 'getDataSourceProperties',
		loadOptionsDependsOn: ['datasourceID.value'],
	},
	default: '',
	description:
		'A connection property of the data source. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'qName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales database',
		description: 'Name of the connection, unique in its space',
	},
	resourceLocator({
		name: 'datasourceID',
		displayName: 'Data Source',
		searchListMethod: 'searchDataSource',
		placeholder: 'e.g. postgres',
		description: 'The kind of source, such as PostgreSQL, Snowflake or REST',
	}),
	optionalSpaceLocator('The space of the connection; leave empty for your personal space'),
	{
		displayName: 'Connection Properties',
		name: 'connectionProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description: 'The properties the data source asks for (host, database, user…)',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					propertyName,
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value of this property',
					},
				],
			},
		],
	},
	{
		displayName: 'Secret Properties',
		name: 'secretProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Secret',
		default: {},
		description:
			'Passwords, keys and tokens: sent to Qlik Cloud, masked in the editor and never in the output',
		options: [
			{
				displayName: 'Secret',
				name: 'property',
				values: [
					propertyName,
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description: 'The secret value; masked in the editor',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'More Properties (JSON)',
				name: 'propertiesJson',
				type: 'json',
				default: '{}',
				description: 'Further connection properties as a JSON object; the properties above win',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. finance, nightly',
				description: 'Up to 31 tags, separated by commas',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataConnection'], operation: ['create'] } },
	properties,
);

function fail(ctx: IExecuteFunctions, i: number, message: string, fix: string) {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description: fix });
}

function readProperties(ctx: IExecuteFunctions, i: number, param: string, label: string) {
	const rows =
		((ctx.getNodeParameter(param, i, {}) as IDataObject).property as IDataObject[] | undefined) ??
		[];
	// A Map, so that names such as `constructor`, `toString` or `__proto__` are plain names.
	const out = new Map<string, string>();
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (!name) {
			throw fail(
				ctx,
				i,
				`A row of "${label}" has no property name`,
				'Pick the property from the list or remove the row.',
			);
		}
		if (out.has(name)) {
			throw fail(
				ctx,
				i,
				`"${label}" names the property "${name}" twice`,
				'Keep one row per property.',
			);
		}
		out.set(name, row.value as string);
	}
	return Object.fromEntries(out) as IDataObject;
}

/** Create a connection from a data source and the connection properties it asks for. */
async function create(
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	const qName = String(this.getNodeParameter('qName', i, '')).trim();
	if (!qName)
		throw fail(this, i, 'The "Name" parameter is empty', 'Enter a name for the connection.');
	const datasourceID = readId(this, 'datasourceID', 'Data Source', i, 'postgres');
	const spaceRaw = this.getNodeParameter('spaceId', i, '', { extractValue: true }) as string;
	const space =
		spaceRaw && String(spaceRaw).trim()
			? readId(this, 'spaceId', 'Space', i, '611bcebaeec1203d88211ac4')
			: undefined;
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	let json: IDataObject = {};
	const rawJson = extra.propertiesJson;
	if (rawJson !== undefined && rawJson !== '') {
		try {
			json =
				typeof rawJson === 'string'
					? (JSON.parse(rawJson) as IDataObject)
					: (rawJson as IDataObject);
		} catch (error) {
			throw fail(
				this,
				i,
				`The "More Properties (JSON)" parameter is not valid JSON: ${(error as Error).message}`,
				'Fix the JSON, e.g. {"port": "5432"}.',
			);
		}
		if (!json || typeof json !== 'object' || Array.isArray(json)) {
			throw fail(
				this,
				i,
				'The "More Properties (JSON)" parameter must be a JSON object',
				'Enter a JSON object, e.g. {"port": "5432"}.',
			);
		}
	}
	const plain = readProperties(this, i, 'connectionProperties', 'Connection Properties');
	const secret = readProperties(this, i, 'secretProperties', 'Secret Properties');
	const connectionProperties = { ...json, ...plain, ...secret };
	if (Object.keys(connectionProperties).length === 0) {
		throw fail(
			this,
			i,
			'No connection properties given',
			'Add the properties the data source asks for under "Connection Properties" (Data Source → Get API Specs lists them).',
		);
	}
	const tags = String(extra.tags ?? '')
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
	const body: IDataObject = {
		qName,
		datasourceID,
		...(space ? { space } : {}),
		connectionProperties,
		...(tags.length ? { tags } : {}),
	};
	return await requestRedacted(
		this,
		settings,
		i,
		api.dataConnection.create,
		{ body },
		`Data connection "${qName}"`,
	);
}

export const operation: OperationSpec = {
	...rowFacts('dataConnection', 'create'),
	execute: create,
};
