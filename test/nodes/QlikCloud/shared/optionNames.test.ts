import { optionName, sortName } from '../../../../nodes/QlikCloud/shared/optionNames';

describe('optionName', () => {
	it.each([
		['active', 'Active'],
		['REP', 'Report'],
		['client_secret', 'Client Secret'],
		['LOG_ON_SERVICE_USER', 'Log On Service User'],
		['urn:qlik:oauth:user-impersonation', 'User Impersonation'],
		['sense-pixel-perfect-template-1.0', 'Sense Pixel Perfect Template 1.0'],
		['qv-data-2.0', 'QlikView Data 2.0'],
		['evaluation.resultData.count', 'Evaluation Result Data Count'],
		['AWS-KMS', 'AWS KMS'],
		['private_key_jwt', 'Private Key JWT'],
		['publicgoverned', 'Public Governed'],
		['automl-experiment', 'AutoML Experiment'],
		['noCleanup', 'No Cleanup'],
		['secureQri', 'Secure QRI'],
		['uri', 'URI'],
		['0', '0'],
	])('%s → %s', (value, name) => {
		expect(optionName(value)).toBe(name);
	});
});

describe('sortName', () => {
	it.each([
		['+name', 'Name (Ascending)'],
		['name', 'Name (Ascending)'],
		['-createdAt', 'Created At (Descending)'],
		['-_id', 'ID (Descending)'],
		['+nextexecutiontime', 'Next Execution Time (Ascending)'],
	])('%s → %s', (value, name) => {
		expect(sortName(value)).toBe(name);
	});
});
