// A vitest reporter that, at the end of every conformance run, passing or failing, writes the run's page
// artifacts/<run>/report.html (and run.json, the recorded run it is drawn from), appends the run to
// artifacts/history.jsonl, and prints the page's path. Who ran it comes from BGPLAB_HISTORY_SOURCE (soak,
// control), a control's name and the checks it must fail from BGPLAB_HISTORY_CONTROL and
// BGPLAB_HISTORY_EXPECTED (comma separated ids): the harness's own scripts set them, so they are not LAB_
// variables, which lab/run/env.ts keeps to the options a user sets (and refuses any other).
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { checkTitles } from '../checks/catalog.js';
import { collectChecks } from './collect-run.js';
import { appendHistory, historyEntry, readHistory } from './history.js';
import type { RecordedRun, RunSource } from './recorded-run.js';
import { renderReport } from './render-report.js';
import { historyFile, readRunFabric, recordedRunFile, reportFile, runDir } from './run-files.js';

const CONFORMANCE = 'conformance';

function source(): RunSource {
  const said = process.env.BGPLAB_HISTORY_SOURCE;
  return said === 'soak' || said === 'control' ? said : 'test';
}

export default class RunReportReporter implements Reporter {
  private vitest?: Vitest;
  private readonly started = Date.now();

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    const modules = testModules.filter((m) => m.project.name === CONFORMANCE);
    const project = this.vitest?.projects.find((p) => p.name === CONFORMANCE);
    if (modules.length === 0 || !project) return;
    const runId = (project.getProvidedContext() as { pageRunId?: string | null }).pageRunId ?? undefined;
    const fabric = runId === undefined ? undefined : readRunFabric(runId);
    if (!runId || !fabric) {
      process.stdout.write('\nrun report: none, the global setup recorded no fabric (see above)\n');
      return;
    }
    try {
      const lab = fabric.description.lab;
      const ids = new Map([...checkTitles(lab)].map(([id, title]) => [title, id]));
      const expected = process.env.BGPLAB_HISTORY_EXPECTED?.split(',').filter(Boolean);
      const checks = collectChecks(modules, runDir(runId), (title) => ids.get(title));
      const errors = [
        ...unhandledErrors.map((e) => String(e instanceof Error ? e.message : e)),
        ...modules.filter((m) => m.state() === 'failed' && [...m.children.allTests()].length === 0).map((m) => `${m.moduleId} did not load: ${m.errors().map((e) => e.message).join('; ')}`),
      ];
      // vitest's own verdict where no check says it: an interrupted run's unfinished checks show as
      // skipped, and a hook that failed fails no check; the page must not read as passed then
      const unexplained = reason !== 'passed' && errors.length === 0 && !checks.some((c) => c.state === 'failed');
      const run: RecordedRun = {
        runId,
        endedAt: new Date().toISOString(),
        durationMs: Date.now() - this.started,
        fabric: fabric.description.fabric,
        faults: fabric.description.fabric === 'netns' ? fabric.description.faults : [],
        source: source(),
        ...(process.env.BGPLAB_HISTORY_CONTROL ? { control: process.env.BGPLAB_HISTORY_CONTROL } : {}),
        ...(expected ? { expectedFailures: expected } : {}),
        ...(fabric.convergedMs !== undefined ? { convergedMs: Math.round(fabric.convergedMs) } : {}),
        lab,
        ...(fabric.podIps ? { podIps: fabric.podIps } : {}),
        checks,
        otherErrors: [...errors, ...(unexplained ? [`the run ${reason === 'interrupted' ? 'was interrupted' : 'failed'} outside any check (see vitest's output): checks that had not ended show as skipped`] : [])],
      };
      writeFileSync(recordedRunFile(runId), `${JSON.stringify(run)}\n`);
      appendHistory(historyFile, historyEntry(run));
      writeFileSync(reportFile(runId), renderReport(run, readHistory(historyFile)));
      process.stdout.write(`\nrun report: ${reportFile(runId)}\nhistory: ${historyFile}\n`);
    } catch (error) {
      process.stdout.write(`\nrun report: could not be written: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
  }
}
