/** Queue-mode suite: PostgreSQL, Redis, an n8n main and a worker (scripts/n8nQueue.ts). Slow. */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	// openapi-backend's ref parser is an ES module; the simulator does not use it (see the file).
	moduleNameMapper: {
		'^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/simulator/jestRefParser.js',
	},
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
