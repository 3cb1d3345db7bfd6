/** A value for any table field that the API (and the simulator's checks) accept. */
import { randomBytes } from 'node:crypto';

import type { FieldSpec } from '../../nodes/QlikCloud/shared/types';

export const hex = () => randomBytes(12).toString('hex');

/** The value as the node parameter takes it, and as the request carries it. */
export function sample(field: FieldSpec): { param: unknown; sent: unknown } {
	const same = (v: unknown) => ({ param: v, sent: v });
	if (/url$/i.test(field.name) && field.type === 'string') return same('https://example.com/hook');
	if (/secret/i.test(field.name) && field.type === 'string') return same('s'.repeat(40));
	if (field.name === 'appId' && field.type === 'string') return same(hex());
	if (field.name === 'date' && field.type === 'string') return same('2024-01-31');
	if (field.name === 'eventTypes' && field.type === 'array' && !field.enum) {
		return { param: 'com.qlik.v1.app.reload.finished', sent: ['com.qlik.v1.app.reload.finished'] };
	}
	switch (field.type) {
		case 'integer':
		case 'number':
			return same(Math.max(field.minimum ?? 1, Math.min(field.maximum ?? 5, 5)));
		case 'boolean':
			return same(true);
		case 'array': {
			if (field.enum) return same([field.enum[0]]);
			const values =
				field.items === 'integer' || field.items === 'number' ? [1, 2] : ['first', 'second'];
			return { param: values.join(','), sent: values };
		}
		case 'object':
			return { param: '{"key": "value"}', sent: { key: 'value' } };
		case 'json':
			return { param: '[]', sent: [] };
		case 'dateTime':
			return { param: '2026-12-01T09:30:00', sent: new Date('2026-12-01T09:30:00').toISOString() };
		default:
			return same(field.enum ? field.enum[0] : `n8n test ${hex().slice(0, 8)}`);
	}
}

/**
 * Values where Qlik's spec asks for more than the field's type says (nested required properties,
 * patterns): what a user would enter, by operation and node parameter, as sent.
 */
export const SPEC_VALUES: Record<string, Record<string, unknown>> = {
	'dataAlert.create': { recipients: { userIds: [{ value: hex() }] } },
	'dataAlert.validate': { recipients: { userIds: [{ value: hex() }] } },
	'report.create': { output: { type: 'pdf', outputId: 'n8n-test' } },
	// task names: lower-case letters and digits in dash-separated groups
	'task.create': { name: 'n8n-test' },
	'task.update': { name: 'n8n-test' },
};

/** Whole raw bodies where the spec asks for one of several shapes or for typed patch values. */
export const SPEC_BODIES: Record<string, unknown> = {
	'identityProvider.create': { provider: 'generic', protocol: 'OIDC', interactive: false },
	'identityProvider.update': [{ op: 'replace', path: '/description', value: 'n8n test' }],
	'appReportFilter.update': [{ op: 'replace', path: '/filter', value: {} }],
	'appScript.update': [{ op: 'replace', path: '/name', value: 'n8n test' }],
	'group.update': [{ op: 'replace', path: '/description', value: 'n8n test' }],
	'group.updateSettings': [{ op: 'replace', path: '/autoCreateGroups', value: true }],
	'item.updateSettings': [{ op: 'replace', path: '/usageMetricsEnabled', value: true }],
	'oauthClient.updateMyConnectionConfig': [
		{ op: 'replace', path: '/consentMethod', value: 'required' },
	],
};
