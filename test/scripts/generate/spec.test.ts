import { draftsOf } from '../../../scripts/generate/spec';
import { widgetRules, widgetsSpec } from './fixture';

describe('load stage', () => {
	it('resolves $ref and merges allOf into one object schema', () => {
		const spec = widgetsSpec();
		const widget = spec.resolve({ $ref: '#/components/schemas/Widget' });
		expect(widget.type).toBe('object');
		expect(widget.required).toEqual(['name']);
		expect(Object.keys(widget.properties as object)).toEqual([
			'name',
			'description',
			'clientSecret',
			'size',
			'tags',
			'settings',
		]);
	});

	it('gives one draft per endpoint, in the resource whose rule matches its path first', () => {
		const drafts = draftsOf([widgetsSpec()], widgetRules);
		expect(drafts.map((d) => `${d.rule.resource} ${d.endpoint}`)).toEqual([
			'widget GET /api/v1/widgets',
			'widget POST /api/v1/widgets',
			'widget GET /api/v1/widgets/{widgetId}',
			'widget PUT /api/v1/widgets/{widgetId}',
			'widget PATCH /api/v1/widgets/{widgetId}',
			'widget DELETE /api/v1/widgets/{widgetId}',
			'widget POST /api/v1/widgets/{widgetId}/actions/change-owner',
			'widget GET /api/v1/widgets/{widgetId}/file',
			'widgetPart GET /api/v1/widgets/{widgetId}/parts',
		]);
	});

	it('refuses a spec in scope that has no rule', () => {
		expect(() => draftsOf([widgetsSpec()], [])).toThrow(
			'widgets.json is in scope but has no entry in scripts/generate/config.ts',
		);
	});
});
