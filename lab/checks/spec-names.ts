// The seven specs by name, in the order they run their checks: in a module of its own, without the
// checks, so that the vitest config and the spec files' plumbing (specs/spec-files.ts) can name them
// without loading every check.

export const SPECS = ['bgp', 'pod-to-pod', 'lb', 'ecmp', 'dsr', 'graceful-restart', 'failover'] as const;
/** Example: "graceful-restart" */
export type SpecName = (typeof SPECS)[number];
