import { defineConfig, devices } from '@playwright/test';

// Drives Debian's chromium (apt-get install chromium); Playwright never downloads a browser here.
// The web app is built first (npm run e2e, or scripts/test-all.mjs) and served by the API server (apps/api), as
// `npm start` serves it, on a fresh embedded database in .reports/e2e-data-<port> (E2E_PORT, default 4173), so the journeys can store designs.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './specs',
  outputDir: `../.reports/e2e-results-${port}`,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    command: `rm -rf .reports/e2e-data-${port} && node scripts/start.mjs`,
    cwd: '..',
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: `.reports/e2e-data-${port}`,
      AUTH: 'none',
      LOG_LEVEL: 'warn',
      // Parallel work on one checkout can serve its own build (vite build --outDir …) instead of apps/web/dist.
      ...(process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {}),
    },
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 90_000,
  },
});
