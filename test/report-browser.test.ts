// The run's page of a recorded run (fixtures/report/), drawn by the page's generator and opened in
// headless Chromium (Debian's, through playwright-core; no browser download): no console error, no
// network request, one shape per node and per session in the lab's drawing, one lane per node a DSR flow
// crossed, one bar per server and hash policy, one point per request of each load; a screenshot that is
// not blank, kept under artifacts/report-screenshots/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnSessions } from '../lab/report/lab-sessions.js';
import { readHistory } from '../lab/report/history.js';
import type { RecordedRun } from '../lab/report/recorded-run.js';
import { renderReport } from '../lab/report/render-report.js';
import { artifactsRoot, repoRoot } from '../lab/util/paths.js';
import { colourCount, openBrowser } from './browser.js';

const RUNS = ['passing', 'no-dsr-option'].filter((name) => existsSync(join(repoRoot, 'fixtures', 'report', name, 'run.json')));
let browser: BrowserContext;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ context: browser, close } = await openBrowser());
}, 30_000);
afterAll(() => close());

describe.each(RUNS)('the page of the recorded run %s', (name) => {
  const fixture = join(repoRoot, 'fixtures', 'report', name);
  const run = JSON.parse(readFileSync(join(fixture, 'run.json'), 'utf8')) as RecordedRun;

  it('shows the lab, the DSR flows, the ECMP split and the loads, offline and without errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-page-'));
    cpSync(join(fixture, 'files'), join(dir, 'files'), { recursive: true });
    writeFileSync(join(dir, 'report.html'), renderReport(run, readHistory(join(fixture, 'history.jsonl'))));
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
    await page.goto(`file://${join(dir, 'report.html')}`);
    try {
      const nodes = 1 + run.lab.servers.length + run.lab.servers.filter((s) => run.lab.speakerPeers[s.name]).length + run.lab.pods.length;
      const seen = run.checks.flatMap((c) => c.figures.flatMap((f) => (f.kind === 'sessions' ? f.sessions : [])));
      expect(await page.locator('svg.lab-drawing [data-node]').count()).toBe(nodes);
      expect(await page.locator('svg.lab-drawing [data-session]').count()).toBe(drawnSessions(run.lab, seen).length);
      const dsr = run.checks.find((c) => c.id === 'dsr/tunnel')!.figures.find((f) => f.kind === 'dsr-flows')!;
      const first = page.locator('[data-check="dsr/tunnel"] svg.ladder').first();
      expect(await first.locator('[data-lane]').count()).toBe(new Set(dsr.flows[0]!.packets.flatMap((p) => [p.from, p.to])).size);
      const ecmp = run.checks.filter((c) => c.id.startsWith('ecmp/')).flatMap((c) => c.figures.filter((f) => f.kind === 'ecmp-split'));
      for (const id of ['ecmp/l3-hash-one-path', 'ecmp/l4-hash-follows-fib']) {
        const bars = ecmp.filter((f) => f.policy === (id.includes('l3') ? 0 : 1)).flatMap((f) => f.servers);
        expect(await page.locator(`[data-check="${id}"] .ecmp-bar rect`).count()).toBe(bars.length);
      }
      for (const check of run.checks.filter((c) => c.figures.some((f) => f.kind === 'load-timeline'))) {
        const load = check.figures.find((f) => f.kind === 'load-timeline')!;
        expect(await page.locator(`[data-check="${check.id}"] .load-request circle`).count()).toBe(load.requests.length);
      }
      mkdirSync(join(artifactsRoot, 'report-screenshots'), { recursive: true });
      const shot = join(artifactsRoot, 'report-screenshots', `${name}.png`);
      await page.screenshot({ path: shot, fullPage: false });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await colourCount(page, readFileSync(shot))).toBeGreaterThan(16);
    } finally {
      await page.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
