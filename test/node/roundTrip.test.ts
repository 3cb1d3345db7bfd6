/**
 * For every generated resource that has them: create → get → update → get many → delete → get
 * (404), through the node against the simulator, each step using what the one before returned.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { operations } from '../../nodes/QlikCloud/actions';
import type { FieldSpec, OperationSpec } from '../../nodes/QlikCloud/shared/types';
import { rl, runNode } from '../helpers/n8n';
import { hex, sample, SPEC_BODIES, SPEC_VALUES } from '../helpers/samples';
import { apiKeyCredential, useSimulator } from '../helpers/sim';

const sim = useSimulator();
const CURATED = new Set(['dataConnection', 'dataFile', 'space', 'spaceAssignment', 'spaceShare']);

const value = (field: FieldSpec) => sample(field).param;

function set(parameters: IDataObject, param: string, v: unknown) {
	const [top, key] = param.split('.', 2);
	if (key === undefined) parameters[top] = v as IDataObject[string];
	else parameters[top] = { ...((parameters[top] as IDataObject) ?? {}), [key]: v } as IDataObject;
}

/** Required query parameters, headers and body fields (files from the item's `data`). */
function fill(parameters: IDataObject, spec: OperationSpec, name: string) {
	const body = spec.body;
	for (const field of [...(spec.query ?? []), ...(spec.headers ?? [])])
		if (field.required) set(parameters, field.param ?? field.name, value(field));
	if (!body) return;
	if (body.kind === 'json' || body.kind === 'multipart') {
		for (const field of body.fields) {
			if (field.type === 'binary') set(parameters, field.param ?? field.name, 'data');
			else if (field.required) set(parameters, field.param ?? field.name, value(field));
		}
		for (const [param, sent] of Object.entries(SPEC_VALUES[name] ?? {}))
			set(parameters, param, typeof sent === 'string' ? sent : JSON.stringify(sent));
	} else if (body.kind === 'raw' && SPEC_BODIES[name] !== undefined) {
		set(parameters, body.field.param ?? body.field.name, JSON.stringify(SPEC_BODIES[name]));
	} else if (body.kind === 'jsonPatch' && SPEC_BODIES[name] !== undefined && body.raw) {
		// A patch the spec types more narrowly than the row (an object, an enum) goes raw.
		set(parameters, body.raw.param ?? body.raw.name, JSON.stringify(SPEC_BODIES[name]));
	} else if (body.kind === 'jsonPatch') {
		const field =
			body.fields.find((f) => f.name === 'name') ??
			body.fields.find((f) => f.name === 'description') ??
			body.fields[0];
		set(parameters, field.param ?? field.name, value(field));
	} else if (body.kind === 'raw') {
		const listed = /Paths: (.*)$/.exec(body.field.hint ?? '')?.[1]?.split(', ') ?? ['/name'];
		const paths =
			listed.find((p) => /^\/?name$/.test(p)) ??
			listed.find((p) => /^\/?description$/.test(p)) ??
			listed[0];
		set(
			parameters,
			body.field.param ?? body.field.name,
			body.field.param === 'patch'
				? JSON.stringify([{ op: 'replace', path: paths, value: 'Renamed' }])
				: body.field.type === 'json'
					? '[]'
					: '{"name": "Renamed"}',
		);
	}
}

const resources = Object.entries(operations).filter(
	([resource, ops]) =>
		!CURATED.has(resource) &&
		!ops.create?.retired &&
		ops.create?.response.kind === 'object' &&
		ops.get &&
		ops.delete &&
		// Get Many lists the collection Create adds to (App → Get Many lists items instead).
		ops.getAll?.path === ops.create.path &&
		(ops.update || ops.replace) &&
		ops.get.path === `${ops.create.path}/${/\{[^}]+\}$/.exec(ops.get.path)?.[0]}`,
);

const items = [
	{
		json: {},
		binary: {
			data: {
				data: Buffer.from('a,b\n1,2\n').toString('base64'),
				mimeType: 'text/csv',
				fileName: 'x.csv',
			},
		},
	},
];

async function run(parameters: IDataObject) {
	const result = await runNode({ parameters, credential: apiKeyCredential(sim()), items });
	if (result.error) throw result.error;
	return result.items.map((i) => i.json);
}

describe('create → get → update → get many → delete, for each generated resource that has them', () => {
	it('finds the resources with the whole set', () => {
		expect(resources.length).toBeGreaterThanOrEqual(25);
	});

	it.each(resources)('%s', async (resource, ops) => {
		const base: IDataObject = { resource };
		// Parent items the paths go through exist first.
		const idParam = ops.get.pathParams![ops.get.pathParams!.length - 1];
		let parentPath = ops.create.path;
		for (const param of ops.create.pathParams ?? []) {
			const id = hex();
			base[param.param ?? param.name] = param.locator ? rl(id) : id;
			parentPath = parentPath.replace(`{${param.name}}`, id);
			sim().seed(parentPath.slice(0, parentPath.indexOf(id) + id.length), { name: 'Parent' });
		}

		const createParams = { ...base, operation: 'create' };
		fill(createParams, ops.create, `${resource}.create`);
		const [created] = await run(createParams);
		const id = String(created.id);
		expect(id).toMatch(/\S/);

		const itemParams = { ...base, [idParam.param ?? idParam.name]: idParam.locator ? rl(id) : id };
		const [got] = await run({ ...itemParams, operation: 'get' });
		expect(got.id).toBe(id);

		const change = ops.update ? 'update' : 'replace';
		const updateParams = { ...itemParams, operation: change };
		fill(updateParams, ops[change], `${resource}.${change}`);
		await run(updateParams);

		const listParams = { ...base, operation: 'getAll', returnAll: true };
		fill(listParams, { ...ops.getAll, body: undefined }, `${resource}.getAll`);
		const listed = await run(listParams);
		if (ops.getAll.response.kind === 'list' || ops.getAll.response.kind === 'array') {
			expect(listed.map((entry) => entry.id)).toContain(id);
		}

		const deleteParams = { ...itemParams, operation: 'delete' };
		fill(deleteParams, ops.delete, `${resource}.delete`);
		expect(await run(deleteParams)).toEqual([
			expect.objectContaining(
				ops.delete.response.kind === 'empty' ? ops.delete.response.output : {},
			),
		]);
		const gone = await runNode({
			parameters: { ...itemParams, operation: 'get' },
			credential: apiKeyCredential(sim()),
		});
		expect(gone.error).toBeInstanceOf(NodeApiError);
		expect((gone.error as NodeApiError).httpCode).toBe('404');
	});
});
