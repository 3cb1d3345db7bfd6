import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { api } from '../actions/api';
import { isId } from '../shared/ids';

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

export const loadOptions = { getDataSourceProperties };
