import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files run one at a time: the ack-latency and crash tests measure real time, and on a
    // 2-core machine a neighbouring file spawning tplus processes would be measured with them.
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
