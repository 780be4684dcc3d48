import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'local-stepfunctions',
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for all the package's tests; each test file keeps its own table.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
