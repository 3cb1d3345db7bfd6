import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { tenantUrlExpression } from '../nodes/QlikCloud/transport/tenant';
import { tenantUrlProperty } from './common';

/**
 * Interactive OAuth: authorization code with PKCE (S256) through n8n's Connect button.
 * Works with a public (SPA/native) Qlik client and no secret, or a confidential (web) one.
 */
export class QlikCloudOAuth2Api implements ICredentialType {
	name = 'qlikCloudOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Qlik Cloud OAuth2 API';

	icon: Icon = { light: 'file:../icons/qlik.svg', dark: 'file:../icons/qlik.dark.svg' };

	documentationUrl =
		'https://github.com/qlik-cloud-n8n/n8n-nodes-qlik-cloud#oauth-interactive-authorization-code-with-pkce';

	properties: INodeProperties[] = [
		tenantUrlProperty,
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'pkce' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{${tenantUrlExpression('$self')}}}/oauth/authorize`,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{${tenantUrlExpression('$self')}}}/oauth/token`,
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Leave empty for a public (single-page or native) OAuth client; a web client has a secret',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'user_default offline_access',
			description: 'Space-separated; keep offline_access so that n8n gets a refresh token',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}
