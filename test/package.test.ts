import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

import { operations } from '../nodes/QlikCloud/actions';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const specDir = path.resolve(root, '../shared/qlik-openapi');

function loadClass<T>(file: string): T {
	const module = require(path.join(root, file)) as Record<string, new () => T>;
	const [Class] = Object.values(module);
	return new Class();
}

describe('package shape (n8n community-node rules)', () => {
	it('has the fields n8n and its verification require', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies).toBeUndefined();
		// n8n's lint rule and verification ask for "*": the n8n version range is engines + README.
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.engines).toEqual({ node: '>=22.22' });
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('packs only what a user needs: built nodes, credentials and icons, README, LICENSE, CHANGELOG', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		) as Array<{ files: Array<{ path: string }> }>;
		const files = packed.files.map((f) => f.path).sort();
		expect(files.filter((f) => !f.startsWith('dist/'))).toEqual([
			'CHANGELOG.md',
			'LICENSE',
			'README.md',
			'package.json',
		]);
		// In dist: each source module compiled (no maps, no type declarations), the tables, the icons.
		const built = ['nodes', 'credentials'].flatMap((dir) =>
			(readdirSync(path.join(root, dir), { recursive: true }) as string[])
				.filter((f) => /\.(ts|json)$/.test(f))
				.map((f) => `dist/${dir}/${f.replace(/\.ts$/, '.js')}`),
		);
		const icons = readdirSync(path.join(root, 'icons')).map((f) => `dist/icons/${f}`);
		expect(files.filter((f) => f.startsWith('dist/'))).toEqual([...built, ...icons].sort());
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
	});

	it('lists built files that load, with their icons in dist', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(existsSync(path.join(root, file))).toBe(true);
		}
		for (const icon of ['dist/icons/qlik.svg', 'dist/icons/qlik.dark.svg']) {
			expect(existsSync(path.join(root, icon))).toBe(true);
		}
	});
});

describe('the built Qlik Cloud node', () => {
	const built = (name: string) =>
		loadClass<INodeType>((pkg.n8n.nodes as string[]).find((f) => f.endsWith(`/${name}.node.js`))!);
	const node = built('QlikCloud');
	const trigger = built('QlikCloudTrigger');
	const pollingTrigger = built('QlikCloudPollingTrigger');
	const credentials = (pkg.n8n.credentials as string[]).map((file) =>
		loadClass<ICredentialType>(file),
	);
	const props = node.description.properties;

	it('offers the three authentication methods, each with its credential type', () => {
		const authentication = props.find((p) => p.name === 'authentication')!;
		const values = (authentication.options as Array<{ value: string }>).map((o) => o.value).sort();
		expect(values).toEqual(['qlikCloudApi', 'qlikCloudM2mOAuth2Api', 'qlikCloudOAuth2Api']);
		expect(credentials.map((c) => c.name).sort()).toEqual(values);
		for (const value of values) {
			const credential = node.description.credentials!.find((c) => c.name === value)!;
			expect(credential.displayOptions?.show?.authentication).toEqual([value]);
		}
	});

	it('marks the operations Qlik deprecated, naming the replacement; offers none past its sunset', () => {
		const resources = new Set(
			(props.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map(
				(o) => o.value,
			),
		);
		const offered = props
			.filter((p) => p.name === 'operation')
			.map((p) => ({ p, resource: p.displayOptions!.show!.resource![0] as string }))
			.filter(({ resource }) => resources.has(resource))
			.flatMap(({ p, resource }) =>
				(p.options as Array<{ name: string; value: string; description?: string }>).map((o) => ({
					resource,
					...o,
				})),
			);
		const deprecated = offered.filter((o) => o.name.endsWith('(Deprecated)'));
		expect(deprecated).toHaveLength(3);
		for (const o of deprecated) expect(o.description).toMatch(/^Deprecated by Qlik/);
		// Past their sunset on the generation date: Reload Task (2026-09, the whole resource),
		// Toggle Cross Region Data Processing (2026-05), Email Configuration → Update (2026-11).
		expect(resources.has('reloadTask')).toBe(false);
		for (const [resource, operation] of Object.entries({
			emailConfig: 'update',
			tenantSetting: 'toggleCrossRegionDataProcessing',
		})) {
			expect(offered.find((o) => o.resource === resource && o.value === operation)).toBeUndefined();
		}
		const retired = Object.entries(operations).flatMap(([resource, rows]) =>
			Object.entries(rows)
				.filter(([, row]) => row.retired)
				.map(([operation, row]) => ({ resource, operation, ...row.retired })),
		);
		expect(retired).toHaveLength(7);
		expect(retired.find((r) => r.resource === 'emailConfig')).toMatchObject({
			sunset: '2026-11',
			replacement: 'Email Configuration → Replace',
		});
	});

	it('has a trigger node with the same credentials, a webhook and no tool variant', () => {
		expect(trigger.description.name).toBe('qlikCloudTrigger');
		expect(trigger.description.group).toEqual(['trigger']);
		expect(trigger.description.inputs).toEqual([]);
		expect(trigger.description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST' }),
		]);
		expect(trigger.description.usableAsTool).toBeUndefined();
		expect(trigger.description.credentials).toEqual(node.description.credentials);
		expect(trigger.webhookMethods?.default).toEqual({
			checkExists: expect.any(Function),
			create: expect.any(Function),
			delete: expect.any(Function),
		});
	});

	it('has a polling trigger with the same credentials, n8n polling and no webhook', () => {
		expect(pollingTrigger.description).toMatchObject({
			name: 'qlikCloudPollingTrigger',
			group: ['trigger'],
			inputs: [],
			polling: true,
			credentials: node.description.credentials,
		});
		expect(pollingTrigger.description.webhooks).toBeUndefined();
		expect(pollingTrigger.poll).toEqual(expect.any(Function));
	});

	it('every credential type has the same tenantUrl field, and non-OAuth2 ones a test', () => {
		for (const credential of credentials) {
			expect(credential.properties.find((p) => p.name === 'tenantUrl')).toMatchObject({
				type: 'string',
				required: true,
			});
			if (!credential.extends?.includes('oAuth2Api')) expect(credential.test).toBeDefined();
		}
	});

	it('has all 461 operations in scope, each offered but the retired, with an action', () => {
		const resources = (
			props.find((p) => p.name === 'resource')!.options as Array<{
				value: string;
			}>
		).map((o) => o.value);
		const operationProps = props.filter(
			(p) =>
				p.name === 'operation' &&
				resources.includes(p.displayOptions!.show!.resource![0] as string),
		);
		const listed = operationProps.flatMap((p) =>
			(p.options as Array<{ value: string; action?: string }>).map((o) => {
				expect(o.action).toBeTruthy();
				return `${p.displayOptions!.show!.resource![0]}.${o.value}`;
			}),
		);
		const table = Object.entries(operations).flatMap(([resource, ops]) =>
			Object.entries(ops)
				.filter(([, spec]) => !spec.retired)
				.map(([op]) => `${resource}.${op}`),
		);
		expect(listed.sort()).toEqual(table.sort());
		const endpoints = new Set(
			Object.values(operations).flatMap((ops) =>
				Object.values(ops).map((o) => `${o.method} ${o.path}`),
			),
		);
		expect(endpoints.size).toBe(461);
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.subtitle).toBeTruthy();
	});

	it('has every path parameter of every operation but the retired as a node parameter shown for it', () => {
		for (const [resource, ops] of Object.entries(operations)) {
			for (const [operation, spec] of Object.entries(ops)) {
				if (spec.retired) continue;
				const shown = props.filter(
					(p: INodeProperties) =>
						p.displayOptions?.show?.resource?.includes(resource) &&
						p.displayOptions?.show?.operation?.includes(operation),
				);
				for (const param of spec.pathParams ?? []) {
					expect(shown.map((p) => p.name)).toContain(param.param ?? param.name);
				}
				const body = spec.body;
				const bodyFields = !body ? [] : 'fields' in body ? body.fields : [body.field];
				for (const field of [...(spec.query ?? []), ...bodyFields]) {
					const top = (field.param ?? field.name).split('.')[0];
					expect(`${resource}.${operation}: ${shown.map((p) => p.name).includes(top)}`).toBe(
						`${resource}.${operation}: true`,
					);
				}
			}
		}
	});
});

// Qlik's specs sit beside the repo in this project's workspace, not in a plain clone (GitHub's CI).
(existsSync(specDir) ? describe : describe.skip)(
	'operation tables against the Qlik specs in scope',
	() => {
		const scope = JSON.parse(readFileSync(path.join(specDir, 'manage-scope.json'), 'utf8')) as {
			themes: Record<string, Array<{ spec: string }>>;
		};
		const files = Object.values(scope.themes).flatMap((list) => list.map((entry) => entry.spec));

		it('covers every operation of every spec with its method, path and rate tier', () => {
			const fromSpec = files.flatMap((file) => {
				const spec = JSON.parse(readFileSync(path.join(specDir, file), 'utf8'));
				return Object.entries(
					spec.paths as Record<
						string,
						Record<string, { 'x-qlik-tier': { tier: string; limit: number } }>
					>,
				).flatMap(([p, methods]) =>
					Object.entries(methods)
						.filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
						.map(
							([m, op]) =>
								`${m.toUpperCase()} ${p} tier ${op['x-qlik-tier'].tier}/${op['x-qlik-tier'].limit}`,
						),
				);
			});
			const ours = new Set(
				Object.values(operations).flatMap((ops) =>
					Object.values(ops).map(
						(o) => `${o.method} ${o.path} tier ${o.tier.tier}/${o.tier.perMinute}`,
					),
				),
			);
			expect(fromSpec).toHaveLength(461);
			expect([...ours].sort()).toEqual(fromSpec.sort());
		});
	},
);
