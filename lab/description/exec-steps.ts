// A containerlab node's `exec` commands, read as what they do to the node: the addresses, routes and
// sysctls that make it the lab's router or server. Containerlab runs them in the node once it is up and
// its links are attached; the kind fabric leaves them to containerlab, the netns fabric runs the same
// argv in the node's namespace. A command this reader does not know is kept as `other`: the netns fabric
// refuses it before anything is made, naming node and command. One it knows cannot matter without an
// internet uplink (NAT towards the container's eth0) is `skipped`, with why.

/** What one exec command does. Example: {"kind":"address","argv":["ip","addr","add","10.0.1.2/24","dev","net0"],"cidr":"10.0.1.2/24","dev":"net0"} */
export type ExecStep =
  | { readonly kind: 'address'; readonly argv: readonly string[]; readonly cidr: string; readonly dev: string }
  | { readonly kind: 'default-route'; readonly argv: readonly string[]; readonly via: string; readonly dev?: string }
  | { readonly kind: 'route'; readonly argv: readonly string[] }
  | { readonly kind: 'link'; readonly argv: readonly string[] }
  | { readonly kind: 'sysctl'; readonly argv: readonly string[]; readonly key: string; readonly value: string }
  | { readonly kind: 'skipped'; readonly argv: readonly string[]; readonly why: string }
  | { readonly kind: 'other'; readonly argv: readonly string[]; readonly why: string };

/**
 * Sysctls that belong to the network namespace the command runs in (Documentation/networking/
 * ip-sysctl.rst: per-interface `conf.*`, and ip_forward and the multipath hash, which are per netns
 * since Linux 4.x). Any other key may be the host's own, which the harness never changes.
 */
const NAMESPACED_SYSCTL = /^net\.ipv[46]\.(ip_forward|fib_multipath_hash_policy|conf\.[\w.-]+)$/;

const IPV4_CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `-o eth0` NAT: containerlab's management interface, the container's way to the internet. */
const isUplinkNat = (argv: readonly string[]): boolean =>
  argv[0] === 'iptables' && argv.includes('MASQUERADE') && argv[argv.indexOf('-o') + 1] === 'eth0';

/** The value after `flag` in argv, if any: `dev` in `ip addr add X dev net0`. */
const after = (argv: readonly string[], flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** Reads one exec command (containerlab splits it into words as a shell would, shlex, and runs no shell). */
export function readExecStep(command: string): ExecStep {
  const argv = command.trim().split(/\s+/);
  if (/["'\\]/.test(command)) return { kind: 'other', argv, why: 'a command with quotes or escapes is not one of the lab\'s plain ip and sysctl commands' };
  const [tool, object, verb] = argv;
  if (tool === 'ip' && /^(a|addr|address)$/.test(object ?? '') && verb === 'add') {
    const cidr = argv[3] ?? '';
    const dev = after(argv, 'dev');
    if (!IPV4_CIDR.test(cidr) || !dev) return { kind: 'other', argv, why: 'an address other than IPv4 ADDRESS/LENGTH on a named dev' };
    return { kind: 'address', argv, cidr, dev };
  }
  if (tool === 'ip' && /^(r|route)$/.test(object ?? '') && /^(add|replace)$/.test(verb ?? '')) {
    if (argv[3] !== 'default') return { kind: 'route', argv };
    const via = after(argv, 'via');
    const dev = after(argv, 'dev');
    if (!via || !IPV4.test(via)) return { kind: 'other', argv, why: 'a default route without an IPv4 gateway' };
    return { kind: 'default-route', argv, via, ...(dev ? { dev } : {}) };
  }
  if (tool === 'ip' && /^(l|link)$/.test(object ?? '') && verb === 'set') return { kind: 'link', argv };
  if (tool === 'sysctl' && object === '-w' && argv.length === 3 && verb!.includes('=')) {
    const [key, value] = verb!.split('=') as [string, string];
    if (!NAMESPACED_SYSCTL.test(key)) return { kind: 'other', argv, why: `${key} is not a sysctl of the node's own network namespace` };
    return { kind: 'sysctl', argv, key, value };
  }
  if (isUplinkNat(argv)) {
    return { kind: 'skipped', argv, why: "NAT out of eth0, the container's way to the internet: the netns fabric has no internet uplink, and nothing in the lab's traffic leaves through it" };
  }
  return { kind: 'other', argv, why: 'the netns fabric runs ip addr/route/link and sysctl -w net.ipv4/ipv6 commands' };
}
