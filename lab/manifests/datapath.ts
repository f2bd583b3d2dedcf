// What Cilium's Helm values and Coil's CNI chain decide for the datapath, read as the agent reads them
// (daemon/cmd/kube_proxy_replacement.go initKubeProxyReplacementOptions; pkg/loadbalancer/config.go):
// loadBalancer.mode snat (the default) or dsr; DSR dispatch geneve, which needs tunnelProtocol geneve;
// kubeProxyReplacement true, without which nothing serves the LoadBalancer IP. Values that only shape the
// agent's deployment (API server address, operator replicas, its own IPAM range) are read and left to
// the kind fabric; any other value stops the run, since it could change the datapath.
import { invalid, notImplemented, type Fields } from './fields.js';

/** The load balancer's mode. Example: {"mode":"dsr","dispatch":"geneve"} */
export type DatapathIntent = { readonly mode: 'dsr'; readonly dispatch: 'geneve' } | { readonly mode: 'snat' };

/** Top-level values the netns fabric reads, or leaves to the kind fabric because they do not change the datapath it emulates. */
const DEPLOYMENT_ONLY = ['k8sServiceHost', 'k8sServicePort', 'operator', 'ipam', 'cni', 'devices', 'nodePort', 'autoDirectNodeRoutes', 'ipv4NativeRoutingCIDR', 'enableIdentityMark'];

function expectValue(values: Fields, path: string, actual: unknown, expected: unknown, why: string): void {
  if (actual !== expected) throw notImplemented(values.ref, path, actual, why);
}

export function readDatapath(values: Fields): DatapathIntent {
  values.ignore(...DEPLOYMENT_ONLY);
  expectValue(values, 'kubeProxyReplacement', values.raw('kubeProxyReplacement'), true, 'is not true: the netns fabric implements the LoadBalancer datapath of kube-proxy replacement');
  expectValue(values, 'routingMode', values.optionalString('routingMode') ?? 'tunnel', 'native', 'is not native, the routing the lab and the netns fabric use');
  expectValue(values, 'enableIPv4Masquerade', values.optionalBoolean('enableIPv4Masquerade'), false, 'is not false: the netns fabric does not masquerade pod traffic');
  const ipv6 = values.optionalObject('ipv6');
  // absent: the chart's default, false (install/kubernetes/cilium/values.yaml ipv6.enabled)
  expectValue(values, 'ipv6.enabled', ipv6?.optionalBoolean('enabled') ?? false, false, 'is not false: the netns fabric runs IPv4 only');
  ipv6?.done();
  const bgp = values.optionalObject('bgpControlPlane');
  expectValue(values, 'bgpControlPlane.enabled', bgp?.optionalBoolean('enabled'), true, 'is not true: without it no speaker advertises the Service');
  bgp?.done();
  const tunnelProtocol = values.optionalString('tunnelProtocol') ?? 'vxlan';
  const lb = values.optionalObject('loadBalancer');
  const mode = lb?.optionalString('mode') ?? 'snat';
  const dispatch = lb?.optionalString('dsrDispatch') ?? 'opt';
  // maglev or random pick among backends; with the lab's one backend both pick it.
  lb?.ignore('algorithm');
  const acceleration = lb?.optionalString('acceleration') ?? 'disabled';
  if (acceleration !== 'disabled') throw notImplemented(values.ref, 'loadBalancer.acceleration', acceleration, 'asks for XDP, which the netns fabric does not implement');
  lb?.done();
  values.done();
  if (mode === 'snat') return { mode: 'snat' };
  if (mode !== 'dsr') throw notImplemented(values.ref, 'loadBalancer.mode', mode, 'is not dsr or snat, the modes the netns fabric implements');
  if (dispatch !== 'geneve') throw notImplemented(values.ref, 'loadBalancer.dsrDispatch', dispatch, 'is not geneve, the DSR dispatch the netns fabric implements');
  if (tunnelProtocol !== 'geneve') throw invalid(values.ref, 'tunnelProtocol', tunnelProtocol, 'geneve: Cilium refuses dsrDispatch geneve with another tunnel protocol');
  return { mode: 'dsr', dispatch: 'geneve' };
}

/** The plugin types the lab's CNI chain must have, in order: Coil's IPAM and routes, portmap, Cilium's datapath. */
export const CNI_CHAIN = ['coil', 'portmap', 'cilium-cni'] as const;

/** Checks Coil's CNI chain: the netns fabric wires pods as exactly this chain would. */
export function readCniChain(chain: Fields): void {
  chain.ignore('cniVersion', 'name');
  const plugins = chain.objects('plugins');
  chain.done();
  const types = plugins.map((p) => {
    p.ignore('socket', 'capabilities', 'chaining-mode');
    const type = p.string('type');
    p.done();
    return type;
  });
  if (types.join(',') !== CNI_CHAIN.join(',')) throw notImplemented(chain.ref, 'plugins', types, `is not the chain ${CNI_CHAIN.join(' -> ')}, the one the netns fabric wires pods as`);
}
