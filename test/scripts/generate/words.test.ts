import {
	a,
	camel,
	labelOf,
	nounPhrase,
	plural,
	sentenceOf,
	singular,
	titleOf,
	wordsOf,
} from '../../../scripts/generate/words';

describe('words', () => {
	it.each([
		['createdByUserId', ['created', 'by', 'user', 'id']],
		['data-store-id', ['data', 'store', 'id']],
		['owner_id', ['owner', 'id']],
		['QLIK-IDP-POPTS-MATCH', ['qlik', 'idp', 'popts', 'match']],
		['getAPISpecs', ['get', 'api', 'specs']],
	])('wordsOf(%s)', (name, words) => {
		expect(wordsOf(name)).toEqual(words);
	});

	it.each([
		['changeOwner', 'Change Owner'],
		['spaceId', 'Space ID'],
		['redirectUris', 'Redirect URIs'],
		['allowedIps', 'Allowed IPs'],
		['arnFingerPrint', 'ARN Fingerprint'],
		['comparisonid', 'Comparison ID'],
		['keyprovider', 'Key Provider'],
		['daysOfWeek', 'Days of Week'],
		['scriptSrc', 'Script Source'],
		['resourceSubType', 'Resource Subtype'],
		['getTenantIdpMetadata', 'Get Tenant IdP Metadata'],
		['oauthClientIds', 'OAuth Client IDs'],
	])('titleOf(%s) = %s', (name, title) => {
		expect(titleOf(name)).toBe(title);
		expect(labelOf(name)).toBe(title);
	});

	it.each([
		['qConnectStatement', 'Connection String'],
		['qName', 'Name'],
		['appid', 'App ID'],
		['ttl', 'Time to Live (Seconds)'],
		['caseinsensitive', 'Case-Insensitive Sort'],
	])('labelOf(%s) = %s: the q prefix dropped, config.ts labels first', (name, label) => {
		expect(labelOf(name)).toBe(label);
	});

	it('camel joins words and keeps acronyms lower-cased inside', () => {
		expect(camel('change-owner')).toBe('changeOwner');
		expect(camel('data-store-ids')).toBe('dataStoreIds');
		expect(camel('QLIK-CONFIRM-DELETE')).toBe('qlikConfirmDelete');
	});

	it('sentenceOf lower-cases all but the first word and acronyms', () => {
		expect(sentenceOf('Change Owner (Many)')).toBe('Change owner (many)');
		expect(sentenceOf('Get API Specs')).toBe('Get API specs');
		expect(sentenceOf('Reset to Qlik SharePoint')).toBe('Reset to Qlik SharePoint');
	});

	it('nounPhrase keeps acronyms', () => {
		expect(nounPhrase('Data File')).toBe('data file');
		expect(nounPhrase('API Key')).toBe('API key');
	});

	it.each([
		['spaces', 'space'],
		['policies', 'policy'],
		['status', 'status'],
		['boxes', 'box'],
	])('singular(%s) = %s', (word, one) => {
		expect(singular(word)).toBe(one);
	});

	it.each([
		['space', 'spaces'],
		['policy', 'policies'],
		['app media', 'app media'],
		['audit', 'audits'],
	])('plural(%s) = %s', (word, many) => {
		expect(plural(word)).toBe(many);
	});

	it.each([
		['data file', 'a data file'],
		['API key', 'an API key'],
		['app', 'an app'],
		['user', 'a user'],
	])('a(%s) = %s', (noun, phrase) => {
		expect(a(noun)).toBe(phrase);
	});
});
