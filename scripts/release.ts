/**
 * Prepares a release: CHANGELOG's Unreleased section becomes the version's entry, package.json and
 * the lockfile get the version, and a commit and an annotated tag v<version> are made. Pushing the
 * tag is left to the maintainer; the tag starts the publish job (.github/workflows/ci.yml).
 *
 *   npm run release -- <major|minor|patch|x.y.z> [--dry-run]
 *
 * --dry-run prints what would be done and changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const changelogFile = path.join(root, 'CHANGELOG.md');
const UNRELEASED = '## [Unreleased]';

type Version = [number, number, number];

function parseVersion(text: string): Version {
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (!match) throw new Error(`'${text}' is not a version: use major, minor, patch or x.y.z`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: Version, b: Version): number {
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The version to release from the current one and the argument (a bump or an exact version). */
export function nextVersion(current: string, wanted: string): string {
	const [major, minor, patch] = parseVersion(current);
	const bumped: Record<string, Version> = {
		major: [major + 1, 0, 0],
		minor: [major, minor + 1, 0],
		patch: [major, minor, patch + 1],
	};
	const next = bumped[wanted] ?? parseVersion(wanted);
	if (compare(next, [major, minor, patch]) < 0) {
		throw new Error(`${next.join('.')} is older than the current version ${current}`);
	}
	return next.join('.');
}

/**
 * The changelog with the Unreleased entries moved under the new version's heading, an empty
 * Unreleased section left above it, and the link references at the bottom updated.
 */
export function changelogForRelease(
	changelog: string,
	version: string,
	date: string,
	repoUrl: string,
	previousTag?: string,
): string {
	const start = changelog.indexOf(UNRELEASED);
	if (start < 0) throw new Error(`CHANGELOG.md has no '${UNRELEASED}' section`);
	const bodyStart = start + UNRELEASED.length;
	const nextHeading = changelog.slice(bodyStart).search(/^## \[|^\[Unreleased\]:/m);
	const bodyEnd = nextHeading < 0 ? changelog.length : bodyStart + nextHeading;
	const entries = changelog.slice(bodyStart, bodyEnd).trim();
	if (!entries) throw new Error(`CHANGELOG.md's Unreleased section is empty: nothing to release`);

	const isLink = (line: string) => /^\[[^\]]+\]: /.test(line);
	const tail = changelog.slice(bodyEnd).split('\n');
	const earlier = tail
		.filter((line) => !isLink(line))
		.join('\n')
		.trim();
	const links = tail.filter((line) => isLink(line) && !line.startsWith('[Unreleased]:'));
	const versionLink = previousTag
		? `[${version}]: ${repoUrl}/compare/${previousTag}...v${version}`
		: `[${version}]: ${repoUrl}/releases/tag/v${version}`;
	return [
		changelog.slice(0, start).trimEnd(),
		'',
		UNRELEASED,
		'',
		`## [${version}] - ${date}`,
		'',
		entries,
		'',
		...(earlier ? [earlier, ''] : []),
		`[Unreleased]: ${repoUrl}/compare/v${version}...HEAD`,
		versionLink,
		...links,
		'',
	].join('\n');
}

function git(args: string[]): string {
	return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function main(argv: string[]): void {
	const dryRun = argv.includes('--dry-run');
	const [wanted] = argv.filter((arg) => !arg.startsWith('--'));
	if (!wanted) throw new Error('usage: npm run release -- <major|minor|patch|x.y.z> [--dry-run]');

	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const version = nextVersion(pkg.version, wanted);
	const tag = `v${version}`;
	if (git(['tag', '--list', tag])) throw new Error(`tag ${tag} already exists`);
	const dirty = git(['status', '--porcelain']);
	if (dirty && !dryRun)
		throw new Error(`the working tree has changes; commit them first:\n${dirty}`);
	const previousTag = git(['tag', '--list', 'v*', '--sort=-v:refname']).split('\n')[0] || undefined;
	const repoUrl = String(pkg.repository.url)
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	const date = new Date().toISOString().slice(0, 10);
	const changelog = changelogForRelease(
		readFileSync(changelogFile, 'utf8'),
		version,
		date,
		repoUrl,
		previousTag,
	);

	const say = (line: string) => console.log(`${dryRun ? '[dry run] would ' : ''}${line}`);
	if (dirty) console.log(`[dry run] note: the working tree has changes; a real run refuses them`);
	say(`release ${pkg.name} ${version} (now ${pkg.version}; last tag ${previousTag ?? 'none'})`);
	say(`write CHANGELOG.md: the Unreleased entries become '## [${version}] - ${date}'`);
	if (version !== pkg.version) say(`set version ${version} in package.json and package-lock.json`);
	say(`commit 'Release ${version}' and tag ${tag}`);
	if (dryRun) {
		console.log('\n--- CHANGELOG.md after the release (first 40 lines) ---');
		console.log(changelog.split('\n').slice(0, 40).join('\n'));
		return;
	}
	writeFileSync(changelogFile, changelog);
	if (version !== pkg.version) {
		execFileSync('npm', ['version', version, '--no-git-tag-version'], {
			cwd: root,
			stdio: 'inherit',
		});
	}
	git(['add', 'CHANGELOG.md', 'package.json', 'package-lock.json']);
	git(['commit', '-m', `Release ${version}`]);
	git(['tag', '-a', tag, '-m', `${pkg.name} ${version}`]);
	console.log(`\nDone. Publish with: git push origin HEAD ${tag}`);
}

if (require.main === module) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		console.error(`release: ${(error as Error).message}`);
		process.exit(1);
	}
}
