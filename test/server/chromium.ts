// Headless Chromium for the end-to-end tests: the binary comes from npm (@sparticuz/chromium), so `npm ci` is enough.
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * Our own flags, not the package's defaults: those disable web security, which would hide what these tests check.
 * The background-networking flags stop Chromium calling out from a machine with a closed network.
 */
const FLAGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Launches Chromium; Playwright gives every launch a fresh, empty --user-data-dir of its own. */
export async function launchChromium(): Promise<Browser> {
  return playwright.launch({ executablePath: await chromium.executablePath(), headless: true, args: FLAGS });
}
