// Makes the recorded run (recorded-run.ts) from vitest's results: each conformance test's verdict,
// message, symptoms and the evidence its annotations carry (annotations.ts); the evidence files are
// copied from vitest's attachments folder into the run's files/, so that the page links to them.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { TestCase, TestModule } from 'vitest/node';
import { symptomsOf } from '../checks/check.js';
import { slug } from '../run/artifacts.js';
import { ANNOTATION, type CheckEvidence } from './annotations.js';
import type { EvidenceFile, RecordedCheck } from './recorded-run.js';

/** A state dump's text is shown in the page up to this many characters. */
const DUMP_TEXT_LIMIT = 40_000;


function suiteNames(test: TestCase): string[] {
  const names: string[] = [];
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) names.unshift(parent.name);
  return names;
}

/** Copies the test's evidence files under `dir`/files/, each source once (the dsr checks share their captures). */
function evidenceFiles(test: TestCase, dir: string, copied: Map<string, string>): EvidenceFile[] {
  return test.annotations().flatMap((a): EvidenceFile[] => {
    const kind = a.type === ANNOTATION.capture ? 'capture' : a.type === ANNOTATION.stateDump ? 'state-dump' : undefined;
    const source = a.attachment?.path;
    if (!kind || !source || !existsSync(source)) return [];
    let href = copied.get(source);
    if (!href) {
      href = join('files', slug(test.fullName, 80), basename(a.message));
      mkdirSync(join(dir, 'files', slug(test.fullName, 80)), { recursive: true });
      copyFileSync(source, join(dir, href));
      copied.set(source, href);
    }
    const text = kind === 'state-dump' ? readFileSync(source, 'utf8').slice(0, DUMP_TEXT_LIMIT) : undefined;
    return [{ kind, name: basename(a.message), href, original: a.message, ...(text !== undefined ? { text } : {}) }];
  });
}

/** Each conformance test of `modules` as a recorded check; `idOf` gives a title's catalog id. */
export function collectChecks(modules: readonly TestModule[], dir: string, idOf: (title: string) => string | undefined): RecordedCheck[] {
  const copied = new Map<string, string>();
  return modules.flatMap((module) =>
    [...module.children.allTests()].map((test): RecordedCheck => {
      const result = test.result();
      const notices = test.annotations().filter((a) => a.type === 'notice').map((a) => a.message);
      const evidence = test.annotations().find((a) => a.type === ANNOTATION.check);
      const figures = evidence?.attachment?.body ? (JSON.parse(String(evidence.attachment.body)) as CheckEvidence).figures : [];
      const errors = result.state === 'failed' ? result.errors.map((e) => stripVTControlCharacters(e.message)) : [];
      const message = result.state === 'failed' ? errors.join('\n') : result.state === 'skipped' ? (result.note ?? 'skipped') : notices.join('\n');
      return {
        id: evidence?.message ?? idOf(test.name) ?? test.name,
        title: test.name,
        spec: basename(module.moduleId).replace(/\.spec\.ts$/, ''),
        groups: suiteNames(test),
        state: result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped',
        durationMs: Math.round(test.diagnostic()?.duration ?? 0),
        message,
        symptoms: errors.flatMap(symptomsOf),
        figures,
        files: evidenceFiles(test, dir, copied),
      };
    }),
  );
}
