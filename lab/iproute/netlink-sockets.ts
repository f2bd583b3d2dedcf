// Parser for /proc/net/netlink: the netlink sockets of a network namespace. A route watch counts as
// started once its `ip monitor` holds a NETLINK_ROUTE socket subscribed to some multicast group (the
// socket's port id is the process's pid, as the kernel gives the first socket of a process).

const HEADER = /^sk\s+Eth\s+Pid\s+Groups\s+/;

/** Whether process `pid` has a NETLINK_ROUTE (protocol 0) socket with a group subscribed, in `text`. */
export function subscribedToRoutes(text: string, pid: number): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (!lines[0] || !HEADER.test(lines[0])) throw new Error(`not /proc/net/netlink: ${JSON.stringify(lines[0] ?? '')}`);
  return lines.slice(1).some((line) => {
    const [, protocol, port, groups] = line.trim().split(/\s+/);
    if (protocol === undefined || port === undefined || groups === undefined || !/^[0-9a-f]+$/.test(groups)) {
      throw new Error(`/proc/net/netlink: a line it does not know: ${JSON.stringify(line)}`);
    }
    return protocol === '0' && Number(port) === pid && Number.parseInt(groups, 16) !== 0;
  });
}
