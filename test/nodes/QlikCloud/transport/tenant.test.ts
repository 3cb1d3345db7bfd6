import { checkTenantUrl } from '../../../../nodes/QlikCloud/transport/tenant';

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
});
