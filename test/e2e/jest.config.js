/** Real-n8n suite: slow (n8n starts in seconds once cached, installs in minutes the first time). */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	// openapi-backend's ref parser is an ES module; the simulator does not use it (see the file).
	moduleNameMapper: {
		'^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/simulator/jestRefParser.js',
	},
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
