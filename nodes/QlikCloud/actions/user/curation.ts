import type { INodeProperties } from 'n8n-workflow';

import { pickedFromTenant, withFieldLooks } from '../../shared/fieldLooks';
import type { FieldLooks } from '../../shared/fieldLooks';
import { curate } from '../../shared/resource';
import { fieldOf, generatedRow, rowModule } from '../../shared/rows';
import type { FieldSpec } from '../../shared/types';

const R = 'user';

const looks: FieldLooks = {
	'additionalFields.assignedRoles': pickedFromTenant(
		'Assigned Role Names or IDs',
		'getRoles',
		'The roles the new user gets; by name, e.g. Developer, TenantAdmin',
	),
	'updateFields.assignedRoles': pickedFromTenant(
		'Assigned Role Names or IDs',
		'getRoles',
		'The roles the user has afterwards, in place of the current ones; by name, e.g. Developer, TenantAdmin',
	),
	'updateFields.assignedGroups': pickedFromTenant(
		'Assigned Group Names or IDs',
		'getGroups',
		'The groups the user is in afterwards, in place of the current ones; by group ID',
	),
};

/** A list of role names or group IDs, sent as Qlik's references (`{ "name": … }`, `{ "id": … }`). */
const refs = (by: 'name' | 'id'): Partial<FieldSpec> => ({
	type: 'array',
	items: 'string',
	refs: by,
});

/** The form of a curated row, with the pickers of `looks`. */
const withPickers = (properties: INodeProperties[]) =>
	properties.splice(0, properties.length, ...withFieldLooks(properties, looks));

/** Create: roles picked from the tenant's list; the rest as generated. */
function create() {
	const row = generatedRow(R, 'create');
	if (row.body?.kind !== 'json') throw new Error('User → Create: no JSON body');
	row.body = {
		...row.body,
		fields: row.body.fields.map((f) =>
			f.name === 'assignedRoles' ? { ...f, ...refs('name') } : f,
		),
	};
	return rowModule(R, 'create', row, { tweak: withPickers });
}

/**
 * Update: the fields a person changes, described with what their values look like. Roles and
 * groups are picked from the tenant's lists and sent as references; the deprecated `roles` path
 * is left to raw patch operations.
 */
function update() {
	const row = generatedRow(R, 'update');
	if (row.body?.kind !== 'jsonPatch') throw new Error('User → Update: no JSON Patch body');
	const f = (name: string, changes: Partial<FieldSpec>) => fieldOf(row, name, changes);
	row.body = {
		...row.body,
		fields: [
			f('name', { hint: 'The name shown for the user across Qlik Cloud' }),
			f('status', {
				hint: "The user's standing in the tenant: active users can sign in, disabled users cannot",
			}),
			f('assignedRoles', refs('name')),
			f('assignedGroups', refs('id')),
			f('preferredLocale', {
				hint: 'The language Qlik Cloud speaks to the user, as a language tag such as en-US, de or ja',
			}),
			f('preferredZoneinfo', {
				hint: 'The time zone the user sees times in, as an IANA name such as Europe/Berlin or America/Halifax',
			}),
			f('inviteExpiry', {
				hint: 'When an invitation runs out, as a Unix time in seconds (1767225600 is 2026-01-01 00:00 UTC)',
			}),
		],
	};
	return rowModule(R, 'update', row, { tweak: withPickers });
}

/** Users: Create and Update read like forms a person fills. */
export const curation = curate('user', {
	operations: { create: create(), update: update() },
});
