const EXPECTED_FORM = 'https://your-tenant.region.qlikcloud.com';
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * What `checkTenantUrl` gives, as a pattern: https (http only for a local host), a host and an
 * optional port, nothing else (no user info, path, query or fragment).
 */
const TENANT_ORIGIN = `^(?:https://[A-Za-z0-9_.-]+|http://(?:${LOCAL_HOSTS.map((h) =>
	h.replace(/[.[\]]/g, '\\$&'),
).join('|')}))(?::[0-9]{1,5})?$`;

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
	const origin = `${url.protocol}//${url.host}`;
	if (!new RegExp(TENANT_ORIGIN, 'i').test(origin)) {
		return { problem: `Tenant URL is not a valid address: enter it as ${EXPECTED_FORM}` };
	}
	return { url: origin };
}

/** What a refused tenant URL resolves to in n8n's own requests: not a URL, so nothing is sent. */
export const REFUSED_TENANT_URL = `Tenant URL refused: enter it as ${EXPECTED_FORM}`;

/**
 * The same rule as an n8n expression, for credential fields that n8n itself resolves (the
 * credential test, the OAuth URLs): the scheme added and trailing slashes dropped as above; a
 * value `checkTenantUrl` refuses resolves to REFUSED_TENANT_URL, which no HTTP client accepts as
 * an address, so neither a key nor a code goes out in clear or to another host.
 * `source` is `$credentials` or `$self`.
 */
export function tenantUrlExpression(source: '$credentials' | '$self'): string {
	const normalised = `String(${source}["tenantUrl"] || "").trim().replace(new RegExp("^(?![a-zA-Z][a-zA-Z0-9+.-]*://)"), "https://").replace(new RegExp("/+$"), "")`;
	return `(new RegExp(${JSON.stringify(TENANT_ORIGIN)}, "i").test(${normalised}) ? ${normalised} : ${JSON.stringify(REFUSED_TENANT_URL)})`;
}
