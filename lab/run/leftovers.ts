// What runs of the harness may leave behind on this host, counted (read only) so that the soak and the
// interruption tests can say whether a run left anything: namespaces, daemons, BPF programs and run
// directories, kept artifacts, route watches and load clients (and the files of the first), vitest's module copies. Compared with a baseline taken first, so that another checkout's fabric is not counted;
// and a daemon that names another checkout (its run directory, BIRD config, captures or echo script, in
// its command line or working directory), or a namespace of a run such a daemon names, is that
// checkout's: other people's runs come and go on a shared host while this one's are counted.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { pollUntilOrTimeout } from '../util/poll.js';
import { NAMESPACE_PREFIX } from './run-state.js';
import { VITEST_TMP } from './owner-temp.js';
import { LOAD_CLIENT } from '../probes/load-client.js';
import { artifactsRoot, repoRoot, runsRoot } from '../util/paths.js';

export interface Leftovers {
  readonly namespaces: string[];
  readonly processes: string[];
  /** BPF programs of bpf/lb_dsr.c still loaded (their tc filters with them) */
  readonly bpfPrograms: string[];
  /** run directories under .lab/runs */
  readonly runDirectories: string[];
  /**
   * what runs kept under artifacts/ but their outputs: a run's folder with its page (report.html, and the
   * failing checks' evidence it links to) and the history are what a run is for, not left behind
   */
  readonly artifacts: string[];
  /**
   * route watches' stop and pid files left in /tmp (where they went before they went to the run's
   * directory), and vitest's copies of modules for its workers (/tmp/<id>/ssr) that an interrupted run
   * did not remove
   */
  readonly files: string[];
}

// The daemons the netns fabric starts, and the echo server's script.
const DAEMONS = ['bird', 'gobgpd', 'tcpdump'];
/** the echo server's script in its command line, as TypeScript (through tsx) or as the build's JavaScript (lab/netns/pods.ts): a pgrep pattern */
const ECHO_SCRIPT = 'lab/workloads/http-echo\\.(ts|js)';
/** in the command line of every route watch (lab/probes/route-monitor.ts), and its files' names: its stop file's name */
const ROUTE_WATCH = 'bgplab-route-watch';
const PROGRAMS = ['lb_ingress', 'lb_egress'];

/** A path a daemon of a checkout names: its run directories, BIRD configs, captures or echo script (or the build's); group 1 is the checkout. */
const CHECKOUT_PATH = /(\/[^\s'"]*?)\/(?:\.lab\/runs|bird|artifacts|(?:\.build\/js\/)?lab\/workloads)\//g;

/** The checkouts a process names, in its command line (a pgrep -a line) or its working directory. */
function checkoutsOf(pgrepLine: string): string[] {
  let cwd = '';
  try {
    cwd = readlinkSync(`/proc/${pgrepLine.split(' ')[0]}/cwd`);
  } catch {
    // gone, or not ours to read
  }
  return [...`${pgrepLine} ${cwd}/`.matchAll(CHECKOUT_PATH)].map((m) => m[1]!);
}

/** The run ids another checkout's process names (its .lab/runs/<id>/): their namespaces are that checkout's. */
function runIdsOf(pgrepLine: string): string[] {
  return [...pgrepLine.matchAll(/\/\.lab\/runs\/([0-9a-f]{6})\//g)].map((m) => m[1]!);
}

/** pgrep lists zombies too: an exited daemon waiting for init to reap it is not left running. */
function running(pgrepLine: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pgrepLine.split(' ')[0]}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

async function lines(file: string, args: string[]): Promise<string[]> {
  const result = await execa(file, args, { reject: false });
  return String(result.stdout).split('\n').filter(Boolean);
}

/** A run's page and what it links to (lab/report/run-files.ts), or the history of runs: outputs, kept on purpose. */
function isRunOutput(entry: string): boolean {
  return entry === 'history.jsonl' || existsSync(join(artifactsRoot, entry, 'report.html'));
}

export async function observeLeftovers(): Promise<Leftovers> {
  const all = [
    ...(await Promise.all(DAEMONS.map((d) => lines('pgrep', ['-a', '-x', d])))).flat(),
    ...(await lines('pgrep', ['-a', '-f', ECHO_SCRIPT])),
    ...(await lines('pgrep', ['-a', '-f', ROUTE_WATCH])),
    ...(await lines('pgrep', ['-a', '-f', LOAD_CLIENT])),
  ].filter(running);
  const elsewhere = all.filter((line) => checkoutsOf(line).some((checkout) => checkout !== repoRoot));
  const othersRuns = new Set(elsewhere.flatMap(runIdsOf));
  const processes = all.filter((line) => !elsewhere.includes(line));
  const allNamespaces = (await lines('ip', ['netns', 'list'])).map((l) => l.split(' ')[0]!).filter((n) => n.startsWith(`${NAMESPACE_PREFIX}-`));
  const othersNamespaces = allNamespaces.filter((n) => othersRuns.has(n.split('-')[1]!));
  const namespaces = allNamespaces.filter((n) => !othersNamespaces.includes(n));
  // the programs attached in another checkout's namespaces are that checkout's
  const othersPrograms = new Set(
    (await Promise.all(othersNamespaces.map((n) => lines('ip', ['netns', 'exec', n, 'bpftool', '-j', 'net', 'show'])))).flatMap((out) =>
      [...out.join('').matchAll(/"id":(\d+)/g)].map((m) => Number(m[1])),
    ),
  );
  const programs = JSON.parse((await lines('bpftool', ['-j', 'prog', 'show'])).join('') || '[]') as { id: number; name?: string }[];
  return {
    namespaces,
    processes,
    bpfPrograms: programs.filter((p) => p.name && PROGRAMS.includes(p.name) && !othersPrograms.has(p.id)).map((p) => `${p.name} (id ${p.id})`),
    runDirectories: existsSync(runsRoot) ? readdirSync(runsRoot) : [],
    artifacts: existsSync(artifactsRoot) ? readdirSync(artifactsRoot).filter((entry) => !isRunOutput(entry)) : [],
    files: [
      ...readdirSync('/tmp').filter((f) => f.startsWith(ROUTE_WATCH)).map((f) => `/tmp/${f}`),
      ...readdirSync('/tmp').filter((f) => VITEST_TMP.test(f) && existsSync(`/tmp/${f}/ssr`)).map((f) => `/tmp/${f}/ssr`),
    ],
  };
}

/** What `after` has that `before` had not. */
export function newLeftovers(before: Leftovers, after: Leftovers): Leftovers {
  const fresh = (key: keyof Leftovers): string[] => after[key].filter((item) => !before[key].includes(item));
  return {
    namespaces: fresh('namespaces'),
    processes: fresh('processes'),
    bpfPrograms: fresh('bpfPrograms'),
    runDirectories: fresh('runDirectories'),
    artifacts: fresh('artifacts'),
    files: fresh('files'),
  };
}

export function countLeftovers(l: Leftovers): number {
  return Object.values(l).reduce((sum: number, items: string[]) => sum + items.length, 0);
}

export function describeLeftovers(l: Leftovers): string {
  const parts = (Object.entries(l) as [string, string[]][]).filter(([, items]) => items.length > 0);
  return parts.length === 0 ? 'nothing' : parts.map(([kind, items]) => `${kind}: ${items.join(', ')}`).join('; ');
}

/**
 * What a run left that `baseline` had not, once the kernel has finished its own deferred cleanup: a
 * deleted network namespace is destroyed by a kernel worker after `ip netns del` returns, so what it held
 * may still be listed for a moment. Polls (bounded) until nothing new is left, then returns what is. The
 * load balancer's programs are detached before their namespace is deleted (RunState.detach): a namespace
 * kept alive by its orphaned sockets (about 100 s, as TCP retries a FIN to a peer that is gone) no
 * longer keeps them, so programs still listed after the bound are the harness's leftovers.
 */
export async function leftoversAfterCleanup(baseline: Leftovers, timeoutMs = 10_000): Promise<Leftovers> {
  let left = newLeftovers(baseline, await observeLeftovers());
  await pollUntilOrTimeout({
    what: "the kernel's deferred cleanup of what the run deleted",
    timeoutMs,
    intervalMs: 100,
    check: async () => {
      left = newLeftovers(baseline, await observeLeftovers());
      return { done: countLeftovers(left) === 0, seen: describeLeftovers(left) };
    },
  });
  return left;
}
