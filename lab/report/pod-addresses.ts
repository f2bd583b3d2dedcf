// The pods' addresses for the run's page, asked of the fabric once it is up (the fabric contract's podIp:
// the netns fabric's allocation, or the Kubernetes API on kind), so that the drawing of the lab shows
// where each pod is. A pod the fabric gives no address (not scheduled, not running) is left out: the page
// draws it without one, and the checks say why.
import { connectFabric, type FabricDescription } from '../fabric/connect.js';
import { podKey } from '../description/index.js';

/** Each pod of the lab with the address the fabric gives it, by pod key. Example: {"default/ubuntu":"10.1.0.34"} */
export async function podAddresses(description: FabricDescription): Promise<Record<string, string>> {
  const fabric = await connectFabric(description);
  const found = await Promise.all(
    description.lab.pods.map(async (pod) => {
      try {
        return [[podKey(pod), await fabric.podIp(pod)] as const];
      } catch {
        return [];
      }
    }),
  );
  return Object.fromEntries(found.flat());
}
