import {
	checkTenantUrl,
	REFUSED_TENANT_URL,
	tenantUrlExpression,
} from '../../../../nodes/QlikCloud/transport/tenant';
import { resolveExpression } from '../../../helpers/n8n';

describe('tenant URL', () => {
	it.each([
		['acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
		['https://acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
		['https://acme.eu.qlikcloud.com/', 'https://acme.eu.qlikcloud.com'],
		['  acme.us.qlikcloud.com//  ', 'https://acme.us.qlikcloud.com'],
		['HTTPS://Acme.EU.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
		['http://localhost:4000', 'http://localhost:4000'],
		['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
	])('accepts %s as %s', (input, expected) => {
		expect(checkTenantUrl(input)).toEqual({ url: expected });
	});

	it.each([
		['', /empty/],
		['ftp://acme.eu.qlikcloud.com', /uses ftp: only https/],
		['http://acme.eu.qlikcloud.com', /uses http: only https/],
		['https://acme.eu.qlikcloud.com/api/v1', /without a path/],
		['https://acme.eu.qlikcloud.com/?x=1', /without a path, query/],
		['https://acme.eu.qlikcloud.com/#top', /fragment/],
		['https://exa mple.com', /not a valid address/],
	])('rejects %s with a message that shows the expected form', (input, reason) => {
		const result = checkTenantUrl(input);
		expect(result.url).toBeUndefined();
		expect(result.problem).toMatch(reason);
		expect(result.problem).toContain('https://your-tenant.region.qlikcloud.com');
	});

	it('never echoes user-info (it may be a password)', () => {
		const result = checkTenantUrl('https://admin:s3cret-pass@acme.eu.qlikcloud.com');
		expect(result.problem).toMatch(/user name or password/);
		expect(result.problem).not.toContain('s3cret-pass');
	});

	it.each([
		'acme.eu.qlikcloud.com',
		'https://acme.eu.qlikcloud.com/',
		'HTTPS://Acme.EU.qlikcloud.com',
		'http://localhost:4000',
		'http://127.0.0.1:4000/',
		'http://acme.eu.qlikcloud.com',
		'ftp://acme.eu.qlikcloud.com',
		'https://a@evil.example.com',
		'https://user:pass@acme.eu.qlikcloud.com',
		'http://fake@localhost:4000',
		'https://acme.eu.qlikcloud.com/api/v1',
		'https://acme.eu.qlikcloud.com?x=1',
		'https://acme.eu.qlikcloud.com#top',
		'https://exa mple.com',
		'',
	])('the expression n8n resolves itself follows the same rule: %j', (input) => {
		const checked = checkTenantUrl(input);
		for (const source of ['$credentials', '$self'] as const) {
			const resolved = resolveExpression(`={{${tenantUrlExpression(source)}}}`, {
				tenantUrl: input,
			});
			if (checked.url !== undefined) expect(String(resolved).toLowerCase()).toBe(checked.url);
			else expect(resolved).toBe(REFUSED_TENANT_URL);
		}
	});

	it('what a refused tenant resolves to is no address an HTTP client accepts', () => {
		expect(() => new URL(`${REFUSED_TENANT_URL}/api/v1/users/me`)).toThrow();
		expect(() => new URL(`${REFUSED_TENANT_URL}/oauth/authorize`)).toThrow();
	});
});
