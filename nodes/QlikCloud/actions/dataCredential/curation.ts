import type { IDataObject } from 'n8n-workflow';

import { curate } from '../../shared/resource';
import type { OperationValues } from '../generated';
import { redactSecrets } from '../../shared/redact';
import { fieldOf, generatedRow, pathPicked, placed, rowModule } from '../../shared/rows';
import type { FieldSpec, TableOperation } from '../../shared/types';
import { api } from '../api';
import { requiredJsonBody } from '../../transport/requiredBody';
import { redacted } from '../dataConnection/common';

const R = 'dataCredential';
type Op = OperationValues[typeof R];
const EXAMPLE = 'c2dd20e3-1842-42d0-81fe-1ecf08e6abde';

/** The credential of the path, picked from those the data connections use. */
function picked(operation: Op): TableOperation {
	const row = pathPicked(generatedRow(R, operation), 'Data Credential', 'dataCredential', EXAMPLE);
	// With Identify by Name the value is the credential's name, which may hold spaces.
	row.pathParams = (row.pathParams ?? []).map((p) => ({ ...p, kind: 'text' }));
	row.query = (row.query ?? []).map((q) =>
		q.name === 'byCredentialName'
			? {
					...q,
					label: 'Identify by Name',
					hint: "Whether the value above is the credential's name instead of its ID",
				}
			: q,
	);
	return row;
}

function replace() {
	const row = picked('replace');
	const f = (name: string, changes: Partial<FieldSpec> = {}) => fieldOf(row, name, changes);
	if (row.body?.kind === 'json') {
		row.body.fields = [
			...placed('', [
				f('qName', { label: 'Name', hint: 'The name of the credential, unique for you' }),
				f('qType', {
					label: 'Connector Type',
					hint: 'The connector provider of its connections, e.g. QvOdbcConnectorPackage.exe',
				}),
				f('qUsername', { label: 'Username' }),
				f('qPassword', { label: 'Password', hint: 'Sent to Qlik Cloud; never in the output' }),
			]),
			...placed('additionalFields', [
				f('connectionId', { label: 'Connection ID', hint: 'The connection the credential is for' }),
				f('datasourceID', { label: 'Data Source ID', hint: 'E.g. postgres' }),
			]),
		];
	}
	return rowModule(R, 'replace', row, { execute: redacted.execute });
}

/** Credentials no connection uses: one output item each, secrets redacted. */
function getOrphans() {
	const row = generatedRow(R, 'getOrphans');
	if (row.body?.kind === 'json') {
		row.body.fields = placed('filters', [
			fieldOf(row, 'qType', {
				label: 'Connector Type',
				hint: 'Only credentials of this connector provider, e.g. QvOdbcConnectorPackage.exe',
			}),
			fieldOf(row, 'datasourceID', { label: 'Data Source ID', hint: 'E.g. snowflake' }),
			fieldOf(row, 'qSeparated', {
				label: 'Separated',
				type: 'string',
				enum: ['0', '1'],
				hint: '1: only credentials kept apart from their connection; 0: only embedded ones',
			}),
		]);
	}
	// One output item per credential (none when every credential is in use).
	row.response = { kind: 'list', maxPageSize: 1000, single: true };
	return rowModule(R, 'getOrphans', row, {
		tweak: (properties) => {
			for (const p of properties) {
				if (p.name !== 'filters') continue;
				for (const o of (p.options ?? []) as Array<{ name: string; options?: unknown[] }>) {
					if (o.name === 'qSeparated')
						o.options = [
							{ name: 'Embedded (0)', value: '0' },
							{ name: 'Separated (1)', value: '1' },
						];
				}
			}
		},
		async execute(_spec, i, settings) {
			// The filter's qSeparated is a number at Qlik: the choice is sent as one.
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const body: IDataObject = {};
			if (typeof filters.qType === 'string' && filters.qType.trim())
				body.qType = filters.qType.trim();
			if (typeof filters.datasourceID === 'string' && filters.datasourceID.trim())
				body.datasourceID = filters.datasourceID.trim();
			if (filters.qSeparated !== undefined && filters.qSeparated !== '')
				body.qSeparated = Number(filters.qSeparated);
			const { body: answer } = await api.dataCredential.getOrphans.call(
				this,
				requiredJsonBody(body),
				settings,
				{
					itemIndex: i,
				},
			);
			const data = ((answer as IDataObject | undefined)?.data ?? []) as IDataObject[];
			return data.map((entry) => ({ json: redactSecrets(entry), pairedItem: { item: i } }));
		},
	});
}

/** Data credentials: kept apart from their connections; no output shows a password or secret. */
export const curation = curate('dataCredential', {
	description: 'User names and passwords kept apart from data connections',
	options: {
		get: { description: 'Get a credential by ID or name (the password is never shown)' },
		replace: { description: 'Write a credential anew: name, type, user name and password' },
		update: { description: 'Change fields of a credential with JSON Patch operations' },
		delete: { description: 'Delete a credential' },
		getOrphans: {
			name: 'Get Unused',
			action: 'Get the credentials no connection uses',
			description: 'Credentials that no data connection uses any more, one item each',
		},
	},
	operations: {
		get: rowModule(R, 'get', picked('get'), { execute: redacted.execute }),
		replace: replace(),
		update: rowModule(R, 'update', picked('update'), { execute: redacted.execute }),
		delete: rowModule(R, 'delete', picked('delete'), { execute: redacted.execute }),
		getOrphans: getOrphans(),
	},
});
