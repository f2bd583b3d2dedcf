// The lab's own manifests, read as Kubernetes, Cilium and Coil would (lab/manifests/), keep the promises
// of lab/claims.yaml: each server's speaker peers its node's BIRD as BIRD's config expects, with the
// promised graceful restart time, and advertises the VIP with its community; the Service gets the VIP and
// its backend answers what is promised; the pods that must ping run on different servers; Coil's pool is
// the promised one; the datapath is DSR over GENEVE. The claims never derive from the manifests: a
// manifest that breaks one fails here, and in the specs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClusterIntent } from '../lab/manifests/intent.js';
import { repoRoot } from '../lab/util/paths.js';
import { communityText, localSpeakerSessions, podServer, serverNames } from '../lab/description/index.js';
import { topology as t } from './default-lab.js';

const intent = readClusterIntent(join(repoRoot, 'manifests'), join(repoRoot, 'lab', 'kind', 'cluster.yaml'));

describe("the lab's manifests keep the lab's promises", () => {
  it('have nothing the reader needs to explain (no skipped peer, no unselected advertisement)', () => {
    expect(intent.notes).toEqual([]);
  });

  it("run a speaker on each server and on nothing else, peering its BIRD as BIRD's config expects, with the promised graceful restart", () => {
    expect(intent.speakers.map((s) => s.node)).toEqual(t.servers.map((s) => s.kindNode));
    for (const server of t.servers) {
      const found = intent.speakers.find((s) => s.node === server.kindNode)!;
      const [bird] = localSpeakerSessions(t, server.name);
      expect(found.localAsn).toBe(bird!.neighborAs);
      expect(found.peers.map((p) => ({ address: p.address, asn: p.asn, port: p.port, gracefulRestart: p.gracefulRestart }))).toEqual([
        { address: bird!.neighborAddress, asn: bird!.localAs, port: 179, gracefulRestart: { enabled: true, restartTimeSeconds: t.claims.restartTimeSeconds } },
      ]);
    }
  });

  it('have the promised servers advertise the VIP, and only it, with the VIP community', () => {
    expect(t.service.advertisedBy).toEqual(serverNames(t));
    for (const speaker of intent.speakers) {
      expect(speaker.peers[0]!.routes).toEqual([
        { prefix: `${t.service.vip}/32`, communities: [communityText(t.service.community)], service: `${t.service.namespace}/${t.service.name}` },
      ]);
    }
  });

  it('give the LoadBalancer Service the VIP, its port to the backend\'s, with the backend behind it answering the promised text', () => {
    expect(intent.services.map((s) => ({ namespace: s.namespace, name: s.name, ip: s.ip, ports: s.ports, policy: s.externalTrafficPolicy }))).toEqual([
      { namespace: t.service.namespace, name: t.service.name, ip: t.service.vip, ports: [{ port: t.service.port, targetPort: t.service.targetPort, protocol: 'TCP' }], policy: 'Cluster' },
    ]);
    expect(intent.services[0]!.backends.map((p) => ({ namespace: p.namespace, name: p.name, text: p.echo?.text, port: p.echo?.port }))).toEqual([
      { ...t.service.backend, text: t.service.answer.replace(/\n$/, ''), port: t.service.targetPort },
    ]);
  });

  it('place the pods that must ping each other on different servers', () => {
    for (const [a, b] of t.claims.ping) expect(podServer(t, a)).not.toBe(podServer(t, b));
  });

  it("give Coil the promised pod pool and block size, and Cilium's load balancer DSR over GENEVE", () => {
    expect(intent.podPool).toEqual(t.podPool);
    expect(intent.datapath).toEqual({ mode: 'dsr', dispatch: t.claims.dsr.dispatch });
  });
});
