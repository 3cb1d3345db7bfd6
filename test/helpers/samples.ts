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
