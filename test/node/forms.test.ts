/**
 * The generated forms, through the node against the simulator: what a user fills in the editor
 * becomes the request Qlik expects.
 */
import type { IDataObject } from 'n8n-workflow';

import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { rl, runNode } from '../helpers/n8n';
import { apiKeyCredential, requests, simApi, useSimulator } from '../helpers/sim';

const sim = useSimulator();

async function run(parameters: IDataObject) {
	const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
	if (result.error) throw result.error;
	return result.items.map((item) => item.json);
}

async function failure(parameters: IDataObject) {
	const result = await runNode({ parameters, credential: apiKeyCredential(sim()) });
	expect(result.error).toBeDefined();
	return result.error!;
}

describe('generated forms', () => {
	beforeEach(() => sim().clearLog());

	describe('Update Fields build the JSON Patch', () => {
		let userId: string;
		beforeAll(async () => {
			const user = await simApi(sim(), 'POST', '/api/v1/users', {
				name: 'Before',
				subject: 'forms|before',
				email: 'before@example.com',
			});
			userId = String(user.id);
		});

		it('one replace operation per field, then the raw operations', async () => {
			await run({
				resource: 'user',
				operation: 'update',
				userId: rl(userId),
				updateFields: { name: 'After', status: 'disabled' },
				patch: '[{"op": "replace", "path": "/preferredLocale", "value": "de"}]',
			});
			const [patch] = requests(sim(), 'PATCH', `/api/v1/users/${userId}`);
			expect(patch.body).toEqual([
				{ op: 'replace', path: '/name', value: 'After' },
				{ op: 'replace', path: '/status', value: 'disabled' },
				{ op: 'replace', path: '/preferredLocale', value: 'de' },
			]);
			const user = await simApi(sim(), 'GET', `/api/v1/users/${userId}`);
			expect(user).toMatchObject({ name: 'After', status: 'disabled' });
		});

		it('nothing to update fails before any request, naming both ways', async () => {
			const error = await failure({ resource: 'user', operation: 'update', userId: rl(userId) });
			expect(error.message).toBe('Nothing to update: "Update Fields" is empty');
			expect(error.description).toContain('"Patch Operations (JSON)"');
			expect(requests(sim(), 'PATCH', /\/api\/v1\/users\//)).toHaveLength(0);
		});

		it('raw operations that are not a list fail before any request', async () => {
			const error = await failure({
				resource: 'user',
				operation: 'update',
				userId: rl(userId),
				patch: '{"op": "replace"}',
			});
			expect(error.message).toBe(
				'The "Patch Operations (JSON)" parameter must be a JSON array of patch operations',
			);
			expect(requests(sim(), 'PATCH', /\/api\/v1\/users\//)).toHaveLength(0);
		});
	});

	describe('retired operations', () => {
		it.each([
			[
				'emailConfig',
				'update',
				'Email Configuration → Update was retired by Qlik (sunset 2026-11) and can no longer run',
				'Use Email Configuration → Replace instead, and remove or replace this node.',
			],
			[
				'reloadTask',
				'getAll',
				'Reload Task → Get Many was retired by Qlik (sunset 2026-09) and can no longer run',
				'Use the Scheduling Task resource instead, and remove or replace this node.',
			],
		])(
			'a saved %s.%s fails naming the replacement, before any request',
			async (resource, operation, message, fix) => {
				const error = await failure({
					resource,
					operation,
					updateFields: { username: 'mail' },
				});
				expect(error.message).toBe(message);
				expect(error.description).toBe(fix);
				expect(sim().log).toHaveLength(0);
			},
		);
	});

	describe('sorting', () => {
		const sortProperty = (resource = 'user') =>
			new QlikCloud().description.properties.find(
				(p) =>
					p.name === 'sort' &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes('getAll'),
			)!;

		it('is its own field with readable choices, starting at the API order', () => {
			const property = sortProperty();
			expect(property).toMatchObject({ displayName: 'Sort', type: 'options', default: '' });
			const options = property.options as Array<{ name: string; value: string }>;
			expect(options[0]).toEqual({ name: 'Default Order', value: '' });
			expect(options).toContainEqual({ name: 'Name (Ascending)', value: 'name' });
			expect(options).toContainEqual({ name: 'Created At (Descending)', value: '-createdAt' });
			expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
		});

		it('sends the chosen order, and none by default', async () => {
			await run({ resource: 'user', operation: 'getAll', limit: 5, sort: '-createdAt' });
			await run({ resource: 'user', operation: 'getAll', limit: 5 });
			const [sorted, plain] = requests(sim(), 'GET', '/api/v1/users');
			expect(sorted.query.sort).toBe('-createdAt');
			expect(plain.query.sort).toBeUndefined();
		});

		it('by several keys is one field too, its choices read as orders, and sends the picks', async () => {
			const property = sortProperty('reportTemplate');
			expect(property).toMatchObject({ displayName: 'Sort', type: 'multiOptions', default: [] });
			const options = property.options as Array<{ name: string; value: string }>;
			expect(options).toContainEqual({ name: 'Name (Ascending)', value: 'name' });
			expect(options).toContainEqual({ name: 'Updated At (Descending)', value: '-updatedAt' });
			expect(options.filter((o) => /^[+-]/.test(o.name))).toEqual([]);
			await run({
				resource: 'reportTemplate',
				operation: 'getAll',
				limit: 5,
				sort: ['-updatedAt', 'name'],
			});
			const [get] = requests(sim(), 'GET', '/api/v1/report-templates');
			expect(get.query.sort).toBe('-updatedAt,name');
		});
	});

	describe('dates', () => {
		const banner = (startTime: string) => ({
			resource: 'banner',
			operation: 'createOrUpdate',
			enabled: true,
			linkEnabled: false,
			message: 'Maintenance tonight',
			startTime,
			endTime: '2026-12-02T06:00:00Z',
		});

		it('a date field is a date picker, and its value goes out as ISO 8601 in UTC', async () => {
			const property = new QlikCloud().description.properties.find(
				(p) => p.name === 'startTime' && p.displayOptions?.show?.resource?.includes('banner'),
			);
			expect(property?.type).toBe('dateTime');
			await run(banner('2026-12-01T22:00:00+01:00'));
			const [post] = requests(sim(), 'POST', '/api/v1/banners/actions/upsert');
			expect(post.body).toMatchObject({
				startTime: '2026-12-01T21:00:00.000Z',
				endTime: '2026-12-02T06:00:00.000Z',
			});
		});

		it('text that is no date fails before any request, naming the field', async () => {
			const error = await failure(banner('tonight'));
			expect(error.message).toBe('The "Start Time" parameter is not a date and time: "tonight"');
			expect(sim().log).toHaveLength(0);
		});
	});

	describe('confirmation and protocol headers', () => {
		const shown = (resource: string, operation: string) =>
			new QlikCloud().description.properties.filter(
				(p) =>
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes(operation),
			);

		it('a confirmation header is a switch that sends the ID again', async () => {
			const confirm = shown('oauthClient', 'delete').find((p) => p.name === 'qlikConfirmDelete');
			expect(confirm).toMatchObject({
				displayName: 'Confirm Delete',
				type: 'boolean',
				default: false,
			});
			const client = await simApi(sim(), 'POST', '/api/v1/oauth-clients', {
				clientName: 'Forms',
				appType: 'web',
				allowedScopes: ['user_default'],
			});
			sim().clearLog();
			const id = String(client.clientId ?? client.id);
			const off = await failure({
				resource: 'oauthClient',
				operation: 'delete',
				oauthClientId: rl(id),
				qlikConfirmDelete: false,
			});
			expect(off.message).toBe('The "Confirm Delete" parameter is off');
			expect(sim().log).toHaveLength(0);
			await run({
				resource: 'oauthClient',
				operation: 'delete',
				oauthClientId: rl(id),
				qlikConfirmDelete: true,
			});
			const [request] = requests(sim(), 'DELETE', `/api/v1/oauth-clients/${id}`);
			expect(request.headers['qlik-confirm-delete']).toBe(id);
		});

		it('the node sets Tus-Resumable itself: no field offers it', () => {
			for (const operation of ['createResumableUpload', 'uploadChunk']) {
				expect(shown('tempContent', operation).map((p) => p.name)).not.toContain('tusResumable');
			}
		});

		it("read-only properties (Qlik's to set) are offered in no Create or Update form", () => {
			const names = (resource: string, operation: string) =>
				shown(resource, operation).flatMap((p) => [
					p.name,
					...((p.options ?? []) as Array<{ name: string }>).map((o) => o.name),
				]);
			for (const [resource, operation] of [
				['cspOrigin', 'create'],
				['cspOrigin', 'update'],
			]) {
				expect(names(resource, operation)).not.toContain('createdDate');
				expect(names(resource, operation)).not.toContain('modifiedDate');
			}
		});
	});

	describe('IDs in bodies and queries', () => {
		it('are picked from a list or given by ID, and the ID is sent', async () => {
			const property = new QlikCloud().description.properties.find(
				(p) =>
					p.name === 'appId' &&
					p.displayOptions?.show?.resource?.includes('reload') &&
					p.displayOptions?.show?.operation?.includes('start'),
			);
			expect(property).toMatchObject({ type: 'resourceLocator' });
			expect(property?.modes?.[0].typeOptions?.searchListMethod).toBe('searchApp');
			const appId = 'a1b2c3d4-0000-4000-8000-000000000001';
			await run({
				resource: 'reload',
				operation: 'start',
				appId: rl(appId),
				waitForCompletion: false,
			});
			const [post] = requests(sim(), 'POST', '/api/v1/reloads');
			expect(post.body).toMatchObject({ appId });
		});

		it('an ID in a collection is sent as the ID the locator holds', async () => {
			await run({
				resource: 'dataAlert',
				operation: 'getAll',
				limit: 1,
				filters: { ownerId: rl('64f0c0ffee0000000000abcd') },
			});
			const [get] = requests(sim(), 'GET', '/api/v1/data-alerts');
			expect(get.query.ownerId).toBe('64f0c0ffee0000000000abcd');
		});
	});
});
