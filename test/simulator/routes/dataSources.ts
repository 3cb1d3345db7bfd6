/**
 * Data sources (connectors): a few sources with the connection properties each asks for
 * (`/api-specs`), their gateways and their enabled/disabled setting.
 */
import { ApiError, invalid } from '../errors';
import { queryValue } from '../paging';
import type { SimCore } from '../core';
import type { Route, RouteContext } from '../types';
import { jsonObject } from '../validate';

export interface PropertySpec {
	type: 'string' | 'number' | 'boolean';
	required?: boolean;
	/** Kept as a secret: never shown again. */
	secret?: boolean;
	description: string;
}

export interface DataSourceDefinition {
	dataSourceId: string;
	name: string;
	provider: string;
	connectionProperties: Record<string, PropertySpec>;
}

export const DATA_SOURCES: DataSourceDefinition[] = [
	{
		dataSourceId: 'postgres',
		name: 'PostgreSQL',
		provider: 'QvOdbcConnectorPackage.exe',
		connectionProperties: {
			host: { type: 'string', required: true, description: 'Server host name' },
			port: { type: 'string', description: 'Server port (5432)' },
			database: { type: 'string', required: true, description: 'Database name' },
			username: { type: 'string', required: true, description: 'User name' },
			password: { type: 'string', required: true, secret: true, description: 'Password' },
		},
	},
	{
		dataSourceId: 'snowflake',
		name: 'Snowflake',
		provider: 'QvOdbcConnectorPackage.exe',
		connectionProperties: {
			server: { type: 'string', required: true, description: 'Account host name' },
			warehouse: { type: 'string', required: true, description: 'Warehouse' },
			database: { type: 'string', required: true, description: 'Database' },
			username: { type: 'string', required: true, description: 'User name' },
			password: { type: 'string', required: true, secret: true, description: 'Password' },
		},
	},
	{
		dataSourceId: 'rest',
		name: 'REST',
		provider: 'QvRestConnector.exe',
		connectionProperties: {
			url: { type: 'string', required: true, description: 'URL of the service' },
			method: { type: 'string', description: 'GET or POST' },
			username: { type: 'string', description: 'User name (basic auth)' },
			password: { type: 'string', secret: true, description: 'Password (basic auth)' },
		},
	},
	{
		dataSourceId: 'File_AmazonS3ConnectorV2',
		name: 'Amazon S3 V2',
		provider: 'QvWebStorageProviderConnectorPackage.exe',
		connectionProperties: {
			bucketName: { type: 'string', required: true, description: 'Bucket' },
			region: { type: 'string', required: true, description: 'AWS region' },
			accessKey: { type: 'string', required: true, description: 'Access key ID' },
			secretKey: { type: 'string', required: true, secret: true, description: 'Secret access key' },
		},
	},
];

/** Which sources an admin disabled, per simulator state. */
const disabled = new WeakMap<object, Set<string>>();
const disabledOf = (core: SimCore) => {
	let set = disabled.get(core.state);
	if (!set) disabled.set(core.state, (set = new Set()));
	return set;
};

export function findDataSource(core: SimCore, id: string): DataSourceDefinition | undefined {
	return DATA_SOURCES.find((s) => s.dataSourceId === id && !disabledOf(core).has(id));
}

function source(ctx: RouteContext): DataSourceDefinition {
	const id = ctx.params.dataSourceId;
	// A source seeded with sim.seed('/api/v1/data-sources/<id>') has no properties.
	const seeded = ctx.core.state.generic.items.get('/api/v1/data-sources')?.get(id);
	const found =
		DATA_SOURCES.find((s) => s.dataSourceId === id) ??
		(seeded
			? {
					dataSourceId: id,
					name: String(seeded.name ?? id),
					provider: 'custom',
					connectionProperties: {},
				}
			: undefined);
	if (!found)
		throw new ApiError(
			404,
			'DCAAS-4004',
			'Data source not found',
			`No data source "${ctx.params.dataSourceId}".`,
		);
	return found;
}

const view = (core: SimCore, s: DataSourceDefinition) => ({
	dataSourceId: s.dataSourceId,
	name: s.name,
	provider: s.provider,
	providerName: `Qlik ${s.name} Connector`,
	dataSourceType: 'connector',
	disabled: disabledOf(core).has(s.dataSourceId),
	capabilities: [],
});

export const dataSourceRoutes: Route[] = [
	{
		method: 'GET',
		path: '/api/v1/data-sources',
		tier: '1',
		handler: (ctx) => {
			const only = queryValue(ctx, 'dataSourceId');
			const includeDisabled = queryValue(ctx, 'includeDisabled') === 'true';
			const list = DATA_SOURCES.filter((s) => !only || only.split(',').includes(s.dataSourceId))
				.map((s) => view(ctx.core, s))
				.filter((s) => includeDisabled || !s.disabled);
			return { status: 200, body: { dataSources: list, lastUpdated: new Date().toISOString() } };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/data-sources/{dataSourceId}/api-specs',
		tier: '1',
		handler: (ctx) => {
			const s = source(ctx);
			return {
				status: 200,
				body: {
					connectorProvider: s.provider,
					connectorVersion: '1.0.0',
					connectionProperties: s.connectionProperties,
				},
			};
		},
	},
	{
		method: 'GET',
		path: '/api/v1/data-sources/{dataSourceId}/gateways',
		tier: '1',
		handler: (ctx) => {
			source(ctx);
			return { status: 200, body: { gateways: [] } };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/data-sources/{dataSourceId}/settings',
		tier: '1',
		handler: (ctx) => ({
			status: 200,
			body: { disabled: disabledOf(ctx.core).has(source(ctx).dataSourceId) },
		}),
	},
	{
		method: 'PUT',
		path: '/api/v1/data-sources/{dataSourceId}/settings',
		tier: '2',
		handler: (ctx) => {
			const s = source(ctx);
			const body = jsonObject(ctx, 'DCAAS');
			if (typeof body.disabled !== 'boolean')
				throw invalid('DCAAS-400', '"disabled" must be true or false.', { pointer: '/disabled' });
			if (body.disabled) disabledOf(ctx.core).add(s.dataSourceId);
			else disabledOf(ctx.core).delete(s.dataSourceId);
			return { status: 200, body: { disabled: body.disabled } };
		},
	},
];
