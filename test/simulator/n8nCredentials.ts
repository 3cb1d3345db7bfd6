import type { Simulator } from './types';

export interface N8nCredential {
	type: string;
	data: Record<string, unknown>;
}

/** Credential data, in the shape of this package's credential types, for each sign-in method. */
export function n8nCredentials(sim: Simulator) {
	const { url, credentials } = sim;
	return {
		apiKey: (): N8nCredential => ({
			type: 'qlikCloudApi',
			data: { tenantUrl: url, apiKey: credentials.apiKey },
		}),
		m2m: (impersonate?: { field: 'subject' | 'userId'; value: string }): N8nCredential => ({
			type: 'qlikCloudM2mOAuth2Api',
			data: {
				tenantUrl: url,
				clientId: credentials.m2m.clientId,
				clientSecret: credentials.m2m.clientSecret,
				scope: 'user_default',
				impersonate: impersonate !== undefined,
				...(impersonate
					? { userLookupField: impersonate.field, userLookupValue: impersonate.value }
					: {}),
			},
		}),
		interactive: (): N8nCredential => ({
			type: 'qlikCloudOAuth2Api',
			data: {
				tenantUrl: url,
				clientId: credentials.interactive.clientId,
				clientSecret: '',
				scope: 'user_default offline_access',
			},
		}),
	};
}
