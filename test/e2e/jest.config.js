/**
 * Real-n8n suite (npx jest -c test/e2e/jest.config.js): slow. The first run installs n8n into a cache
 * outside the repo (scripts/n8n/install.sh, several minutes); later runs find it in about a second.
 * Serial: every test drives real n8n processes on a 2-core machine.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{
				// Inline, so the suite does not depend on the repo's tsconfig files.
				tsconfig: {
					module: 'commonjs',
					target: 'es2022',
					lib: ['es2022', 'dom'],
					esModuleInterop: true,
					strict: true,
					skipLibCheck: true,
					types: ['node', 'jest'],
				},
			},
		],
	},
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
