// Headless Chromium for the page's tests: Debian's package (scripts/setup.sh installs it), launched by
// playwright-core (no browser download) with the flags that work on a CI machine and a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.LAB_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A browser on a fresh profile (playwright passes it as --user-data-dir); `close` removes the profile too. */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1366, height: 900 } });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** How many colours a PNG has, counted by the browser on a canvas: 1 means a blank picture. */
export async function colourCount(page: Page, png: Buffer): Promise<number> {
  await page.setContent('<canvas></canvas>');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.querySelector('canvas')!;
    [canvas.width, canvas.height] = [image.width, image.height];
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const pixels = new Uint32Array(g.getImageData(0, 0, image.width, image.height).data.buffer);
    return new Set(pixels).size;
  }, png.toString('base64'));
}
