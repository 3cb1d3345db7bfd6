/**
 * Every operation of the node, run through the node against the simulator: the request the
 * simulator received (method, path, query, body) and the shape of the output, for all 461.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { operations } from '../../nodes/QlikCloud/actions';
import type { FieldSpec, OperationSpec, PathParamSpec } from '../../nodes/QlikCloud/shared/types';
import { rl, runNode } from '../helpers/n8n';
import { hex, sample, SPEC_BODIES, SPEC_VALUES } from '../helpers/samples';
import { apiKeyCredential, useSimulator, simApi } from '../helpers/sim';
import type { RequestLogEntry } from '../simulator/types';

const sim = useSimulator();

const FILE = Buffer.from('id,name\n1,first\n2,second\n');
const SECRET_NAMES = /secret|password|token|apikey|api_key|authorization/i;

interface Case {
	parameters: IDataObject;
	/** Expected concrete path, query and body values. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: Record<string, unknown>;
	raw?: unknown;
	multipart?: string[];
	binary?: boolean;
}

function setParam(parameters: IDataObject, param: string, value: unknown) {
	const [top, key] = param.split('.', 2);
	if (key === undefined) parameters[top] = value as IDataObject[string];
	else
		parameters[top] = { ...((parameters[top] as IDataObject) ?? {}), [key]: value } as IDataObject;
}

const apiCall = (method: string, path: string, body?: unknown) => simApi(sim(), method, path, body);

/** Spaces, their members and shares live in the simulator's hand-written routes. */
async function spaceFixture(): Promise<Record<string, string>> {
	const space = await apiCall('POST', '/api/v1/spaces', {
		name: `All ops ${hex()}`,
		type: 'shared',
	});
	const member = sim().credentials.users.member.id;
	const path = `/api/v1/spaces/${String(space.id)}`;
	const assignment = await apiCall('POST', `${path}/assignments`, {
		type: 'user',
		assigneeId: member,
		roles: ['consumer'],
	});
	const share = await apiCall('POST', `${path}/shares`, {
		type: 'user',
		assigneeId: member,
		roles: ['consumer'],
		resourceId: hex(),
		resourceType: 'app',
	});
	return {
		spaceId: String(space.id),
		assignmentId: String(assignment.id),
		shareId: String(share.id),
		member,
	};
}

/** Field values the space routes check against their state. */
function spaceValue(
	field: FieldSpec,
	fixture: Record<string, string>,
): { param: unknown; sent: unknown } | undefined {
	switch (field.name) {
		case 'assigneeId':
			return { param: rl(fixture.member), sent: fixture.member };
		case 'type': {
			const type = fixture.assigneeType ?? 'user';
			return { param: type, sent: type };
		}
		case 'roles':
			return { param: ['consumer'], sent: ['consumer'] };
		case 'resourceType':
			return { param: 'app', sent: 'app' };
		case 'resourceId': {
			const id = hex();
			return { param: id, sent: id };
		}
		default:
			return undefined;
	}
}

async function buildCase(resource: string, operation: string, spec: OperationSpec): Promise<Case> {
	const parameters: IDataObject = { resource };
	const isSpace = spec.path.startsWith('/api/v1/spaces/{');
	const fixture = isSpace ? await spaceFixture() : {};
	if (resource === 'spaceAssignment' && operation === 'create') {
		// The member is assigned already: add a group.
		fixture.member = [...sim().state.groups.keys()][0];
		fixture.assigneeType = 'group';
	}
	let path = spec.path;
	const pathValues: Record<string, string> = {};
	for (const param of spec.pathParams ?? ([] as PathParamSpec[])) {
		let value: string;
		if (isSpace) value = fixture[param.name];
		else if (param.enum) value = param.enum[0];
		else if (param.kind === 'path') value = 'images/logo.png';
		else if (param.kind === 'text') value = `value-${hex().slice(0, 6)}`;
		else value = hex();
		const name = param.param ?? param.name;
		parameters[name] = param.locator || isSpace ? rl(value) : value;
		path = path.replace(`{${param.name}}`, value);
		pathValues[param.name] = value;
		// Generic items a path refers to must exist: seed each one along the path.
		if (!isSpace && !param.enum && param.kind !== 'path') {
			const itemPath = path.slice(0, path.indexOf(value) + value.length);
			sim().seed(itemPath, { name: `Seeded ${value}` });
		}
	}
	const query: Record<string, string> = {};
	for (const field of spec.query ?? []) {
		if (!field.required) continue;
		const { param, sent } = sample(field);
		setParam(parameters, field.param ?? field.name, param);
		query[field.name] = Array.isArray(sent) ? sent.join(',') : String(sent);
	}
	const headers: Record<string, string> = {};
	for (const field of spec.headers ?? []) {
		if (!field.required) continue;
		const { param, sent } = sample(field);
		setParam(parameters, field.param ?? field.name, param);
		// A confirmation switch sends the ID of the path again; protocol headers their own value.
		headers[field.name.toLowerCase()] = field.confirms
			? pathValues[field.confirms]
			: (field.value ?? String(sent));
	}
	// The last run of a scheduling task exists once the task has been started.
	if (/^\/api\/scheduling\/tasks\/[^/]+\/runs\/last$/.test(path)) {
		await apiCall('POST', path.replace(/runs\/last$/, 'actions/start'));
	}
	// Operations that wait for what they started are tested with their waits elsewhere.
	if (spec.execute) parameters.waitForCompletion = false;
	const test: Case = { parameters, path, query, headers, body: {} };
	const body = spec.body;
	if (body?.kind === 'json' || body?.kind === 'jsonPatch') {
		for (const field of body.fields) {
			if (!field.required) continue;
			const { param, sent } = (isSpace && spaceValue(field, fixture)) || sample(field);
			setParam(parameters, field.param ?? field.name, param);
			test.body[field.name] = sent;
		}
		if (body.kind === 'jsonPatch') {
			// A patch the spec types more narrowly than the row (an object, an enum) goes raw.
			const typed = SPEC_BODIES[`${resource}.${operation}`];
			if (typed !== undefined && body.raw) {
				setParam(parameters, body.raw.param ?? body.raw.name, JSON.stringify(typed));
			} else {
				const first = body.fields[0];
				const { param } = (isSpace && spaceValue(first, fixture)) || sample(first);
				setParam(parameters, first.param ?? first.name, param);
			}
		}
	} else if (body?.kind === 'raw') {
		const patch = body.field.param === 'patch';
		// A patch of the first path the spec allows (the field's hint lists them).
		const path = /Paths: ([^,\s]+)/.exec(body.field.hint ?? '')?.[1] ?? '/name';
		const value =
			SPEC_BODIES[`${resource}.${operation}`] ??
			(patch || (body.field.type === 'json' && spec.method === 'PATCH')
				? [{ op: 'replace', path, value: 'n8n test' }]
				: body.field.type === 'json'
					? ['n8n test']
					: { key: 'value' });
		setParam(parameters, body.field.param ?? body.field.name, JSON.stringify(value));
		test.raw = value;
	} else if (body?.kind === 'multipart') {
		test.multipart = [];
		for (const field of body.fields) {
			if (field.type === 'binary') {
				if (field.param === 'binaryPropertyName') {
					setParam(parameters, field.param, 'data');
					test.multipart.push(field.name);
				}
				continue;
			}
			if (!field.required) continue;
			const { param } = sample(field);
			setParam(parameters, field.param ?? field.name, param);
			test.multipart.push(field.name);
		}
	} else if (body?.kind === 'binary') {
		setParam(parameters, 'binaryPropertyName', 'data');
		test.binary = true;
	}
	for (const [param, sent] of Object.entries(SPEC_VALUES[`${resource}.${operation}`] ?? {})) {
		setParam(parameters, param, typeof sent === 'string' ? sent : JSON.stringify(sent));
		test.body[param.split('.').pop()!] = sent;
	}
	if (spec.response.kind === 'list' && !spec.response.single) parameters.returnAll = true;
	return test;
}

function lastRequest(method: string, path: string): RequestLogEntry | undefined {
	return [...sim().log]
		.reverse()
		.find(
			(entry) =>
				entry.method === method && decodeURIComponent(entry.path) === decodeURIComponent(path),
		);
}

const cases = Object.entries(operations).flatMap(([resource, ops]) =>
	Object.entries(ops).map(
		([operation, spec]) => [`${resource}.${operation}`, resource, operation, spec] as const,
	),
);

/** Composite, batch and hand-read operations: their own scenarios are in dataPipeline and dataConnection tests. */
const TESTED_APART = new Set([
	'dataConnection.create',
	'dataConnection.duplicate',
	'dataConnection.deleteMany',
	'dataConnection.updateMany',
	'dataFile.changeSpaceMany',
	'dataFile.deleteMany',
	'dataFile.getDataSet',
	'dataFile.getSpaceConnection',
	// uploads and temp contents: upload.test.ts and tempContent.test.ts (real files, tus, owners)
	'dataFile.create',
	'dataFile.update',
	'dataFile.changeOwner',
	'tempContent.download',
	'tempContent.getDetails',
	'tempContent.createResumableUpload',
	'tempContent.uploadChunk',
	// catalog batches, ID-list paths and parents picked in a locator: catalog.test.ts
	'dataStore.deleteMany',
	'dataStore.deleteDataAssets',
	'dataStore.getAllDataSets',
	'dataStore.deleteDataSets',
	'dataAsset.create',
	'dataAsset.replace',
	'dataAsset.deleteMany',
	'dataSet.create',
	'dataSet.replace',
	'dataSet.deleteMany',
]);
// Retired operations fail before any request: forms.test.ts.
const generic = cases.filter(([name, , , spec]) => !TESTED_APART.has(name) && !spec.retired);

describe('every operation through the node against the simulator', () => {
	it('covers the 461 operations in scope', () => {
		expect(new Set(cases.map(([, , , spec]) => `${spec.method} ${spec.path}`)).size).toBe(461);
	});

	it.each(generic)('%s', async (_name, resource, operation, spec) => {
		const test = await buildCase(resource, operation, spec);
		sim().clearLog();
		const items: INodeExecutionData[] = [
			{
				json: {},
				binary: {
					data: { data: FILE.toString('base64'), mimeType: 'text/csv', fileName: 'sales.csv' },
				},
			},
		];
		const result = await runNode({
			parameters: { ...test.parameters, operation },
			credential: apiKeyCredential(sim()),
			items,
		});
		if (result.error) throw result.error;

		const request = lastRequest(spec.method, test.path);
		expect(request).toBeDefined();
		// users/me and tenants/me answer with a redirect that the request follows.
		expect(request!.status).toBeLessThan(400);
		for (const [name, value] of Object.entries(test.headers)) {
			expect(request!.headers[name]).toBe(value);
		}
		for (const [name, value] of Object.entries(test.query)) {
			const got = request!.query[name];
			expect(Array.isArray(got) ? got.join(',') : got).toBe(value);
		}
		if (test.raw !== undefined) expect(request!.body).toEqual(test.raw);
		for (const [name, value] of Object.entries(test.body)) {
			if (SECRET_NAMES.test(name)) continue;
			expect((request!.body as IDataObject)[name]).toEqual(value);
		}
		if (test.multipart) {
			expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			for (const part of test.multipart) expect(JSON.stringify(request!.body)).toContain(part);
		}
		if (test.binary) expect(Number(request!.headers['content-length'])).toBe(FILE.length);

		const output = result.items;
		const response = spec.response;
		switch (response.kind) {
			case 'list':
			case 'array':
				for (const item of output) expect(typeof item.json).toBe('object');
				break;
			case 'empty':
				expect(output).toHaveLength(1);
				expect(output[0].json).toMatchObject(response.output);
				break;
			case 'binary':
				expect(output).toHaveLength(1);
				expect(output[0].binary?.data?.data).toEqual(expect.any(String));
				expect(output[0].json.fileSize).toBeGreaterThan(0);
				break;
			case 'text':
				expect(output).toHaveLength(1);
				expect(output[0].json.text).toEqual(expect.any(String));
				break;
			default:
				expect(output.length).toBeGreaterThanOrEqual(1);
				expect(typeof output[0].json).toBe('object');
		}
		for (const item of output) expect(item.pairedItem).toEqual({ item: 0 });
	});
});
