// One browser tab on `intseg serve` over a data folder: what every e2e file opens in beforeAll and closes in afterAll.
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, launchBrowser } from './browser';
import { startServe, type ServeProcess } from './serve';

export interface ServeSession {
  readonly serve: ServeProcess;
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors, page errors and HTTP errors seen so far (collectPageErrors); tests assert it stays empty. */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

export async function openServeSession(dataDir: string, viewport: { readonly width: number; readonly height: number }): Promise<ServeSession> {
  const serve = await startServe(dataDir);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport });
    const consoleErrors = collectPageErrors(page);
    const opened = browser;
    return {
      serve,
      browser: opened,
      page,
      consoleErrors,
      close: async () => {
        await opened.close();
        await serve.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await serve.stop();
    throw error;
  }
}
