/**
 * Writes the generated operation tables and the lock from Qlik's OpenAPI files.
 *
 *   ts-node --transpile-only scripts/generate/main.ts [--check] [--specs <dir>]
 *
 * `--check` writes nothing and fails when a generated file or the lock differs from what the
 * specs give, saying what to do. Both refuse to run over a value change that the lock does not
 * record as a rename, and over an endpoint Qlik removed.
 */
import * as fs from 'fs';
import * as path from 'path';

import { readLock } from './lock';
import { loadSpecs, ROOT, specsDir } from './spec';
import { checkFailure, GENERATED, problemsMessage, run } from './write';

async function main() {
	const dir = specsDir();
	const check = process.argv.includes('--check');
	const existing = fs.existsSync(GENERATED)
		? fs.readdirSync(GENERATED).map((f) => path.join(GENERATED, f))
		: [];
	const result = await run({
		specs: loadSpecs(dir),
		lock: readLock(),
		read: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
		existing,
	});
	if (check) {
		const failure = checkFailure(result);
		if (failure) {
			console.error(`${failure}\n(specs: ${dir})`);
			process.exit(1);
		}
		console.log(`Operation tables and the lock match the specs (${result.files.size} files).`);
		return;
	}
	if (result.problems.length > 0) {
		console.error(`${problemsMessage(result)}\nNothing was written.`);
		process.exit(1);
	}
	for (const file of result.drift) {
		const full = path.join(ROOT, file);
		fs.mkdirSync(path.dirname(full), { recursive: true });
		fs.writeFileSync(full, result.files.get(full)!);
	}
	for (const file of result.stale) fs.rmSync(path.join(ROOT, file));
	for (const line of result.pending) console.log(`lock: ${line}`);
	console.log(
		`Wrote ${result.drift.length} of ${result.files.size} generated files` +
			(result.stale.length ? `, removed ${result.stale.length}.` : '.'),
	);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
