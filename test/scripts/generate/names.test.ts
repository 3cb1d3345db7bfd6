import { actionOf, commonBase, displayNameOf, nameDrafts } from '../../../scripts/generate/names';
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
		['getAllParts', 'Get Many Parts', 'Get many parts (widget)'],
		['deleteMany', 'Delete (Many)', 'Delete (many) (widget)'],
		['create', 'Create', 'Create a widget'],
		['changeOwner', 'Change Owner', 'Change owner (widget)'],
	])('%s is shown as "%s", action "%s"', (value, name, action) => {
		expect(displayNameOf(value)).toBe(name);
		expect(actionOf(value, 'widget')).toBe(action);
	});
});
