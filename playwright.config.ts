import { defineConfig, devices } from '@playwright/test';
import { browserOrExit } from './src/cli/browser';

const PORT = Number(process.env.E2E_PORT ?? 4319);

// CHROMIUM_PATH, or a Chromium found (or installed) here; set for the workers, which load this file again
process.env.CHROMIUM_PATH = browserOrExit();

/** End-to-end tests drive Chromium (CHROMIUM_PATH, the machine's, or Debian's installed on demand) against the built app (`build/`) on a fresh database of DATABASE_URL's server. */
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH,
			args: [
				'--no-sandbox',
				'--disable-dev-shm-usage',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{
			name: 'chromium',
			use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 } }
		}
	],
	webServer: {
		command: 'npx tsx src/cli/e2e-server.ts',
		url: `http://localhost:${PORT}/login`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		// feed deliveries retry after 1 s, 2 s, 4 s … instead of 10 s, 20 s …: tests/e2e/feed.spec.ts
		env: { E2E_PORT: String(PORT), FEED_RETRY_DELAY_SECONDS: '1' }
	}
});
