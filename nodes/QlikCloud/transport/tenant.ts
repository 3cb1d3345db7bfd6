const EXPECTED_FORM = 'https://your-tenant.region.qlikcloud.com';
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export type TenantUrlCheck =
	{ url: string; problem?: undefined } | { url?: undefined; problem: string };

/**
 * Turns what a user typed as the tenant into `https://host[:port]`, or says what is wrong and
 * shows the expected form. The raw value is never echoed when it carries user-info.
 */
export function checkTenantUrl(raw: unknown): TenantUrlCheck {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') {
		return { problem: `Tenant URL is empty: enter it as ${EXPECTED_FORM}` };
	}
	const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
	let url: URL;
	try {
		url = new URL(hasScheme ? value : `https://${value}`);
	} catch {
		return { problem: `Tenant URL is not a valid address: enter it as ${EXPECTED_FORM}` };
	}
	if (url.username !== '' || url.password !== '') {
		return {
			problem: `Tenant URL must not contain a user name or password: enter it as ${EXPECTED_FORM}`,
		};
	}
	const shown = `${url.protocol}//${url.host}${url.pathname}${url.search}${url.hash}`;
	const isLocal = LOCAL_HOSTS.includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal)) {
		return {
			problem: `Tenant URL "${shown}" uses ${url.protocol.replace(':', '')}: only https is allowed (http only for localhost). Enter it as ${EXPECTED_FORM}`,
		};
	}
	if (!/^\/*$/.test(url.pathname) || url.search !== '' || url.hash !== '') {
		return {
			problem: `Tenant URL "${shown}" must be the tenant's address alone, without a path, query or fragment: enter it as ${EXPECTED_FORM}`,
		};
	}
	return { url: `${url.protocol}//${url.host}` };
}

/**
 * The common part of the same normalisation (scheme added, trailing slashes dropped) as an n8n
 * expression, for credential fields that n8n itself resolves (test requests, OAuth URLs).
 * `source` is `$credentials` or `$self`.
 */
export function tenantUrlExpression(source: '$credentials' | '$self'): string {
	return `${source}["tenantUrl"].trim().replace(new RegExp("^(?![a-zA-Z][a-zA-Z0-9+.-]*://)"), "https://").replace(new RegExp("/+$"), "")`;
}
