// The lab's own manifests, read as Kubernetes, Cilium and Coil would (lab/manifests/), give what the
// lab claims (lab/topology.ts): each server's speaker peers BIRD and advertises the VIP with its
// community, the Service gets the VIP and its backend runs where the claims say, the test pods run on
// their servers, Coil's pool is the topology's, and the datapath is DSR over GENEVE. The claims never
// derive from the manifests: a manifest that breaks one fails here, and in the specs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClusterIntent } from '../lab/manifests/intent.js';
import { repoRoot } from '../lab/paths.js';
import { communityText, serverNames, topology as t, workload } from '../lab/topology.js';

const intent = readClusterIntent(join(repoRoot, 'manifests'), join(repoRoot, 'lab', 'kind', 'cluster.yaml'));
const kindNode = (server: (typeof serverNames)[number]): string => t.nodes[server].kindNode;

describe("the lab's manifests give the lab's claims", () => {
  it('have nothing the reader needs to explain (no skipped peer, no unselected advertisement)', () => {
    expect(intent.notes).toEqual([]);
  });

  it("run a speaker on each server and on nothing else, peering BIRD's AS over loopback with graceful restart", () => {
    expect(intent.speakers.map((s) => s.node)).toEqual(serverNames.map(kindNode));
    for (const server of serverNames) {
      const { speaker, asn } = t.nodes[server];
      const found = intent.speakers.find((s) => s.node === kindNode(server))!;
      expect(found.localAsn).toBe(speaker.asn);
      expect(found.peers.map((p) => ({ address: p.address, asn: p.asn, port: p.port, gracefulRestart: p.gracefulRestart }))).toEqual([
        { address: speaker.peerAddress, asn, port: 179, gracefulRestart: { enabled: true, restartTimeSeconds: speaker.gracefulRestartSeconds } },
      ]);
    }
  });

  it('have both speakers advertise the VIP, and only it, with the VIP community', () => {
    for (const speaker of intent.speakers) {
      expect(speaker.peers[0]!.routes).toEqual([
        { prefix: `${t.service.vip}/32`, communities: [communityText(t.service.community)], service: `${t.service.namespace}/${t.service.name}` },
      ]);
    }
  });

  it('give the LoadBalancer Service the VIP, its port to the target port, with the backend behind it', () => {
    expect(intent.services.map((s) => ({ namespace: s.namespace, name: s.name, ip: s.ip, ports: s.ports, policy: s.externalTrafficPolicy }))).toEqual([
      { namespace: t.service.namespace, name: t.service.name, ip: t.service.vip, ports: [{ port: t.service.port, targetPort: t.service.targetPort, protocol: 'TCP' }], policy: 'Cluster' },
    ]);
    const backend = workload(t, t.service.backend);
    expect(intent.services[0]!.backends.map((p) => ({ namespace: p.namespace, name: p.name, node: p.node, echo: p.echo }))).toEqual([
      { namespace: backend.namespace, name: backend.name, node: kindNode(backend.node), echo: backend.echo },
    ]);
  });

  it('place every workload of the topology on its server, and no other pod', () => {
    const pods = intent.pods.map((p) => ({ namespace: p.namespace, name: p.name, node: p.node, echo: p.echo }));
    const claimed = t.workloads.map((w) => ({ namespace: w.namespace, name: w.name, node: kindNode(w.node), echo: w.echo }));
    expect(pods).toEqual(expect.arrayContaining(claimed));
    expect(pods).toHaveLength(claimed.length);
  });

  it("give Coil the topology's pod pool and block size, and Cilium's load balancer DSR over GENEVE", () => {
    expect(intent.podPool).toEqual(t.podPool);
    expect(intent.datapath).toEqual({ mode: 'dsr', dispatch: 'geneve' });
  });
});
