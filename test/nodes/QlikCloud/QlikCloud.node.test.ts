import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import {
	badWords,
	checkDescription,
	namesObject,
	operationsWithListedPatchPaths,
	rawOptionName,
	vagueReturn,
} from '../../helpers/descriptionCheck';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function loadClass<T>(file: string): T {
	const module = require(path.join(root, file)) as Record<string, new () => T>;
	const [Class] = Object.values(module);
	return new Class();
}

/** GitHub's anchor for a README heading. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\w\- ]/g, '')
		.replace(/ /g, '-');
}

describe('what users and AI agents read in the built Qlik Cloud node', () => {
	const node = loadClass<INodeType>(
		(pkg.n8n.nodes as string[]).find((f) => f.endsWith('/QlikCloud.node.js'))!,
	);
	const patchable = operationsWithListedPatchPaths();
	const findings = checkDescription(node.description.properties, patchable);

	it('describes every operation in a sentence, not by its endpoint', () => {
		expect(findings.endpointOnly).toEqual([]);
	});

	it('says in every operation description what comes back, not "Qlik\'s answer"', () => {
		expect(findings.vagueReturn).toEqual([]);
	});

	it('describes every field a user fills', () => {
		expect(findings.noDescription).toEqual([]);
	});

	it('has no run-together, camel-case or miscased words in display names', () => {
		expect(findings.runTogether).toEqual([]);
	});

	it('names the object in every action (n8n makes canvas names and tool descriptions from it)', () => {
		expect(findings.actionWithoutObject).toEqual([]);
	});

	it('names every option in words, not by its raw value', () => {
		expect(findings.rawOptionName).toEqual([]);
	});

	it('offers Update Fields wherever the spec lists the paths a JSON Patch may set', () => {
		expect(patchable.size).toBeGreaterThan(20);
		expect(patchable).toContain('user.update');
		expect(findings.rawPatchOnly).toEqual([]);
	});
});

describe('the check itself', () => {
	it.each([
		['Comparisonid', 'run-together "Comparisonid"'],
		['Appid', 'run-together "Appid"'],
		['Redirect Uris', 'miscased "Uris"'],
		['Allowed Ips', 'miscased "Ips"'],
		['Ttl', 'miscased "Ttl"'],
		['Created By UserId', 'camel-case "UserId"'],
	])('flags "%s": %s', (name, problem) => {
		expect(badWords(name)).toBe(problem);
	});

	it.each(['Redirect URIs', 'Get Tenant IdP Metadata', 'OAuth Client', 'Chunk Size (MiB)'])(
		'passes "%s"',
		(name) => {
			expect(badWords(name)).toBeUndefined();
		},
	);

	it.each([
		['+name', 'a sort code'],
		['-_id', 'a sort code'],
		['+owner ID', 'a sort code'],
		['name', 'starts in lower case'],
		['urn:qlik:oauth:user-impersonation', 'starts in lower case'],
		['Urn:qlik:oauth', 'a code with "_" or ":"'],
		['LOG_ON_SERVICE_USER', 'a code with "_" or ":"'],
		['Client_secret', 'a code with "_" or ":"'],
		['CamelCase', 'camel-case "CamelCase"'],
		['Ownername', 'run-together "Ownername"'],
		['REP', 'capitals "REP" that are no known acronym'],
		['Sense PIXEL Template', 'capitals "PIXEL" that are no known acronym'],
	])('flags the option "%s": %s', (name, problem) => {
		expect(rawOptionName(name)).toBe(problem);
	});

	it.each([
		'CSV',
		'JSON',
		'OAuth2',
		'ID (Descending)',
		'Owner IDs',
		'Name (Ascending)',
		'Report',
		'User Impersonation',
		'Sense Pixel Perfect Template 1.0',
		'QlikView Data 2.0',
		'AutoML Experiment',
		'Private Key JWT',
		'Default Order',
		'0',
	])('passes the option "%s"', (name) => {
		expect(rawOptionName(name)).toBeUndefined();
	});

	it.each([
		['Copy (app)', 'App', false],
		['Get graphs subgraph (scheduling task)', 'Scheduling Task', false],
		['Copy an app', 'App', true],
		['Get many glossaries', 'Glossary', true],
		['Update a reload task (deprecated)', 'Reload Task', true],
	])('namesObject(%s, %s) = %s', (action, resource, expected) => {
		expect(namesObject(action, resource)).toBe(expected);
	});

	it.each([
		["Copies an app and returns Qlik's answer.", true],
		["Counts users and returns Qlik's answer", true],
		[
			"Deprecated by Qlik (sunset 2026-09); use Widget → Clone instead. Copies a widget and returns Qlik's answer.",
			true,
		],
		['Copies an app and returns the copy.', false],
		['Counts users and returns the count as `total`.', false],
		['Deletes a user and outputs `deleted: true`.', false],
		[
			'Reactivates a deactivated tenant and returns an object whose fields Qlik does not document.',
			false,
		],
	])('vagueReturn(%j) = %s', (description, expected) => {
		expect(vagueReturn(description)).toBe(expected);
	});

	it('finds each category in a node description', () => {
		const f = checkDescription(
			[
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					default: 'widget',
					options: [{ name: 'Widget', value: 'widget' }],
				},
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					default: 'get',
					displayOptions: { show: { resource: ['widget'] } },
					options: [
						{ name: 'Get', value: 'get', action: 'Get (widget)', description: 'GET /w/{id}' },
						{ name: 'Update', value: 'update', action: 'Update a widget', description: 'Updates' },
						{ name: 'Rename', value: 'rename', action: 'Rename a widget', description: 'Renames' },
						{
							name: 'Copy',
							value: 'copy',
							action: 'Copy a widget',
							description: "Copies a widget and returns Qlik's answer.",
						},
					],
				},
				{
					displayName: 'Ownername',
					name: 'ownername',
					type: 'string',
					default: '',
					displayOptions: { show: { resource: ['widget'], operation: ['get'] } },
				},
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					default: {},
					displayOptions: { show: { resource: ['widget'], operation: ['get'] } },
					options: [
						{
							displayName: 'Kind',
							name: 'kind',
							type: 'multiOptions',
							default: [],
							description: 'The kinds',
							options: [
								{ name: 'REP', value: 'REP' },
								{ name: 'Report', value: 'report' },
							],
						},
					],
				},
				{
					displayName: 'Sort',
					name: 'sort',
					type: 'options',
					default: '',
					description: 'The order',
					displayOptions: { show: { resource: ['widget'], operation: ['get'] } },
					options: [{ name: '+name', value: '+name' }],
				},
				{
					displayName: 'Patch Operations (JSON)',
					name: 'patch',
					type: 'json',
					default: '[]',
					description: 'JSON Patch operations',
					displayOptions: { show: { resource: ['widget'], operation: ['update', 'rename'] } },
				},
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					default: {},
					displayOptions: { show: { resource: ['widget'], operation: ['rename'] } },
					options: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The name',
						},
					],
				},
			],
			new Set(['widget.update', 'widget.rename', 'widget.get']),
		);
		expect(f).toEqual({
			endpointOnly: ['Widget → Get: "GET /w/{id}"'],
			vagueReturn: ['Widget → Copy: "Copies a widget and returns Qlik\'s answer."'],
			noDescription: ['widget.get › Ownername (ownername)'],
			runTogether: ['widget.get › Ownername: run-together "Ownername"'],
			actionWithoutObject: ['Widget → Get: "Get (widget)"'],
			rawOptionName: [
				'widget.get › Filters › Kind › REP: capitals "REP" that are no known acronym',
				'widget.get › Sort › +name: a sort code',
			],
			rawPatchOnly: ['Widget → Update'],
		});
	});
});

describe('the nodes panel and documentation links', () => {
	const built = (name: string) =>
		loadClass<INodeType>((pkg.n8n.nodes as string[]).find((f) => f.endsWith(`/${name}.node.js`))!);
	const node = built('QlikCloud');
	// n8n merges "Qlik Cloud" and "Qlik Cloud Trigger" into one entry; the polling trigger has its own.
	const trigger = built('QlikCloudTrigger');
	const credentials = (pkg.n8n.credentials as string[]).map((file) =>
		loadClass<ICredentialType>(file),
	);
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const anchors = new Set(
		[...readme.matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1])).concat('readme'),
	);
	const codex = (file: string) =>
		JSON.parse(readFileSync(path.join(root, file.replace(/\.js$/, '.json')), 'utf8'));

	it("shows the Qlik Cloud node's description: n8n gives the merged entry the trigger's", () => {
		expect(trigger.description.description).toBe(node.description.description);
		expect(node.description.description).toMatch(/^Automate Qlik Cloud/);
	});

	it('is found by the names people search for', () => {
		for (const file of pkg.n8n.nodes as string[])
			expect(codex(file).alias).toEqual(expect.arrayContaining(['Qlik Sense', 'QCS']));
	});

	it('links only to README headings that exist', () => {
		const urls = [
			...credentials.map((c) => String(c.documentationUrl)),
			...(pkg.n8n.nodes as string[]).flatMap((file) => {
				const r = codex(file).resources as Record<string, Array<{ url: string }>>;
				return Object.values(r).flatMap((list) => list.map((x) => x.url));
			}),
		];
		expect(urls.length).toBeGreaterThan(4);
		for (const url of urls) {
			const [base, anchor] = url.split('#');
			expect(base).toBe(pkg.homepage);
			expect([url, anchors.has(anchor)]).toEqual([url, true]);
		}
	});
});
