import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { api } from '../actions/api';
import { isId } from '../shared/ids';
import type { QlikList } from '../shared/types';

/** The event types of the tenant, for the trigger and for Webhook → Create and Update. */
export async function getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await api.webhook.getEventTypes.call(this);
	return ((body as QlikList).data ?? [])
		.map((type) => ({
			name: String(type.title ?? type.name),
			value: String(type.name),
			description: typeof type.description === 'string' ? type.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The connection properties of the chosen data source, from its API specs. */
export async function getDataSourceProperties(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const id = this.getCurrentNodeParameter('datasourceID', { extractValue: true });
	if (typeof id !== 'string' || !isId(id.trim())) {
		throw new NodeOperationError(this.getNode(), 'Choose a Data Source first', {
			description: 'The properties depend on the "Data Source" parameter above.',
		});
	}
	const { body } = await api.dataSource.getApiSpecs.call(this, {
		path: { dataSourceId: id.trim() },
	});
	const properties = ((body as IDataObject | undefined)?.connectionProperties ?? {}) as IDataObject;
	return Object.entries(properties)
		.map(([name, about]) => {
			const info = (about && typeof about === 'object' ? about : {}) as IDataObject;
			const text =
				typeof about === 'string'
					? about
					: [info.required ? 'required' : '', info.type, info.description]
							.filter((v) => typeof v === 'string' && v !== '')
							.join(', ');
			return { name, value: name, ...(text ? { description: text } : {}) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const loadOptions = { getDataSourceProperties, getEventTypes };
