/**
 * Which Manage operations the Qlik Cloud node exposes, per spec file in scope.
 *
 *   npm run coverage [-- --json] [-- --specs <dir>]
 *
 * An operation counts as exposed when the node's Operation dropdown offers it and the operation
 * table runs the same method and path; as retired when its row is past Qlik's sunset (offered
 * nowhere, a saved one fails naming the replacement). Exits non-zero when anything in scope is
 * missing.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { operations } from '../nodes/QlikCloud/actions';
import { specsDir, specsInScope } from './generate/spec';

// By file name: `QlikCloud.node` alone would resolve to the codex file QlikCloud.node.json.
const { QlikCloud } = require(path.join(__dirname, '../nodes/QlikCloud/QlikCloud.node.ts')) as {
	QlikCloud: new () => INodeType;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Row {
	spec: string;
	theme: string;
	inScope: number;
	exposed: number;
	missing: string[];
	retired: number;
	deprecated: number;
	deprecatedExposed: number;
}

function offered(): Set<string> {
	const out = new Set<string>();
	const properties = new QlikCloud().description.properties as INodeProperties[];
	for (const property of properties.filter((p) => p.name === 'operation')) {
		const resource = property.displayOptions?.show?.resource?.[0];
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			const spec = operations[String(resource)]?.[String(option.value)];
			if (spec && !spec.retired) out.add(`${spec.method} ${spec.path}`);
		}
	}
	return out;
}

/** Endpoints whose row is retired. */
function retired(): Set<string> {
	return new Set(
		Object.values(operations).flatMap((rows) =>
			Object.values(rows)
				.filter((spec) => spec.retired)
				.map((spec) => `${spec.method} ${spec.path}`),
		),
	);
}

export function coverage(dir: string): Row[] {
	const exposed = offered();
	const past = retired();
	return specsInScope(dir).map(({ spec, theme }) => {
		const doc = JSON.parse(fs.readFileSync(path.join(dir, spec), 'utf8')) as {
			paths: Record<
				string,
				Record<string, { 'x-qlik-deprecated'?: boolean; deprecated?: boolean }>
			>;
		};
		const row: Row = {
			spec,
			theme,
			inScope: 0,
			exposed: 0,
			missing: [],
			retired: 0,
			deprecated: 0,
			deprecatedExposed: 0,
		};
		for (const [p, item] of Object.entries(doc.paths)) {
			for (const method of METHODS) {
				const op = item[method];
				if (!op) continue;
				const key = `${method.toUpperCase()} ${p}`;
				const deprecated = op['x-qlik-deprecated'] === true || op.deprecated === true;
				row.inScope++;
				if (deprecated) row.deprecated++;
				if (exposed.has(key)) {
					row.exposed++;
					if (deprecated) row.deprecatedExposed++;
				} else if (past.has(key)) row.retired++;
				else row.missing.push(key);
			}
		}
		return row;
	});
}

function main() {
	const dir = specsDir();
	const rows = coverage(dir);
	const total = rows.reduce(
		(t, r) => ({
			inScope: t.inScope + r.inScope,
			exposed: t.exposed + r.exposed,
			missing: t.missing + r.missing.length,
			retired: t.retired + r.retired,
			deprecated: t.deprecated + r.deprecated,
		}),
		{ inScope: 0, exposed: 0, missing: 0, retired: 0, deprecated: 0 },
	);
	if (process.argv.includes('--json')) {
		console.log(JSON.stringify({ specs: rows, total }, null, 2));
	} else {
		const line = (cells: Array<string | number>) =>
			console.log(
				cells.map((c, i) => (i === 0 ? String(c).padEnd(36) : String(c).padStart(9))).join(''),
			);
		line(['spec', 'in scope', 'exposed', 'missing', 'retired', 'deprec.']);
		for (const r of rows)
			line([r.spec, r.inScope, r.exposed, r.missing.length, r.retired, r.deprecated]);
		line(['total', total.inScope, total.exposed, total.missing, total.retired, total.deprecated]);
		console.log(
			`\n${total.exposed} of ${total.inScope} operations exposed (${total.inScope - total.deprecated} live, ${total.deprecated} deprecated); ${total.retired} retired (past Qlik's sunset); ${total.missing} missing.`,
		);
		for (const r of rows) for (const m of r.missing) console.log(`missing: ${r.spec} ${m}`);
	}
	if (total.missing > 0) process.exit(1);
}

if (require.main === module) main();
