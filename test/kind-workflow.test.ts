// The nightly workflow of the real lab, read as GitHub Actions would run it: the versions it installs are
// the ones the harness pins, the JUnit action may publish its check, the BGP dump can write where the
// sudo'd specs wrote, and containerlab's lab folder stays out of git. Also: a Makefile run in a folder
// sees that folder as $(PWD), which Coil's `make certs` needs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCommand } from '../lab/exec/command.js';
import { kindLab } from '../lab/kind/names.js';
import { versionProblem } from '../lab/kind/tool-versions.js';
import { VERSIONS } from '../lab/kind/versions.js';
import { repoRoot } from '../lab/util/paths.js';
import { topology } from './default-lab.js';
import { scratchDir } from './fixtures.js';

interface Workflow {
  permissions?: Record<string, string>;
  env: Record<string, string>;
  jobs: { kind: { steps: { name?: string; run?: string; uses?: string; with?: Record<string, string> }[] } };
}
const workflow = parse(readFileSync(join(repoRoot, '.github', 'workflows', 'nightly-kind.yml'), 'utf8')) as Workflow;

describe('the nightly kind workflow', () => {
  it('installs the kind, kubectl and containerlab the harness pins, kubectl of the cluster\'s own Kubernetes', () => {
    expect(workflow.env).toMatchObject({ KIND_VERSION: VERSIONS.kind, CONTAINERLAB_VERSION: VERSIONS.containerlab, KUBECTL_VERSION: VERSIONS.kubectl });
    const run = workflow.jobs.kind.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl');
    expect(run).toContain('/usr/local/bin/kubectl');
    const image = /image: kindest\/node:(v\d+\.\d+\.\d+)@/.exec(readFileSync(join(repoRoot, 'lab', 'kind', 'cluster.yaml'), 'utf8'))?.[1];
    expect(VERSIONS.kubectl).toBe(image);
    expect(versionProblem('kubectl', VERSIONS.kubectl.replace(/^v/, ''))).toBeUndefined();
  });

  it('installs the Helm the harness pins, not the newest (Helm 4 applies server-side by default)', () => {
    expect(workflow.env.HELM_VERSION).toBe(VERSIONS.helm);
    const setupHelm = workflow.jobs.kind.steps.find((s) => s.uses?.startsWith('azure/setup-helm@'));
    expect(setupHelm?.with?.version).toBe('${{ env.HELM_VERSION }}');
    expect(versionProblem('helm', VERSIONS.helm.replace(/^v/, ''))).toBeUndefined();
  });

  it("runs the specs with vitest.config.ts's reporters (a --reporter on the command line would replace them all)", () => {
    const specs = workflow.jobs.kind.steps.find((s) => s.run?.includes('vitest run'))?.run ?? '';
    expect(specs).toContain('npx vitest run --project conformance');
    expect(specs).not.toContain('--reporter');
    const config = readFileSync(join(repoRoot, 'vitest.config.ts'), 'utf8');
    for (const reporter of ["'junit'", "outputFile: { junit: 'reports/junit.xml' }", './lab/report/summary-reporter.ts', './lab/report/run-report-reporter.ts']) expect(config).toContain(reporter);
  });

  it('lets the JUnit report action publish its check run', () => {
    expect(workflow.permissions).toMatchObject({ checks: 'write' });
  });

  it('leaves artifacts/ to the sudo\'d specs, which keep the state of what failed, and writes nothing into it as the runner user', () => {
    const runs = workflow.jobs.kind.steps.map((s) => s.run ?? '');
    expect(runs.filter((run) => /(^|\s)(mkdir|>)[^\n]*artifacts/.test(run))).toEqual([]);
    expect(runs.some((run) => run.includes('birdc'))).toBe(false);
  });
});

describe('around the kind fabric', () => {
  it("keeps containerlab's lab folder out of git", () => {
    const folder = join('lab', 'kind', `clab-${kindLab(topology).cluster}`, 'anything');
    expect(() => execFileSync('git', ['check-ignore', '-q', folder], { cwd: repoRoot })).not.toThrow();
  });

  it("runs a command in a folder with PWD set to it, so that a Makefile's $(PWD) is that folder", async () => {
    const dir = scratchDir('pwd-');
    writeFileSync(join(dir, 'Makefile'), 'show:\n\t@echo $(PWD)\n');
    expect((await runCommand('test', ['make', 'show'], { cwd: dir })).stdout.trim()).toBe(dir);
  });
});
