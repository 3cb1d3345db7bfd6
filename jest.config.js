/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 60000,
	// openapi-backend's ref parser is an ES module; the simulator does not use it (see the file).
	moduleNameMapper: {
		'^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/simulator/jestRefParser.js',
	},
	reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
