import {
	apiKeyExpiryCheck,
	EXPIRY_WARNING_DAYS,
	jwtExpiry,
	webhookUrlCheck,
} from '../../../../../nodes/QlikCloud/actions/tenant/checkAccess';

const jwt = (claims: object) =>
	`${Buffer.from('{"alg":"ES384"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const NOW = Date.UTC(2026, 0, 1);
const DAY = 86400;

describe('jwtExpiry', () => {
	it.each([
		['a JWT with exp', jwt({ exp: NOW / 1000 + DAY }), new Date(NOW + DAY * 1000)],
		['a JWT without exp', jwt({ sub: 'u' }), undefined],
		['not a JWT', 'plain-secret', undefined],
		['a payload that is not JSON', 'a.bm90LWpzb24.c', undefined],
	])('%s', (_label, token, expected) => {
		expect(jwtExpiry(token)).toEqual(expected);
	});
});

describe('apiKeyExpiryCheck', () => {
	it.each([
		['far off', NOW / 1000 + 90 * DAY, 'pass'],
		['within the warning', NOW / 1000 + (EXPIRY_WARNING_DAYS - 1) * DAY, 'fail'],
		['past', NOW / 1000 - DAY, 'fail'],
	])('an expiry %s: %s', (_label, exp, status) => {
		const check = apiKeyExpiryCheck(jwt({ exp }), NOW);
		expect(check).toMatchObject({ status, expiresAt: new Date(exp * 1000).toISOString() });
		expect(JSON.stringify(check)).not.toContain(jwt({ exp }));
		if (status === 'fail') expect(check.fix).toMatch(/new API key/);
	});
});

describe('webhookUrlCheck', () => {
	it.each([
		['https://n8n.example.com/', 'pass'],
		['https://n8n.example.com:8443/base/', 'pass'],
		['http://n8n.example.com/', 'fail'],
		['https://localhost:5678/', 'fail'],
		['https://127.0.0.1/', 'fail'],
		['https://10.1.2.3/', 'fail'],
		['https://172.20.0.5/', 'fail'],
		['https://192.168.1.10/', 'fail'],
		['https://n8n.local/', 'fail'],
		['https://n8n/', 'fail'],
		['https://[::1]/', 'fail'],
		['not a url', 'fail'],
		[undefined, 'fail'],
	])('%s: %s', (url, status) => {
		const check = webhookUrlCheck(url);
		expect(check.status).toBe(status);
		if (status === 'fail') expect(check.fix).toMatch(/public HTTPS/);
	});
});
