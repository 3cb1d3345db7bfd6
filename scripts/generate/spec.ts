/**
 * Load stage of the generator: Qlik's OpenAPI files in scope, read into specs whose `$ref`s and
 * `allOf`s resolve, and each of their endpoints as a draft for the later stages.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { HttpMethod } from '../../nodes/QlikCloud/shared/types';
import type { ResourceRule, SpecRule } from './config';

export type Json = Record<string, unknown>;

export const ROOT = path.resolve(__dirname, '../..');
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function specsDir(args: string[] = process.argv): string {
	const i = args.indexOf('--specs');
	return i >= 0 ? path.resolve(args[i + 1]) : path.resolve(ROOT, '../shared/qlik-openapi');
}

/** Spec files in scope, in the order of `manage-scope.json`. */
export function specsInScope(
	dir: string,
): Array<{ spec: string; operations: number; deprecated: number; theme: string }> {
	const scope = JSON.parse(fs.readFileSync(path.join(dir, 'manage-scope.json'), 'utf8')) as {
		themes: Record<string, Array<{ spec: string; operations: number; deprecated: number }>>;
	};
	return Object.entries(scope.themes).flatMap(([theme, list]) =>
		list.map((entry) => ({ ...entry, theme })),
	);
}

/** One OpenAPI document, with `$ref` and `allOf` resolution. */
export class Spec {
	constructor(
		readonly file: string,
		readonly doc: Json,
	) {}

	resolve(node: unknown, depth = 0): Json {
		let value = (node ?? {}) as Json;
		for (let i = 0; i < 20 && typeof value.$ref === 'string'; i++) {
			const parts = (value.$ref as string).replace(/^#\//, '').split('/');
			let target: unknown = this.doc;
			for (const part of parts)
				target = (target as Json)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
			value = (target ?? {}) as Json;
		}
		if (Array.isArray(value.allOf) && depth < 10) {
			const merged: Json = { type: 'object', properties: {}, required: [] };
			for (const part of value.allOf as unknown[]) {
				const r = this.resolve(part, depth + 1);
				Object.assign(merged.properties as Json, (r.properties ?? {}) as Json);
				(merged.required as string[]).push(...((r.required as string[]) ?? []));
				if (r.type && r.type !== 'object') merged.type = r.type;
			}
			const rest = { ...value };
			delete rest.allOf;
			return {
				...merged,
				...rest,
				properties: { ...(merged.properties as Json), ...((rest.properties as Json) ?? {}) },
				required: [...(merged.required as string[]), ...((rest.required as string[]) ?? [])],
			};
		}
		return value;
	}
}

/** The specs in scope, read from `dir`. */
export function loadSpecs(dir: string): Spec[] {
	return specsInScope(dir).map(
		({ spec }) => new Spec(spec, JSON.parse(fs.readFileSync(path.join(dir, spec), 'utf8')) as Json),
	);
}

/** One endpoint of a spec, on its way to a table row. */
export interface Draft {
	spec: Spec;
	/** The resource its spec rule puts it in. */
	rule: ResourceRule;
	method: HttpMethod;
	path: string;
	op: Json;
	pathItem: Json;
	/** `METHOD path`: the endpoint's key in the lock. */
	endpoint: string;
	/** Its operation value by rule (names stage), then as locked. */
	value?: string;
	names?: Record<string, string>;
}

/** Every endpoint of the specs, each with the resource rule that matches its path. */
export function draftsOf(specs: Spec[], rules: SpecRule[]): Draft[] {
	const drafts: Draft[] = [];
	for (const spec of specs) {
		const config = rules.find((r) => r.spec === spec.file);
		if (!config)
			throw new Error(`${spec.file} is in scope but has no entry in scripts/generate/config.ts`);
		for (const [p, pathItem] of Object.entries(spec.doc.paths as Record<string, Json>)) {
			for (const method of METHODS) {
				const op = pathItem[method.toLowerCase()] as Json | undefined;
				if (!op) continue;
				const rule = config.resources.find((r) => !r.match || r.match.test(p))!;
				const endpoint = `${method} ${p}`;
				drafts.push({ spec, rule, method, path: p, op, pathItem, endpoint, names: config.names });
			}
		}
	}
	return drafts;
}
