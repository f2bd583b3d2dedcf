// How the graceful-restart checks tell a restart: its title (from the lab only, no fabric), its figures
// when it passes, and the story to lead with when the speaker came back too late, from which every other
// symptom of that restart follows.
import { serverNames, type Lab } from '../description/index.js';
import { failWithSymptoms, type CheckOutcome, type Symptom } from './check.js';
import type { RestartObservation } from './restart-scenario.js';
import { lateDowntimeTitle, SETTLE_TITLE, type RestartKind } from './restart-timing.js';
import { describeLoad } from './steady-load.js';

/** One thing wrong, with its symptom. */
export interface Problem {
  readonly text: string;
  readonly symptom: Symptom;
}

/** The failure: `problems` told by `body`, with their symptoms, each once, in order. */
export function failWith(problems: readonly Problem[], body: (texts: readonly string[]) => string): CheckOutcome {
  return failWithSymptoms(body(problems.map((p) => p.text)), problems.map((p) => p.symptom));
}

/** "server1's Cilium speaker dies without a NOTIFICATION and is started again at once ..." */
export const restartText = (t: Lab, server: string, kind: RestartKind): string =>
  `${server}'s Cilium speaker dies without a NOTIFICATION and is started again ${kind === 'quick' ? 'at once' : `late (${lateDowntimeTitle(t)})`} ` +
  `(kind: the DaemonSet's new agent, as soon as it is Ready), back with its End-of-RIB within the lab's graceful restart time, ` +
  `${t.claims.restartTimeSeconds} s, and watched for ${SETTLE_TITLE}`;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** "late restart: " */
export const label = (o: RestartObservation): string => `${o.kind} restart: `;

/** One restart's figures: how long it was down and why, when it was back, how long it was watched. */
export function restartFigures(t: Lab, o: RestartObservation): string {
  return `${o.kind} restart: speaker away ${seconds(o.startedAtMs - o.killedAtMs)} (meant: ${o.downtime.text}), back with its End-of-RIB ${seconds(o.restartMs)} after the kill, ` +
    `of the lab's ${t.claims.restartTimeSeconds} s, then watched ${seconds(o.settle.ms)} (${o.settle.why}); ${describeLoad(o.requests, serverNames(t))}`;
}

export const figures = (t: Lab, restarts: readonly RestartObservation[]): string => restarts.map((o) => restartFigures(t, o)).join('; ');

/**
 * The story to lead with when the speaker came back later than the lab's graceful restart time: then
 * BIRD removes the stale routes, as the restart time tells the peer to (Cilium's CiliumBGPPeerConfig
 * gracefulRestart.restartTimeSeconds: "After this period, peer will remove stale routes", RFC 4724 4.2),
 * and every other symptom follows from it. A real finding about the lab on kind, where a whole agent pod
 * must be back in time.
 */
export function lateReturn(t: Lab, o: RestartObservation): Problem[] {
  const budgetMs = t.claims.restartTimeSeconds * 1000;
  const awayMs = o.startedAtMs - o.killedAtMs;
  const backInTime = o.backAtMs !== undefined && o.restartMs < budgetMs;
  if (awayMs <= budgetMs && backInTime) return [];
  const back = o.backAtMs !== undefined ? `back with its End-of-RIB ${seconds(o.restartMs)} after the kill` : `not back ${seconds(o.restartMs)} after the kill`;
  return [
    {
      text: `${label(o)}the Cilium speaker of ${o.server} was away for ${seconds(awayMs)} (${back}), more than the lab's graceful restart time of ${t.claims.restartTimeSeconds} s: BIRD flushed its routes when that time ran out`,
      symptom: 'speaker-back-after-restart-time',
    },
  ];
}
