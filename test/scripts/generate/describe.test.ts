import type { Answer } from '../../../scripts/generate/describe';
import {
	describeField,
	describeOperation,
	describePathParam,
	thirdPerson,
} from '../../../scripts/generate/describe';
import type { FieldSpec, TableOperation } from '../../../nodes/QlikCloud/shared/types';

type Row = Pick<TableOperation, 'action' | 'method' | 'response' | 'deprecated'>;

describe('descriptions stage', () => {
	it.each([
		['Get', 'Gets'],
		['Search', 'Searches'],
		['Copy', 'Copies'],
		['Publish', 'Publishes'],
	])('thirdPerson(%s) = %s', (verb, form) => {
		expect(thirdPerson(verb)).toBe(form);
	});

	it.each<[string, Row, string]>([
		[
			'getAll',
			{ action: 'Get many widgets', method: 'GET', response: { kind: 'list', maxPageSize: 100 } },
			'Returns many widgets, page by page (all of them, or up to the limit).',
		],
		[
			'get',
			{ action: 'Get a widget', method: 'GET', response: { kind: 'object' } },
			'Returns a widget.',
		],
		[
			'download',
			{ action: 'Download a widget', method: 'GET', response: { kind: 'binary' } },
			'Downloads a widget and returns the file as binary data.',
		],
		[
			'create',
			{ action: 'Create a widget', method: 'POST', response: { kind: 'object' } },
			'Creates a widget and returns the new widget.',
		],
		[
			'delete',
			{
				action: 'Delete a widget',
				method: 'DELETE',
				response: { kind: 'empty', output: { deleted: true } },
			},
			'Deletes a widget and outputs `deleted: true`.',
		],
		[
			'copy',
			{
				action: 'Copy a widget (deprecated)',
				method: 'POST',
				response: { kind: 'object' },
				deprecated: { sunset: '2026-09-01', replacement: 'Widget → Clone' },
			},
			"Deprecated by Qlik (sunset 2026-09-01); use Widget → Clone instead. Copies a widget and returns Qlik's answer.",
		],
	])('%s: one sentence of what it does and returns', (value, row, sentence) => {
		expect(describeOperation('widget', value, row, 'widget')).toBe(sentence);
	});

	const post = (action: string): Row => ({ action, method: 'POST', response: { kind: 'object' } });
	it.each<[string, string, Answer, string]>([
		[
			'copy',
			'Copy a widget',
			{ status: 201, schema: 'NxWidget', properties: ['name'] },
			'the copy',
		],
		[
			'import',
			'Import a widget',
			{ status: 200, schema: 'WidgetResponse', properties: [] },
			'the imported widget',
		],
		[
			'publish',
			'Publish a widget',
			{ status: 200, schema: 'Widget', properties: [] },
			'the published widget',
		],
		[
			'changeOwner',
			'Change the owner of a widget',
			{ status: 200, schema: 'Widget', properties: [] },
			'the updated widget',
		],
		[
			'activate',
			'Activate a widget',
			{ status: 200, schema: 'Widget', properties: [] },
			'the widget',
		],
		[
			'replaceFile',
			'Replace a widget file',
			{ status: 200, schema: 'WidgetFile', properties: [] },
			'the updated widget file',
		],
		[
			'resendDelivery',
			'Resend a widget delivery',
			{ status: 201, schema: 'Delivery', properties: [] },
			'the new widget delivery',
		],
		[
			'createSecret',
			'Create a widget secret',
			{ status: 201, schema: 'WidgetSecretCreateResponse', properties: [] },
			'the new widget secret',
		],
		['count', 'Count widgets', { status: 200, properties: ['total'] }, 'the count as `total`'],
		['export', 'Export a widget', { status: 200, properties: ['url'] }, 'the URL as `url`'],
		[
			'cancel',
			'Cancel a widget',
			{ status: 202, properties: ['status'] },
			'its status as `status`',
		],
		[
			'start',
			'Start a widget',
			{ status: 200, properties: ['message'] },
			'a confirmation message as `message`',
		],
		['copy', 'Copy a widget', { status: 201, properties: ['id'] }, 'the ID of the copy as `id`'],
		[
			'updateSettings',
			'Update the widget settings',
			{ status: 200, schema: 'SettingsObject', properties: ['enabled'] },
			'the settings now in effect',
		],
		[
			'assign',
			'Assign a widget',
			{ status: 207, properties: ['data'] },
			'a result for each entry (`data`)',
		],
	])('%s with %j returns %s', (value, action, answer, what) => {
		const [verb, ...rest] = action.split(' ');
		expect(describeOperation('widget', value, post(action), 'widget', answer)).toBe(
			`${thirdPerson(verb)} ${rest.join(' ')} and returns ${what}.`,
		);
	});

	it.each<[string, Row, Answer, string]>([
		[
			'update',
			{ action: 'Update a widget', method: 'PATCH', response: { kind: 'object' } },
			{ status: 207, properties: ['errors', 'traceId'] },
			'Updates a widget and outputs `success: true`, or the errors of the changes that failed (`errors`).',
		],
		[
			'deactivate',
			post('Deactivate a widget'),
			{ status: 200, schema: 'WidgetDeactivateResponse', properties: ['id', 'status'] },
			"Deactivates a widget and returns Qlik's answer.",
		],
		[
			'createLink',
			post('Create a link for a widget'),
			{ status: 201, schema: 'widgetLinksTo', properties: ['id', 'name'] },
			"Creates a link for a widget and returns Qlik's answer.",
		],
	])('%s: what no rule names is left for words of our own', (value, row, answer, sentence) => {
		expect(describeOperation('widget', value, row, 'widget', answer)).toBe(sentence);
	});

	it.each<[FieldSpec, 'filter' | 'object' | 'other', string]>([
		[
			{ name: 'enabled', label: 'Enabled', type: 'boolean' },
			'object',
			'Whether the widget is enabled',
		],
		[
			{ name: 'includeParts', label: 'Include Parts', type: 'boolean', default: true },
			'other',
			'Whether to include parts; on by default',
		],
		[{ name: 'ownerId', label: 'Owner ID', type: 'string' }, 'object', 'ID of the owner'],
		[
			{ name: 'name', label: 'Name', type: 'string', maxLength: 256 },
			'object',
			'The name of the widget; at most 256 characters',
		],
		[
			{ name: 'size', label: 'Size', type: 'integer', minimum: 1, maximum: 10, default: 5 },
			'other',
			'The size; a whole number, from 1 to 10, default 5',
		],
		[
			{ name: 'status', label: 'Status', type: 'string', enum: ['on', 'off'] },
			'filter',
			'Only results with this status; one of "on", "off"',
		],
		[
			{
				name: 'If-Match',
				label: 'Only If Unchanged (ETag)',
				type: 'string',
				hint: 'Sent as the If-Match header',
			},
			'other',
			'Run only if the object still has this ETag (as a Get returned it); sent as the if-match header',
		],
	])('%j in %s reads "%s"', (field, place, text) => {
		expect(describeField(field, 'widget', place)).toBe(text);
	});

	it('describes path parameters: an ID, a file path, a choice', () => {
		expect(describePathParam({ name: 'widgetId', label: 'Widget' })).toBe('ID of the widget');
		expect(describePathParam({ name: 'path', label: 'Path', kind: 'path' })).toBe(
			'Path of the file, such as folder/file.png',
		);
		expect(describePathParam({ name: 'kind', label: 'Kind', enum: ['a', 'b'] })).toBe(
			'The kind; one of "a", "b"',
		);
	});
});
