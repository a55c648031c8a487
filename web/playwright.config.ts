// End-to-end tests: Debian's Chromium, driven by Playwright, against the real aicc binary
// (started by e2e/fixtures.ts). Run from web/: `npm run e2e` (AICC_BIN picks the binary).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  // One server per worker; the tests open their own conversations, so they could run in
  // parallel, but this 2-core machine is also running the server.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.AICC_CHROMIUM ?? '/usr/bin/chromium' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
