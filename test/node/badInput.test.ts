import { NodeOperationError } from 'n8n-workflow';

import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, useSimulator } from '../helpers/sim';

const sim = useSimulator();

describe('bad input is refused before any request', () => {
	beforeEach(() => sim().clearLog());

	it.each([
		[
			'a missing space ID',
			{ resource: 'space', operation: 'get', spaceId: rl('') },
			/The "Space" parameter is empty/,
		],
		[
			'a malformed space ID',
			{ resource: 'space', operation: 'get', spaceId: rl('abc/../../users') },
			/The "Space" parameter is not a valid ID/,
		],
		[
			'a space ID with spaces',
			{ resource: 'space', operation: 'delete', spaceId: rl('62716f4b 39b865') },
			/The "Space" parameter is not a valid ID/,
		],
		[
			'invalid JSON in a body field',
			{
				resource: 'space',
				operation: 'create',
				name: 'x',
				type: 'shared',
				additionalFields: { json: '{"description": ' },
			},
			/The "More Attributes \(JSON\)" parameter is not valid JSON/,
		],
		[
			'an unknown space type',
			{ resource: 'space', operation: 'create', name: 'x', type: 'private' },
			/The "Type" parameter has an unknown value "private"/,
		],
		[
			'a space name with forbidden characters',
			{ resource: 'space', operation: 'create', name: 'a/b', type: 'shared' },
			/The "Name" parameter must not contain "\/"/,
		],
		[
			'a space name over 256 characters',
			{ resource: 'space', operation: 'create', name: 'x'.repeat(257), type: 'shared' },
			/The "Name" parameter is longer than 256 characters/,
		],
		[
			'an empty name',
			{ resource: 'space', operation: 'create', name: '  ', type: 'shared' },
			/The "Name" parameter is required/,
		],
		[
			'an unknown role',
			{
				resource: 'spaceAssignment',
				operation: 'update',
				spaceId: rl('62716f4b39b865ece543cd45'),
				assignmentId: rl('a1'),
				roles: ['owner'],
			},
			/The "Roles" parameter has an unknown value "owner"/,
		],
		[
			'no update fields',
			{
				resource: 'space',
				operation: 'update',
				spaceId: rl('62716f4b39b865ece543cd45'),
				updateFields: {},
			},
			/Nothing to update/,
		],
		[
			'an unknown sort',
			{ resource: 'space', operation: 'getAll', filters: { sort: 'size' } },
			/The "Sort" parameter has an unknown value "size"/,
		],
	])('%s', async (_label, parameters, message) => {
		const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBeTruthy();
		expect(sim().log).toHaveLength(0);
	});

	it('a tenant URL with a path names the credential field and the expected form', async () => {
		const result = await runNode({
			parameters: { resource: 'space', operation: 'getTypes' },
			credential: {
				type: 'qlikCloudApi',
				data: { tenantUrl: `${sim().url}/api/v1`, apiKey: sim().credentials.apiKey },
			},
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(
			/Credential field "Tenant URL": .*without a path.*https:\/\/your-tenant\.region\.qlikcloud\.com/,
		);
		expect(sim().log).toHaveLength(0);
	});

	it.each([
		[
			'a missing required body field',
			{ resource: 'collection', operation: 'create', type: 'private' },
			/The "Name" parameter is required/,
		],
		[
			'a body value outside its enum',
			{ resource: 'collection', operation: 'create', name: 'Mine', type: 'secret' },
			/The "Type" parameter has an unknown value "secret".*/,
		],
		[
			'a missing required query parameter',
			{ resource: 'audit', operation: 'getArchive' },
			/The "Date" parameter is required/,
		],
		[
			'a whole number that is not one',
			{
				resource: 'automation',
				operation: 'update',
				automationId: rl('62716f4b39b865ece543cd45'),
				updateFields: { maxConcurrentRuns: '2.5' },
			},
			/The "Max Concurrent Runs" parameter must be a whole number, not "2.5"/,
		],
		[
			'a path value outside its enum',
			{
				resource: 'brand',
				operation: 'getFile',
				brandId: rl('62716f4b39b865ece543cd45'),
				brandFileId: 'banner',
			},
			/The "Brand File ID" parameter has an unknown value "banner"/,
		],
		[
			'invalid JSON in a JSON Patch body',
			{
				resource: 'apiKey',
				operation: 'update',
				apiKeyId: rl('62716f4b39b865ece543cd45'),
				patch: '[{"op": "replace"',
			},
			/The "Patch Operations \(JSON\)" parameter is not valid JSON/,
		],
		[
			'a malformed ID of a generated resource',
			{ resource: 'webhook', operation: 'get', webhookId: rl('a/../b') },
			/The "Webhook" parameter is not a valid ID/,
		],
		[
			'a binary field the input item does not have',
			{ resource: 'app', operation: 'import', binaryPropertyName: 'file' },
			/The "Input Binary Field" parameter names "file", but the input item has no binary field of that name/,
		],
	])('generated operations: %s', async (_name, parameters, message) => {
		const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(message);
		expect(sim().log).toHaveLength(0);
	});

	it('with continue-on-fail each bad item carries its error and nothing is sent', async () => {
		const result = await runNode({
			parameters: { resource: 'space', operation: 'get', spaceId: rl('') },
			credential: apiKeyCredential(sim()),
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { error: 'The "Space" parameter is empty', description: expect.any(String) },
				pairedItem: { item: 0 },
			},
			{
				json: { error: 'The "Space" parameter is empty', description: expect.any(String) },
				pairedItem: { item: 1 },
			},
		]);
		expect(sim().log).toHaveLength(0);
	});
});
