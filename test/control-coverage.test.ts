// The negative controls judged check by check from vitest's JSON reports: a control is as expected only
// when exactly the checks it lists fail and every other check passes, and a check no control kills is
// counted as unkilled. Every control and check of the catalog is named by an id that exists.
import { describe, expect, it } from 'vitest';
import { checkTitles, type CheckId } from '../lab/checks/catalog.js';
import { checkResults, coverage, coverageTable, judgeControl, mismatchLines, summaryLine } from '../lab/controls/coverage.js';
import type { Control } from '../lab/controls/control.js';
import { FAULTS } from '../lab/controls/faults.js';
import { MISTAKES } from '../lab/controls/mistakes.js';
import { fails } from '../lab/controls/expectations.js';
import { controlRoles } from '../lab/controls/roles.js';
import { withServers } from '../lab/description/lab-variants.js';
import { topology } from './default-lab.js';
import { labWith, RENAMED_NODES } from './lab-copies.js';

const titles = new Map<CheckId, string>([
  ['bgp/bird-sessions/router0', 'router0: sessions Established'],
  ['lb/vip-answers', '20 requests answer 200'],
  ['dsr/tunnel', 'flows into server1 go on in GENEVE'],
]);

/** A run's report: each check passed, skipped, or failed with a symptom ("failed:fib-path-missing"; "failed:" an error with none). */
const report = (statuses: Partial<Record<CheckId, string>>) =>
  checkResults({
    testResults: [...titles].map(([id, title]) => {
      const [status = 'passed', ...rest] = (statuses[id] ?? 'passed').split(':');
      const symptom = rest.join(':');
      const message = symptom ? `CheckFailed: something wrong\n  evidence: …\n  symptom: ${symptom}` : 'Error: the fabric is not whole';
      return { name: `/repo/specs/${id.split('/')[0]}.spec.ts`, assertionResults: [{ title, status, ...(status === 'failed' ? { failureMessages: [message] } : {}) }] };
    }),
  });

const kill = (check: CheckId, ...symptoms: [string, ...string[]]) => fails([check], ...symptoms);

describe('a control, judged check by check', () => {
  it('is as expected when exactly the checks it lists fail, each with a symptom it lists', () => {
    const v = judgeControl('router-session-down', titles, kill('bgp/bird-sessions/router0', 'session-not-established'), report({ 'bgp/bird-sessions/router0': 'failed:session-not-established' }));
    expect(v).toMatchObject({ asExpected: true, killed: ['bgp/bird-sessions/router0'], otherReason: [], unexpectedFailures: [], unexpectedPasses: [], notRun: [] });
  });

  it('does not count a listed check that failed for another reason (another symptom, a precondition, an error) as killed, and says what it failed with', () => {
    for (const [status, seen] of [['failed:fib-path-missing', 'symptom fib-path-missing'], ['failed:precondition:not-whole', 'symptom precondition:not-whole'], ['failed:', 'symptom none: Error: the fabric is not whole']]) {
      const v = judgeControl('cilium-session-down', titles, kill('bgp/bird-sessions/router0', 'session-not-established'), report({ 'bgp/bird-sessions/router0': status }));
      expect(v).toMatchObject({ asExpected: false, killed: [] });
      expect(mismatchLines(v)).toEqual([`cilium-session-down: failed for another reason: router0: sessions Established (${seen}; listed: session-not-established)`]);
    }
  });

  it('takes a listed precondition as an expected failure, and never as a kill', () => {
    const v = judgeControl('no-multipath', titles, [...kill('lb/vip-answers', 'request-not-answered'), ...kill('dsr/tunnel', 'precondition:no-flow-to-judge')], report({ 'lb/vip-answers': 'failed:request-not-answered', 'dsr/tunnel': 'failed:precondition:no-flow-to-judge' }));
    expect(v).toMatchObject({ asExpected: true, expected: ['lb/vip-answers'], killed: ['lb/vip-answers'], unjudged: ['dsr/tunnel'] });
    expect(coverage(titles, [v]).find((r) => r.id === 'dsr/tunnel')!.killedBy).toEqual([]);
  });

  it('is a mismatch when another check fails too, or a listed one passes, and says which', () => {
    const v = judgeControl('echo-down', titles, [...kill('lb/vip-answers', 'request-not-answered'), ...kill('dsr/tunnel', 'flow-not-tunnelled')], report({ 'lb/vip-answers': 'failed:request-not-answered', 'bgp/bird-sessions/router0': 'failed:session-not-established' }));
    expect(v.asExpected).toBe(false);
    expect(mismatchLines(v)).toEqual(['echo-down: failed, and not listed: router0: sessions Established', 'echo-down: listed, and passed: flows into server1 go on in GENEVE']);
  });

  it('is a mismatch when the run stopped before the checks (no report), every check not run', () => {
    const v = judgeControl('wrong-peer-asn', titles, kill('lb/vip-answers', 'request-not-answered'), checkResults({}));
    expect(v.asExpected).toBe(false);
    expect(v.notRun).toHaveLength(3);
    expect(mismatchLines(v)).toEqual(['wrong-peer-asn: the run stopped before any check (at bring-up): see its output']);
  });

  it('lets a check the control leaves to a race fail or pass, counting it neither as killed nor as a mismatch', () => {
    for (const status of ['failed:precondition:no-flow-to-judge', 'passed']) {
      const v = judgeControl('wrong-community', titles, kill('lb/vip-answers', 'request-not-answered'), report({ 'lb/vip-answers': 'failed:request-not-answered', 'dsr/tunnel': status }), ['dsr/tunnel']);
      expect(v).toMatchObject({ asExpected: true, killed: ['lb/vip-answers'], unexpectedFailures: [] });
    }
  });

  it('leaves out a check skipped as not applying to the fabric: neither killed nor a mismatch', () => {
    const v = judgeControl('restart-time-beyond-bound', titles, [...kill('dsr/tunnel', 'flow-not-tunnelled'), ...kill('lb/vip-answers', 'request-not-answered')], report({ 'dsr/tunnel': 'skipped', 'lb/vip-answers': 'failed:request-not-answered' }));
    expect(v).toMatchObject({ applies: true, asExpected: true, killed: ['lb/vip-answers'], notRun: [], skipped: [titles.get('dsr/tunnel')] });
  });

  it('does not count a control as expected when every check it lists was skipped here: it proved nothing', () => {
    const v = judgeControl('restart-time-beyond-bound', titles, kill('dsr/tunnel', 'flow-not-tunnelled'), report({ 'dsr/tunnel': 'skipped' }));
    expect(v).toMatchObject({ applies: false, asExpected: false, killed: [] });
    expect(mismatchLines(v)).toEqual([]);
  });

  it('is a mismatch when the report has a check the catalog does not know', () => {
    const results = [...report({ 'lb/vip-answers': 'failed:request-not-answered' }), { title: 'a check added outside the catalog', status: 'passed', symptoms: [] }];
    expect(judgeControl('echo-down', titles, kill('lb/vip-answers', 'request-not-answered'), results).unknown).toEqual(['a check added outside the catalog']);
  });
});

describe("the controls' coverage", () => {
  it('names the controls that killed each check for its own reason, counts the unkilled, and ends on the summary line', () => {
    const verdicts = [
      judgeControl('router-session-down', titles, kill('bgp/bird-sessions/router0', 'session-not-established'), report({ 'bgp/bird-sessions/router0': 'failed:session-not-established' })),
      judgeControl('echo-down', titles, kill('lb/vip-answers', 'request-not-answered'), report({ 'lb/vip-answers': 'failed:request-not-answered' })),
    ];
    const rows = coverage(titles, verdicts);
    expect(rows.map((r) => [r.id, r.killedBy])).toEqual([
      ['bgp/bird-sessions/router0', ['router-session-down']],
      ['lb/vip-answers', ['echo-down']],
      ['dsr/tunnel', []],
    ]);
    expect(coverageTable(rows)).toContain('| dsr/tunnel | flows into server1 go on in GENEVE | NONE |');
    expect(summaryLine(rows, verdicts)).toBe('controls: 3 checks, 2 killed, 1 unkilled; 2 controls, 2 as expected');
  });

  it('does not count a check that failed under a control that does not list it as killed', () => {
    const v = judgeControl('echo-down', titles, kill('lb/vip-answers', 'request-not-answered'), report({ 'lb/vip-answers': 'failed:request-not-answered', 'dsr/tunnel': 'failed:flow-not-tunnelled' }));
    expect(coverage(titles, [v]).find((r) => r.id === 'dsr/tunnel')!.killedBy).toEqual([]);
  });
});

describe('the catalog the controls name checks from', () => {
  it('gives every check a distinct title, without a fabric', () => {
    const all = checkTitles(topology);
    expect(new Set(all.values()).size).toBe(all.size);
  });

  for (const [lab, read] of [
    ['this repository\'s lab', () => topology],
    ['a lab of three servers', () => labWith(...withServers(3))],
    ['a lab whose nodes are renamed', () => labWith(...RENAMED_NODES)],
  ] as const) {
    it(`lists, in every fault and mistake, only checks it has, each once, on ${lab}`, () => {
      const t = read();
      const all = checkTitles(t);
      const roles = controlRoles(t);
      for (const [name, control] of Object.entries({ ...FAULTS, ...MISTAKES }) as [string, Control][]) {
        const kills = control.kills(roles).map((k) => k.check);
        expect(kills.filter((id) => !all.has(id)), name).toEqual([]);
        expect(new Set(kills).size, name).toBe(kills.length);
        const undecided = control.undecided?.checks(roles) ?? [];
        expect(undecided.filter((id) => kills.includes(id) || !all.has(id)), name).toEqual([]);
      }
    });
  }

  it("names by role the servers a control acts on: on this repository's lab, server1 without the backend, server0 with it", () => {
    const roles = controlRoles(topology);
    expect([roles.router, roles.faulty, roles.backend, roles.blockOwners, roles.podPaths('server1')]).toEqual(['router0', 'server1', 'server0', ['server0', 'server1'], ['pod-to-pod/from-server0', 'pod-to-pod/from-server1']]);
    expect(FAULTS['router-session-down'].kills(roles).map((k) => k.check)).toContain('bgp/bird-sessions/server1');
  });
});
