import { defineConfig } from "@playwright/test";

// e2e runs against a production build (`next build` first; npm test does it) with a real worker,
// on its own database (bastion_e2e, recreated by tests/e2e/prepare.ts) and its own Redis prefix.
// Port, database and Redis prefix are per run (set once in the main process; workers inherit the
// environment), so two runs on one machine never share a server or a database.
process.env.E2E_PORT ??= String(3210 + (process.pid % 700));
const PORT = Number(process.env.E2E_PORT);
process.env.E2E_DATABASE_URL ??= `postgresql://postgres@127.0.0.1:5432/bastion_e2e_${PORT}`;
const DATABASE_URL = process.env.E2E_DATABASE_URL;
export const E2E_ADMIN_EMAIL = "admin-e2e@bastion.test";
const env = {
  DATABASE_URL,
  REDIS_URL: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_PREFIX: `bastion-e2e-${PORT}`,
  ADMIN_EMAIL: E2E_ADMIN_EMAIL,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  WORKER_CONCURRENCY: "2",
};

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/teardown.ts",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  webServer: [
    {
      command: `node --import tsx tests/e2e/prepare.ts && npx next start -H 127.0.0.1 -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node --no-node-snapshot --import tsx worker/main.ts",
      wait: { stdout: /worker ready/ },
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...env, BASTION_SERVICE: "worker", LOG_LEVEL: "info" },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
