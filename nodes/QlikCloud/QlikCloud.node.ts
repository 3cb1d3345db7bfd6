import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceDescriptions, resourceProperty } from './actions';
import { router } from './actions/router';
import { listSearch } from './methods';
import { requestOptions } from './shared/descriptions';
import { CREDENTIAL_TYPES } from './transport';

export class QlikCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qlik Cloud',
		name: 'qlikCloud',
		icon: { light: 'file:../../icons/qlik.svg', dark: 'file:../../icons/qlik.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Automate Qlik Cloud: spaces, data, apps, users, reloads, tasks and every Manage API',
		defaults: { name: 'Qlik Cloud' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{
				name: CREDENTIAL_TYPES.apiKey,
				required: true,
				displayOptions: { show: { authentication: [CREDENTIAL_TYPES.apiKey] } },
			},
			{
				name: CREDENTIAL_TYPES.m2m,
				required: true,
				displayOptions: { show: { authentication: [CREDENTIAL_TYPES.m2m] } },
			},
			{
				name: CREDENTIAL_TYPES.interactive,
				required: true,
				displayOptions: { show: { authentication: [CREDENTIAL_TYPES.interactive] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: CREDENTIAL_TYPES.apiKey },
					{ name: 'OAuth2 Interactive (PKCE)', value: CREDENTIAL_TYPES.interactive },
					{ name: 'OAuth2 Machine-to-Machine', value: CREDENTIAL_TYPES.m2m },
				],
				default: 'qlikCloudApi',
			},
			resourceProperty,
			...resourceDescriptions,
			requestOptions,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
