import { defineConfig } from '@playwright/test';

// The server under test is the release build, started by `.ci/test` through ECPA_E2E_SERVER
// on a fresh SQLite database with the demo data.
const port = Number(process.env.ECPA_E2E_PORT ?? 3100);
if (!process.env.ECPA_E2E_SERVER) {
  throw new Error('Set ECPA_E2E_SERVER to the command that starts the portal (see .ci/test), or run .ci/test.');
}

export default defineConfig({
  testDir: './tests',
  globalSetup: './tests/global-setup.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: process.env.ECPA_E2E_SERVER,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
