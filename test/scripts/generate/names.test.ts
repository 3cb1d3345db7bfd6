import type { Place } from '../../../scripts/generate/names';
import {
	actionOf,
	commonBase,
	displayNameOf,
	nameDrafts,
	placeOf,
} from '../../../scripts/generate/names';
import { draftsOf } from '../../../scripts/generate/spec';
import { widgetRules, widgetsSpec } from './fixture';

const named = (rules = widgetRules) => {
	const drafts = draftsOf([widgetsSpec()], rules);
	nameDrafts(drafts);
	return Object.fromEntries(drafts.map((d) => [d.endpoint, `${d.rule.resource}.${d.value}`]));
};

describe('names stage', () => {
	it("names endpoints by n8n's conventions, relative to the resource's collection", () => {
		expect(named()).toEqual({
			'GET /api/v1/widgets': 'widget.getAll',
			'POST /api/v1/widgets': 'widget.create',
			'GET /api/v1/widgets/{widgetId}': 'widget.get',
			'PUT /api/v1/widgets/{widgetId}': 'widget.replace',
			'PATCH /api/v1/widgets/{widgetId}': 'widget.update',
			'DELETE /api/v1/widgets/{widgetId}': 'widget.delete',
			'POST /api/v1/widgets/{widgetId}/actions/change-owner': 'widget.changeOwner',
			'GET /api/v1/widgets/{widgetId}/file': 'widget.getFile',
			'GET /api/v1/widgets/{widgetId}/parts': 'widgetPart.getAll',
		});
	});

	it('takes a name from the rules where one is given', () => {
		const rules = [
			{ ...widgetRules[0], names: { 'GET /api/v1/widgets/{widgetId}/file': 'download' } },
		];
		expect(named(rules)['GET /api/v1/widgets/{widgetId}/file']).toBe('widget.download');
	});

	it('refuses two endpoints of one resource with one value, naming both', () => {
		const rules = [{ ...widgetRules[0], names: { 'GET /api/v1/widgets/{widgetId}/file': 'get' } }];
		expect(() => named(rules)).toThrow(
			'widget: "get" names both GET /api/v1/widgets/{widgetId} and GET /api/v1/widgets/{widgetId}/file',
		);
	});

	it('finds the collection path of a resource', () => {
		expect(commonBase(['/api/v1/widgets', '/api/v1/widgets/{widgetId}'])).toBe('/api/v1/widgets');
		expect(
			commonBase(['/api/v1/widgets/{widgetId}/parts', '/api/v1/widgets/{widgetId}/parts/{partId}']),
		).toBe('/api/v1/widgets/{widgetId}/parts');
	});

	it.each([
		['getAll', 'Get Many', 'Get many widgets'],
		['getAllParts', 'Get Many Parts', 'Get many widget parts'],
		['deleteMany', 'Delete Many', 'Delete many widgets'],
		['changeSpaceMany', 'Change Space (Many)', 'Change the space of many widgets'],
		['create', 'Create', 'Create a widget'],
		['copy', 'Copy', 'Copy a widget'],
		['changeOwner', 'Change Owner', 'Change the owner of a widget'],
		['createLink', 'Create Link', 'Create a link for a widget'],
		['moveToPersonalSpace', 'Move to Personal Space', 'Move a widget to personal space'],
		['getCurrent', 'Get Current', 'Get the current widget'],
		['getMyConnectionConfig', 'Get My Connection Config', 'Get my connection config for a widget'],
		['deleteAll', 'Delete All', 'Delete all widgets'],
		['runNow', 'Run Now', 'Run a widget now'],
		['createOrUpdate', 'Create or Update', 'Create or update a widget'],
	])('%s is shown as "%s", action "%s"', (value, name, action) => {
		expect(displayNameOf(value)).toBe(name);
		expect(actionOf(value, 'widget')).toBe(action);
	});

	it.each<[string, Place, string]>([
		['getLastRun', 'item', 'Get the last run of a widget'],
		['getDelivery', 'part', 'Get a widget delivery'],
		['resendDelivery', 'part', 'Resend a widget delivery'],
		['getSettings', 'resource', 'Get the widget settings'],
		['updateSettings', 'resource', 'Update the widget settings'],
	])('%s on %s reads "%s"', (value, place, action) => {
		expect(actionOf(value, 'widget', undefined, place)).toBe(action);
	});

	it.each<[string, Place]>([
		['/api/v1/widgets/{widgetId}/owner', 'item'],
		['/api/v1/widgets/{widgetId}/actions/change-owner', 'item'],
		['/api/v1/widgets/{widgetId}/runs/{runId}/log', 'item'],
		['/api/v1/widgets/{widgetId}/deliveries/{deliveryId}', 'part'],
		['/api/v1/widgets/{widgetId}/deliveries/{deliveryId}/actions/resend', 'part'],
		['/api/v1/widgets/connections/{id}', 'part'],
		['/api/v1/widgets/settings', 'resource'],
		['/api/v1/widgets/actions/count', 'resource'],
	])('%s acts on the %s', (path, place) => {
		expect(placeOf('/api/v1/widgets', path)).toBe(place);
	});

	it('the action leaves out the object when the rest already names it', () => {
		expect(actionOf('changeLicenseType', 'license')).toBe('Change license type');
	});

	it('takes the words config.ts gives for a resource and value over the rules', () => {
		expect(displayNameOf('getCurrent', 'user')).toBe('Get Current User');
		expect(actionOf('getCurrent', 'user', 'user')).toBe('Get the current user');
		expect(actionOf('search', 'user', 'user')).toBe('Search users');
	});
});
