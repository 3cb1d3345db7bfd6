/**
 * What the package costs n8n: the node's description size, the node types the editor downloads,
 * and n8n's start-up time with and without the package, side by side in one run.
 *
 *   npm run build && npx ts-node --transpile-only bench/startup.ts [--runs 3]
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import type { INodeTypeDescription } from 'n8n-workflow';

import { ensureN8n, freePort, N8nInstance } from '../scripts/n8n';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;

function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(0)} kB`;
}

/** The size of the node types file n8n writes for the editor to download. */
function nodeTypesSize(n8n: N8nInstance): { raw: number; gzip: number } {
	const body = readFileSync(n8n.nodeTypesFile());
	return { raw: body.length, gzip: gzipSync(body).length };
}

async function startTimes(
	withPackage: boolean,
): Promise<{ cold: number; warm: number[]; types: { raw: number; gzip: number } }> {
	const n8n = new N8nInstance(ensureN8n(), await freePort());
	if (withPackage) n8n.installPackage();
	try {
		let t = Date.now();
		await n8n.start();
		const cold = Date.now() - t;
		const types = nodeTypesSize(n8n);
		await n8n.stop();
		const warm: number[] = [];
		for (let i = 0; i < runs; i++) {
			t = Date.now();
			await n8n.start();
			warm.push(Date.now() - t);
			await n8n.stop();
		}
		return { cold, warm, types };
	} finally {
		await n8n.cleanup();
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
	// The description as n8n serves it: the node and the tool variant n8n derives from it.
	const { QlikCloud } = require('../dist/nodes/QlikCloud/QlikCloud.node.js') as {
		QlikCloud: new () => { description: INodeTypeDescription };
	};
	const description = JSON.stringify(new QlikCloud().description);
	const operations = new QlikCloud().description.properties
		.filter((p) => p.name === 'operation')
		.reduce((n, p) => n + (p.options?.length ?? 0), 0);
	console.log(
		`Qlik Cloud node description: ${kb(description.length)} (${kb(gzipSync(description).length)} gzip), ${operations} operations`,
	);

	const without = await startTimes(false);
	const withPkg = await startTimes(true);
	const rows: Array<[string, string, string]> = [
		['', 'n8n alone', 'n8n + this package'],
		[
			'first start (s, incl. DB setup)',
			(without.cold / 1000).toFixed(1),
			(withPkg.cold / 1000).toFixed(1),
		],
		[
			`restart, median of ${runs} (s)`,
			(median(without.warm) / 1000).toFixed(1),
			(median(withPkg.warm) / 1000).toFixed(1),
		],
		[
			'restarts (s)',
			without.warm.map((w) => (w / 1000).toFixed(1)).join(' '),
			withPkg.warm.map((w) => (w / 1000).toFixed(1)).join(' '),
		],
		['/types/nodes.json', kb(without.types.raw), kb(withPkg.types.raw)],
		['/types/nodes.json gzip', kb(without.types.gzip), kb(withPkg.types.gzip)],
	];
	for (const [a, b, c] of rows) console.log(`${a.padEnd(34)}${b.padStart(22)}${c.padStart(24)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
