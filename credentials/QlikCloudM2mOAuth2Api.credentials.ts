import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { checkTenantUrl, tenantUrlExpression } from '../nodes/QlikCloud/transport/tenant';
import { tenantUrlProperty } from './common';

/** The settings a token was issued for: a change to any of them makes the stored token unusable. */
const TOKEN_SETTINGS = [
	'tenantUrl',
	'clientId',
	'scope',
	'impersonate',
	'userLookupField',
	'userLookupValue',
] as const;

/** A token is renewed this long before Qlik says it expires. */
const RENEW_BEFORE_MS = 60_000;

/** The settings as one text, computed the same way here and in the header's expression. */
function settingsOf(credentials: ICredentialDataDecryptedObject): string {
	return TOKEN_SETTINGS.map((name) => String(credentials[name] || '')).join('|');
}
const SETTINGS_EXPRESSION = `[${TOKEN_SETTINGS.map((name) => `String($credentials.${name} || "")`).join(', ')}].join("|")`;

/**
 * The Authorization header: the stored token only while it is for the current settings and not
 * about to expire; otherwise none, so that Qlik answers 401 and n8n fetches a new token (the old
 * one never goes to another tenant or client). The stored value is `token expiresAtMs settings`.
 */
const STORED = 'String($credentials.accessToken || "")';
const AUTHORIZATION = `=Bearer {{ ${STORED}.endsWith(" " + ${SETTINGS_EXPRESSION}) && (Number(${STORED}.split(" ")[1]) === 0 || Number(${STORED}.split(" ")[1]) - ${RENEW_BEFORE_MS} > Date.now()) ? ${STORED}.split(" ")[0] : "" }}`;

/**
 * Machine-to-machine OAuth (client credentials, optionally impersonating a user). Not built on
 * n8n's oAuth2Api: Qlik's impersonation grant needs a nested `user_lookup` sent as JSON, which
 * n8n's OAuth client cannot send. The token is cached in the hidden `accessToken` field, which
 * n8n persists with the credential (shared by queue-mode workers), with its expiry and the
 * settings it was issued for; n8n fetches a new one after a 401.
 */
export class QlikCloudM2mOAuth2Api implements ICredentialType {
	name = 'qlikCloudM2mOAuth2Api';

	displayName = 'Qlik Cloud OAuth2 M2M API';

	icon: Icon = { light: 'file:../icons/qlik.svg', dark: 'file:../icons/qlik.dark.svg' };

	documentationUrl =
		'https://github.com/qlik-cloud-n8n/n8n-nodes-qlik-cloud#oauth-machine-to-machine';

	properties: INodeProperties[] = [
		tenantUrlProperty,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'user_default',
			description:
				'Space-separated scopes; they can only narrow what the client was allowed in Qlik Cloud',
		},
		{
			displayName: 'Impersonate a User',
			name: 'impersonate',
			type: 'boolean',
			default: false,
			description:
				'Whether to act as a given user (the client needs the machine-to-machine impersonation grant)',
		},
		{
			displayName: 'Find User By',
			name: 'userLookupField',
			type: 'options',
			default: 'subject',
			options: [
				{
					name: 'Subject',
					value: 'subject',
					description: "The user's subject from the identity provider",
				},
				{ name: 'User ID', value: 'userId', description: "The user's ID in Qlik Cloud" },
			],
			displayOptions: { show: { impersonate: [true] } },
		},
		{
			displayName: 'User',
			name: 'userLookupValue',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. auth0|a08D000001Dm3yMIAR',
			displayOptions: { show: { impersonate: [true] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tenant = checkTenantUrl(credentials.tenantUrl);
		if (tenant.problem !== undefined) throw new Error(tenant.problem);
		const tenantUrl = tenant.url;
		const body: IDataObject = {
			client_id: credentials.clientId,
			client_secret: credentials.clientSecret,
			scope: (credentials.scope as string) || 'user_default',
			grant_type: 'client_credentials',
		};
		if (credentials.impersonate === true) {
			body.grant_type = 'urn:qlik:oauth:user-impersonation';
			body.user_lookup = {
				field: credentials.userLookupField || 'subject',
				value: credentials.userLookupValue,
			};
		}
		let answer: IDataObject;
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${tenantUrl}/oauth/token`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body,
				json: true,
				// The body holds the client secret: never resent to the address a redirect names.
				disableFollowRedirect: true,
			})) as IDataObject;
		} catch (error) {
			const response = (error as { response?: { status?: number; data?: IDataObject } }).response;
			const status = response?.status;
			const reason =
				(response?.data?.error_description as string) ??
				((response?.data?.errors as IDataObject[] | undefined)?.[0]?.title as string) ??
				(error as Error).message;
			const hint =
				status === 401
					? 'Check the client ID and secret.'
					: status === 400
						? 'Check the scope and, when impersonating, the user.'
						: 'Check the tenant URL.';
			throw new Error(
				`Qlik Cloud did not issue a token${status ? ` (HTTP ${status})` : ''}: ${reason}. ${hint}`,
			);
		}
		if (typeof answer?.access_token !== 'string' || !/^\S+$/.test(answer.access_token)) {
			throw new Error('Qlik Cloud answered the token request without an access token');
		}
		const lifetime = Number(answer.expires_in);
		const expiresAt = Number.isFinite(lifetime) && lifetime > 0 ? Date.now() + lifetime * 1000 : 0;
		return { accessToken: `${answer.access_token} ${expiresAt} ${settingsOf(credentials)}` };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: AUTHORIZATION } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: `={{${tenantUrlExpression('$credentials')}}}`, url: '/api/v1/users/me' },
	};
}
