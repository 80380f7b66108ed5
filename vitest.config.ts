import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/cdktf-matchers.ts"],
    // Installs the pinned heroku CLI the platform tests drive, when it is missing;
    // gives the run one temporary folder, removed when it ends.
    globalSetup: ["test/setup/heroku-cli.ts", "test/setup/run-temp-dir.ts"],
    // Tests start real servers, terraform and the heroku CLI: give them room —
    // a deploy of the estate takes ~30 s alone and several times that on a busy
    // machine; the limits only stop a hung test — and keep the two cores busy
    // with at most two files at a time.
    testTimeout: 360_000,
    hookTimeout: 360_000,
    maxWorkers: 2,
    env: { CHECKPOINT_DISABLE: "1" },
  },
});
