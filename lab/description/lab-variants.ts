// Variants of the lab made the way its user would make them, by editing its own files (never the
// harness's TypeScript): every BIRD protocol renamed, every node renamed, one server's link moved to
// another subnet, and more servers. The tests run the whole suite on each (resilience/lab-variants.test.ts); the scale bench
// brings up labs of 2, 4 and 8 servers (scripts/bench-scale.ts).
import type { LabChange } from './lab-copy.js';

/** Every BIRD protocol under the names the published lab gives its peers. */
export const RENAMED_PROTOCOLS: readonly LabChange[] = [
  { file: 'bird/router0.conf', from: 'protocol bgp server0 from', to: 'protocol bgp controlplane from' },
  { file: 'bird/router0.conf', from: 'protocol bgp server1 from', to: 'protocol bgp worker from' },
  { file: 'bird/server-common.conf', from: 'protocol bgp cilium {', to: 'protocol bgp cilium_agent {' },
  { file: 'bird/server-common.conf', from: 'protocol bgp router0 {', to: 'protocol bgp upstream_router {' },
  { file: 'bird/server-common.conf', from: 'protocol kernel coil {', to: 'protocol kernel coil_blocks {' },
];

/**
 * Every node renamed, as a user who names them otherwise would (router0 edge, server0 alpha, server1
 * beta): in the topology's nodes and links and the claims' client. The BIRD configs keep their file
 * names, the names the topology's binds give them.
 */
export const RENAMED_NODES: readonly LabChange[] = [
  { file: 'lab/kind/topology.clab.yaml', from: '    router0:\n', to: '    edge:\n' },
  { file: 'lab/kind/topology.clab.yaml', from: '    server0:\n', to: '    alpha:\n' },
  { file: 'lab/kind/topology.clab.yaml', from: '    server1:\n', to: '    beta:\n' },
  { file: 'lab/kind/topology.clab.yaml', from: '["router0:net1", "server0:net0"]', to: '["edge:net1", "alpha:net0"]' },
  { file: 'lab/kind/topology.clab.yaml', from: '["router0:net2", "server1:net0"]', to: '["edge:net2", "beta:net0"]' },
  { file: 'lab/claims.yaml', from: 'client: router0', to: 'client: edge' },
];

/** server1's link to router0 moved from 10.0.2.0/24 to 10.0.9.0/24, in the topology and the BIRD configs. */
export const MOVED_LINK: readonly LabChange[] = [
  { file: 'lab/kind/topology.clab.yaml', from: 'ip addr add 10.0.2.1/24 dev net2', to: 'ip addr add 10.0.9.1/24 dev net2' },
  { file: 'lab/kind/topology.clab.yaml', from: 'ip addr add 10.0.2.2/24 dev net0', to: 'ip addr add 10.0.9.2/24 dev net0' },
  { file: 'lab/kind/topology.clab.yaml', from: 'default via 10.0.2.1 dev net0', to: 'default via 10.0.9.1 dev net0' },
  { file: 'bird/router0.conf', from: 'neighbor 10.0.2.2 as 65001;', to: 'neighbor 10.0.9.2 as 65001;' },
  { file: 'bird/server1.conf', from: 'router id 10.0.2.2;', to: 'router id 10.0.9.2;' },
  { file: 'bird/server1.conf', from: 'define ROUTER0 = 10.0.2.1;', to: 'define ROUTER0 = 10.0.9.1;' },
];

/** The worker of lab/kind/cluster.yaml, which each added server's kind node repeats. */
const KIND_WORKER = '  - role: worker\n    image: kindest/node:v1.33.7@sha256:d26ef333bdb2cbe9862a0f7c3803ecc7b4303d8cea8e814b481b09949d353040\n    labels:\n      bgp: "65001"\n';

/**
 * The lab with `count` servers (at least 2): for each server past server1, a kind worker, a containerlab
 * node sharing it with a link to router0 on a subnet of its own (10.0.N.0/24, router0's interface netN),
 * its BIRD config, and router0's peer for it.
 */
export function withServers(count: number): LabChange[] {
  const extra = Array.from({ length: Math.max(0, count - 2) }, (_, i) => i + 2);
  if (extra.length === 0) return [];
  if (count > 200) throw new Error(`a lab of ${count} servers would run out of 10.0.N.0/24 subnets`);
  const subnet = (i: number): string => `10.0.${i + 1}`;
  const worker = (i: number): string => `bgpv2-bird-coil-worker${i}`;
  return [
    {
      file: 'lab/kind/topology.clab.yaml',
      from: '        - ip addr add 10.0.2.1/24 dev net2\n',
      to: `        - ip addr add 10.0.2.1/24 dev net2\n${extra.map((i) => `        - ip addr add ${subnet(i)}.1/24 dev net${i + 1}\n`).join('')}`,
    },
    {
      file: 'lab/kind/topology.clab.yaml',
      from: '  links:\n',
      to: `${extra
        .map((i) =>
          [
            `    server${i}:`,
            '      kind: linux',
            `      network-mode: container:${worker(i)}`,
            `      cmd: bird -f -c /etc/bird/lab/server${i}.conf`,
            '      exec:',
            `        - ip addr add ${subnet(i)}.2/24 dev net0`,
            `        - ip route replace default via ${subnet(i)}.1 dev net0`,
            '',
          ].join('\n'),
        )
        .join('')}  links:\n`,
    },
    {
      file: 'lab/kind/topology.clab.yaml',
      from: '    - endpoints: ["router0:net2", "server1:net0"]\n',
      to: `    - endpoints: ["router0:net2", "server1:net0"]\n${extra.map((i) => `    - endpoints: ["router0:net${i + 1}", "server${i}:net0"]\n`).join('')}`,
    },
    {
      file: 'lab/kind/cluster.yaml',
      from: KIND_WORKER,
      to: `${KIND_WORKER}${extra.map(() => KIND_WORKER).join('')}`,
    },
    ...extra.map((i) => ({
      file: `bird/server${i}.conf`,
      write: `# server${i}: AS 65001, as server1, on its own link to router0.\n\nrouter id ${subnet(i)}.2;\ndefine ROUTER0 = ${subnet(i)}.1;\nlog stderr all;\n\ninclude "server-common.conf";\n`,
    })),
    {
      file: 'bird/router0.conf',
      from: 'protocol bgp server1 from rr_client {\n  neighbor 10.0.2.2 as 65001;\n}\n',
      to: `protocol bgp server1 from rr_client {\n  neighbor 10.0.2.2 as 65001;\n}\n${extra.map((i) => `\nprotocol bgp server${i} from rr_client {\n  neighbor ${subnet(i)}.2 as 65001;\n}\n`).join('')}`,
    },
  ];
}
