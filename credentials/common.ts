import type { INodeProperties } from 'n8n-workflow';

/** One tenant field, with the same name in every Qlik Cloud credential type. */
export const tenantUrlProperty: INodeProperties = {
	displayName: 'Tenant URL',
	name: 'tenantUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://your-tenant.eu.qlikcloud.com',
	description: "Your tenant's address, with or without https://. No path.",
};
