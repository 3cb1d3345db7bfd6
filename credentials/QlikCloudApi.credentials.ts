import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { tenantUrlExpression } from '../nodes/QlikCloud/transport/tenant';
import { tenantUrlProperty } from './common';

export class QlikCloudApi implements ICredentialType {
	name = 'qlikCloudApi';

	displayName = 'Qlik Cloud API';

	icon: Icon = { light: 'file:../icons/qlik.svg', dark: 'file:../icons/qlik.dark.svg' };

	documentationUrl = 'https://github.com/qlik-cloud-n8n/n8n-nodes-qlik-cloud#api-key';

	properties: INodeProperties[] = [
		tenantUrlProperty,
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Generated in Qlik Cloud under Profile settings > API keys; it acts as the user who created it',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: `={{${tenantUrlExpression('$credentials')}}}`, url: '/api/v1/users/me' },
	};
}
