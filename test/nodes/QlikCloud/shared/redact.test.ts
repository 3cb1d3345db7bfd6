/** Redaction of secrets in outputs (nodes/QlikCloud/shared/redact.ts), from a table. */
import { REDACTED, redactSecrets } from '../../../../nodes/QlikCloud/shared/redact';

describe('secret fields', () => {
	it.each([
		'password',
		'qPassword',
		'passwd',
		'passphrase',
		'pwd',
		'clientSecret',
		'executionToken',
		'secret',
		'accountKey',
		'account_key',
		'sharedKey',
		'sharedAccessKey',
		'apiKey',
		'accessKey',
		'privateKey',
	])('%s is redacted', (key) => {
		expect(redactSecrets({ [key]: 'value-1', keep: 'x' })).toEqual({ [key]: REDACTED, keep: 'x' });
	});

	it.each(['name', 'username', 'host', 'passportNumber', 'keyName'])('%s is kept', (key) => {
		expect(redactSecrets({ [key]: 'value-1' })).toEqual({ [key]: 'value-1' });
	});

	it('nested, in arrays, and empty values left as they are', () => {
		expect(
			redactSecrets({
				options: { clientSecret: 's', realm: 'r' },
				list: [{ passwd: 'p' }],
				pwd: '',
			}),
		).toEqual({
			options: { clientSecret: REDACTED, realm: 'r' },
			list: [{ passwd: REDACTED }],
			pwd: '',
		});
	});
});

describe('header rows', () => {
	it.each([
		[{ name: 'Authorization', value: 'Bearer abc' }],
		[{ name: 'X-API-Key', value: 'abc' }],
		[{ key: 'Cookie', value: 'session=abc' }],
		[{ name: 'proxy-authorization', value: 'Basic abc' }],
	])('%j: the value is redacted', (row) => {
		expect(redactSecrets({ headers: [row] })).toEqual({ headers: [{ ...row, value: REDACTED }] });
	});

	it('other headers are kept', () => {
		const row = { name: 'Accept', value: 'application/json' };
		expect(redactSecrets({ headers: [row] })).toEqual({ headers: [row] });
	});
});

describe('connection strings', () => {
	it.each([
		['PWD={p;ss};UID=me', 'PWD=[redacted];UID=me'],
		['PWD={p}}x;y};UID=me', 'PWD=[redacted];UID=me'],
		['Password=my pass;Server=x', 'Password=[redacted];Server=x'],
		['Password=my pass', 'Password=[redacted]'],
		[
			'AccountName=acc;AccountKey=abc/def==;EndpointSuffix=core',
			'AccountName=acc;AccountKey=[redacted];EndpointSuffix=core',
		],
		['SharedAccessKey=k1;x=y', 'SharedAccessKey=[redacted];x=y'],
		['passphrase=two words;host=h', 'passphrase=[redacted];host=h'],
		['passwd="q;w";host=h', 'passwd=[redacted];host=h'],
		['CUSTOM CONNECT TO "provider=x;host=h;"', 'CUSTOM CONNECT TO "provider=x;host=h;"'],
	])('%s', (text, redacted) => {
		expect(redactSecrets({ qConnectStatement: text })).toEqual({ qConnectStatement: redacted });
	});
});

describe('own names', () => {
	it('constructor and toString as keys are plain keys', () => {
		const out = redactSecrets(JSON.parse('{"constructor":"c","toString":"t","password":"p"}'));
		expect(Object.entries(out)).toEqual([
			['constructor', 'c'],
			['toString', 't'],
			['password', REDACTED],
		]);
	});
});
