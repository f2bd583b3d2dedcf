/** `docker inspect -f '{{.State.Pid}}' NAME` prints the container's host pid, 0 when it is not running. */
export function parseContainerPid(container: string, stdout: string): number {
  const pid = Number(stdout.trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`container ${container} is not running (docker inspect gave pid ${JSON.stringify(stdout.trim())})`);
  return pid;
}
