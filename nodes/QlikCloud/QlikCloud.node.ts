import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceDescriptions, resourceProperty } from './actions';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import {
	authenticationProperty,
	credentialsForAuthentication,
	QLIK_CLOUD_DESCRIPTION,
	requestOptions,
} from './shared/descriptions';
import { toolItemLimitProperty } from './shared/tool';

export class QlikCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qlik Cloud',
		name: 'qlikCloud',
		icon: { light: 'file:../../icons/qlik.svg', dark: 'file:../../icons/qlik.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: QLIK_CLOUD_DESCRIPTION,
		defaults: { name: 'Qlik Cloud' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: credentialsForAuthentication,
		properties: [
			authenticationProperty,
			resourceProperty,
			...resourceDescriptions,
			toolItemLimitProperty,
			requestOptions,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
