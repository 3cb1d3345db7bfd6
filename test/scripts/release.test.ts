import { changelogForRelease, nextVersion } from '../../scripts/release';

const repo = 'https://github.com/o/r';

describe('release: the next version', () => {
	it.each([
		['0.1.0', 'patch', '0.1.1'],
		['0.1.3', 'minor', '0.2.0'],
		['1.4.2', 'major', '2.0.0'],
		['0.1.0', '0.1.0', '0.1.0'],
		['0.1.0', '1.0.0', '1.0.0'],
	])('%s with %s gives %s', (current, wanted, next) => {
		expect(nextVersion(current, wanted)).toBe(next);
	});

	it.each([
		['1.2.0', '1.1.9', /older than the current version 1.2.0/],
		['1.2.0', 'v1.3.0', /'v1.3.0' is not a version: use major, minor, patch or x.y.z/],
		['1.2.0', 'next', /'next' is not a version/],
	])('%s with %s is refused', (current, wanted, message) => {
		expect(() => nextVersion(current, wanted)).toThrow(message);
	});
});

describe('release: the changelog', () => {
	const head = '# Changelog\n\nIntro.\n\n## [Unreleased]\n\n';

	it('moves the first release under its heading and links its tag', () => {
		const before = `${head}### Added\n\n- A node.\n\n[Unreleased]: ${repo}/commits/HEAD\n`;
		expect(changelogForRelease(before, '0.1.0', '2026-12-01', repo)).toBe(
			`${head}## [0.1.0] - 2026-12-01\n\n### Added\n\n- A node.\n\n` +
				`[Unreleased]: ${repo}/compare/v0.1.0...HEAD\n[0.1.0]: ${repo}/releases/tag/v0.1.0\n`,
		);
	});

	it('keeps earlier versions and their links, newest first', () => {
		const before =
			`${head}### Fixed\n\n- B.\n\n## [0.1.0] - 2026-12-01\n\n- A.\n\n` +
			`[Unreleased]: ${repo}/compare/v0.1.0...HEAD\n[0.1.0]: ${repo}/releases/tag/v0.1.0\n`;
		expect(changelogForRelease(before, '0.1.1', '2026-12-02', repo, 'v0.1.0')).toBe(
			`${head}## [0.1.1] - 2026-12-02\n\n### Fixed\n\n- B.\n\n## [0.1.0] - 2026-12-01\n\n- A.\n\n` +
				`[Unreleased]: ${repo}/compare/v0.1.1...HEAD\n[0.1.1]: ${repo}/compare/v0.1.0...v0.1.1\n` +
				`[0.1.0]: ${repo}/releases/tag/v0.1.0\n`,
		);
	});

	it.each([
		[`${head}## [0.1.0] - 2026-12-01\n\n- A.\n`, /Unreleased section is empty: nothing to release/],
		['# Changelog\n', /has no '## \[Unreleased\]' section/],
	])('refuses a changelog with nothing to release', (before, message) => {
		expect(() => changelogForRelease(before, '0.2.0', '2026-12-02', repo)).toThrow(message);
	});
});
