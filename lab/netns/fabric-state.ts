// The netns fabric's own state for a failing test to keep (lab/fabric/state-dump.ts): each speaker's neighbors
// and RIB as GoBGP says them, and the load balancer on each server's net0: its tc filters and the maps
// of the programs they run (by program id, which tc prints; the maps live in a private bpffs, but their
// ids are the kernel's).
import { host } from '../exec/command.js';
import { transcript } from '../exec/transcript.js';

import { netnsOf, type NetnsDescription } from './description.js';
import { gobgpCli, SPEAKER_API_PORT } from './gobgp.js';
import { inNamespace } from './namespaces.js';

const text = (argv: readonly string[]): Promise<string> => transcript(host, argv);

/** The program ids in `tc filter show` output: "... direct-action not_in_hw id 1234 name tc_ingress ...". */
export function tcProgramIds(output: string): number[] {
  return [...output.matchAll(/\bid (\d+)\b/g)].map((m) => Number(m[1]));
}

/** The map ids of `bpftool -j prog show id N`: {"id":N,...,"map_ids":[12,13]}. */
export function programMapIds(json: string): number[] {
  try {
    return (JSON.parse(json) as { map_ids?: number[] }).map_ids ?? [];
  } catch {
    return [];
  }
}

export async function netnsFabricState(d: NetnsDescription): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const server of d.lab.servers) {
    const netns = netnsOf(d, server.name);
    const gobgp = gobgpCli(netns, d.speaker.gobgp);
    // The gobgp CLI waits for an API that is not there (a speaker stopped by a fault): ask the kernel first.
    const listening = await host.run([...inNamespace(netns), 'ss', '-Hltn', `sport = :${SPEAKER_API_PORT}`], { allowFailure: true });
    const absent = `(no speaker listens on 127.0.0.1:${SPEAKER_API_PORT} in ${netns})\n`;
    texts[`${server.name}-gobgp-neighbor.txt`] = listening.stdout.trim() ? await text([...gobgp, 'neighbor']) : absent;
    texts[`${server.name}-gobgp-global-rib.txt`] = listening.stdout.trim() ? await text([...gobgp, 'global', 'rib', '-a', 'ipv4']) : absent;
    const filters = (await Promise.all(['ingress', 'egress'].map((hook) => text([...inNamespace(netns), 'tc', 'filter', 'show', 'dev', server.uplink, hook])))).join('\n');
    texts[`${server.name}-tc-filters.txt`] = filters;
    const maps = new Set<number>();
    for (const id of new Set(tcProgramIds(filters))) {
      const prog = await host.run(['bpftool', '-j', 'prog', 'show', 'id', String(id)], { allowFailure: true });
      programMapIds(prog.stdout).forEach((m) => maps.add(m));
    }
    texts[`${server.name}-bpf-maps.txt`] = (await Promise.all([...maps].map((id) => text(['bpftool', 'map', 'dump', 'id', String(id)])))).join('\n') || '(no maps found)\n';
  }
  return texts;
}
