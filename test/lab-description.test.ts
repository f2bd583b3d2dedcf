// The lab read from copies of its own files, changed as a user would change them: the description and
// the checks follow the files (renamed protocols, a moved link, a third server), and each file mistake
// is refused in one line that names the file, the node or link, and the field.
import { describe, expect, it } from 'vitest';
import { checkTitles } from '../lab/checks/catalog.js';
import { expectedSpeakerSessions, localSpeakerSessions, routerSession } from '../lab/description/index.js';
import { MOVED_LINK, RENAMED_PROTOCOLS, withServers } from '../lab/description/lab-variants.js';
import { labErrorWith, labFilesWith, labWith } from './lab-copies.js';
import { readLab } from '../lab/description/index.js';

const sessionsOf = (sessions: readonly { neighborAddress: string; neighborAs: number; protocol: string }[]) => sessions.map((s) => `${s.protocol} ${s.neighborAddress} AS${s.neighborAs}`);

describe('the lab follows its files', () => {
  it('with every BIRD protocol renamed: the same sessions, known by the new names only in messages', () => {
    const t = labWith(...RENAMED_PROTOCOLS);
    expect(sessionsOf(t.router.bird.sessions)).toEqual(['controlplane 10.0.1.2 AS65001', 'worker 10.0.2.2 AS65001']);
    expect(routerSession(t, 'server1').protocol).toBe('upstream_router');
    expect(localSpeakerSessions(t, 'server1').map((s) => s.protocol)).toEqual(['cilium_agent']);
    expect(checkTitles(t).get('bgp/bird-sessions/router0')).toMatch(/^router0: BIRD's sessions 10\.0\.1\.2 AS65001, 10\.0\.2\.2 AS65001 \(\S*bird\/router0\.conf\) are Established$/);
  });

  it("with server1's link moved to 10.0.9.0/24: its node IP, gateway and sessions move with it", () => {
    const t = labWith(...MOVED_LINK);
    const server1 = t.servers[1]!;
    expect([server1.nodeIp, server1.defaultGateway, server1.routerId]).toEqual(['10.0.9.2', '10.0.9.1', '10.0.9.2']);
    expect(t.router.interfaces).toContainEqual({ name: 'net2', cidr: '10.0.9.1/24' });
    expect(checkTitles(t).get('bgp/vip-multipath-in-router-fib')).toBe('router0: the kernel FIB routes 20.1.10.2/32 via server0 and server1');
    expect(checkTitles(t).get('bgp/block-on-router/server1')).toMatch(/is routed via server1 \(10\.0\.9\.2\)$/);
  });

  it('with a third server: its node, link, sessions and paths are checked like the others', () => {
    const t = labWith(...withServers(3));
    expect(t.servers.map((s) => [s.name, s.kindNode, s.nodeIp])).toEqual([
      ['server0', 'bgpv2-bird-coil-control-plane', '10.0.1.2'],
      ['server1', 'bgpv2-bird-coil-worker', '10.0.2.2'],
      ['server2', 'bgpv2-bird-coil-worker2', '10.0.3.2'],
    ]);
    expect(t.service.advertisedBy).toEqual(['server0', 'server1', 'server2']);
    expect(expectedSpeakerSessions(t, 'server2')).toEqual([{ neighborAddress: '127.0.0.1', neighborAs: 65001, localAs: 65002 }]);
    const titles = checkTitles(t);
    expect([...titles.keys()].filter((id) => id.endsWith('server2'))).toEqual(['bgp/bird-sessions/server2', 'bgp/speaker-session/server2', 'bgp/no-vip-in-fib/server2']);
    expect(titles.get('bgp/vip-multipath-in-router-fib')).toBe('router0: the kernel FIB routes 20.1.10.2/32 via server0, server1 and server2');
    expect(titles.get('dsr/tunnel')).toMatch(/^flows into server1 and server2 go on to server0 in GENEVE \(10\.0\.2\.2 -> 10\.0\.1\.2:6081, 10\.0\.3\.2 -> 10\.0\.1\.2:6081\)/);
    expect(titles.get('ecmp/l4-hash-follows-fib')).toMatch(/each of 96 flows .* each server takes at least \d+$/);
  });
});

describe('a lab whose promise names the servers that advertise the VIP', () => {
  it('tunnels, restarts and fails over only among those servers', () => {
    const t = labWith(...withServers(3), { file: 'lab/claims.yaml', from: 'advertisedBy: every server', to: 'advertisedBy: [server0, server1]' });
    const titles = checkTitles(t);
    expect(titles.get('bgp/vip-multipath-in-router-fib')).toBe('router0: the kernel FIB routes 20.1.10.2/32 via server0 and server1');
    expect(titles.get('dsr/tunnel')).toMatch(/^flows into server1 go on to server0 in GENEVE \(10\.0\.2\.2 -> 10\.0\.1\.2:6081\)/);
    expect(titles.get('graceful-restart/quick/fib-keeps-both-paths')).toMatch(/keeps 20\.1\.10\.2\/32 via server0 and server1 at every change while server1's Cilium speaker/);
    expect(titles.get('failover/uplink-down/requests')).toMatch(/answered through server0 only/);
  });
});

describe('a mistake in the lab files is one line naming file, node or link, and field', () => {
  const topology = 'lab/kind/topology.clab.yaml';

  it('a link to an undefined node', () => {
    expect(labErrorWith({ file: topology, from: '["router0:net2", "server1:net0"]', to: '["router0:net2", "server9:net0"]' })).toBe(
      'lab/kind/topology.clab.yaml: topology.links[1]: endpoint server9:net0 names node server9, which topology.nodes does not define',
    );
  });

  it('two nodes with one address', () => {
    expect(labErrorWith({ file: topology, from: 'ip addr add 10.0.2.2/24 dev net0', to: 'ip addr add 10.0.1.2/24 dev net0' })).toMatch(
      /^lab\/kind\/topology\.clab\.yaml: nodes server0 and server1 both have address 10\.0\.1\.2 \(exec ip addr add\)$/,
    );
  });

  it('a kind node that no containerlab node shares', () => {
    expect(labErrorWith(withServers(3).find((c) => c.file === 'lab/kind/cluster.yaml')!)).toBe(
      'lab/kind/cluster.yaml: kind node bgpv2-bird-coil-worker2 is shared by no containerlab node (lab/kind/topology.clab.yaml: network-mode container:bgpv2-bird-coil-worker2): each kind node is one server of the lab',
    );
  });

  it('a server whose BIRD config has no session to the router', () => {
    expect(labErrorWith({ file: 'bird/server1.conf', from: 'define ROUTER0 = 10.0.2.1;', to: 'define ROUTER0 = 10.0.2.9;' })).toBe(
      'bird/server1.conf (node server1): no BGP session to the router router0 (10.0.0.1, 10.0.1.1, 10.0.2.1): nothing the server has would reach the lab',
    );
  });

  it("a BIRD config that BIRD's own parse refuses, with what `bird -p` said", () => {
    expect(labErrorWith({ file: 'bird/router0.conf', from: '  merge paths on;', to: '  merge paths sometimes;' })).toMatch(/^bird\/router0\.conf \(node router0\): BIRD refuses it: .*router0\.conf:\d+:\d+ syntax error/);
  });

  it('a promise naming a pod or a Service the manifests do not define', () => {
    expect(labErrorWith({ file: 'lab/claims.yaml', from: '[default/ubuntu, default/ubuntu-worker]', to: '[default/ubuntu, default/ubuntu-wroker]' })).toBe(
      'lab/claims.yaml: ping[0][1] = default/ubuntu-wroker, which manifests does not define (pods: tenant-green/ubuntu-echo, default/ubuntu, default/ubuntu-worker)',
    );
    expect(labErrorWith({ file: 'lab/claims.yaml', from: 'name: lb-service-green', to: 'name: lb-service-blue' })).toBe(
      'lab/claims.yaml: service = tenant-green/lb-service-blue, which manifests does not define as a LoadBalancer Service (it defines tenant-green/lb-service-green)',
    );
  });

  it('a field neither fabric reads, in the topology or the claims', () => {
    expect(labErrorWith({ file: topology, from: '      network-mode: container:bgpv2-bird-coil-worker\n', to: '      network-mode: container:bgpv2-bird-coil-worker\n      ports: ["8080:80"]\n' })).toMatch(
      /^lab\/kind\/topology\.clab\.yaml: node server1: topology\.nodes\.server1\.ports = \["8080:80"\] is a field the harness does not read/,
    );
    expect(labErrorWith({ file: 'lab/claims.yaml', from: 'lb:\n', to: 'lbb:\n' })).toMatch(/^lab\/claims\.yaml: lb is missing$|^lab\/claims\.yaml: claims: lb is missing$/);
  });

  it('an exec command the netns fabric cannot run is kept, for the netns fabric to refuse by node and command', () => {
    const t = labWith({ file: topology, from: '        - sysctl -w net.ipv4.ip_forward=1\n', to: '        - sysctl -w net.ipv4.ip_forward=1\n        - apt-get install -y frr\n' });
    expect(t.router.exec.at(-2)).toMatchObject({ kind: 'other', argv: ['apt-get', 'install', '-y', 'frr'] });
  });
});

describe('manifests the reader refuses only because the netns fabric could not run them', () => {
  const ipv6Peer = { file: 'manifests/cilium-bgp.yaml', from: 'peerAddress: 127.0.0.1', to: 'peerAddress: "::1"' };

  it('stop a netns run, in the reader\'s one line', () => {
    expect(labErrorWith(ipv6Peer)).toMatch(/peerAddress = "::1" is an IPv6 peer, which Cilium dials and the netns fabric, IPv4 only, does not/);
  });

  it('leave the kind fabric the pods\' placement, and say the speakers are judged by BIRD\'s configs alone', () => {
    const t = readLab(labFilesWith(ipv6Peer), 'kind');
    expect(t.pods.map((p) => `${p.name}@${p.server}`)).toEqual(['ubuntu-echo@server0', 'ubuntu@server0', 'ubuntu-worker@server1']);
    expect(t.speakerPeers).toEqual({});
    expect(t.notes[0]).toMatch(/^manifests: \S+cilium-bgp\.yaml: .*IPv6 peer.*; the kind fabric applies them as they are, takes where their pods run, and judges each speaker's sessions by its node's BIRD config alone$/);
    expect(expectedSpeakerSessions(t, 'server1')).toEqual([{ neighborAddress: '127.0.0.1', neighborAs: 65001, localAs: 65002 }]);
  });

  it("leave the kind fabric the placement of pods whose containers only it can run (the published demo's `sleep infinit`)", () => {
    const t = readLab(labFilesWith({ file: 'manifests/workloads.yaml', from: 'kubernetes.io/hostname: bgpv2-bird-coil-worker\n  containers:\n    - name: ubuntu\n      image: nicolaka/netshoot:v0.13\n      command: ["sleep", "infinity"]', to: 'kubernetes.io/hostname: bgpv2-bird-coil-worker\n  containers:\n    - name: curl\n      image: curlimages/curl\n      command: ["sleep", "infinit"]' }), 'kind');
    expect(t.pods.map((p) => `${p.name}@${p.server}`)).toEqual(['ubuntu-echo@server0', 'ubuntu@server0', 'ubuntu-worker@server1']);
  });
});
