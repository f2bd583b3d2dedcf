// The usage of `lab kind`, apart from the command itself: `lab` prints it in its own usage without
// loading the kind fabric (the Kubernetes client alone takes longer to load than `lab pcap` takes to run).

/** What `lab kind` accepts, as printed on wrong usage. */
export const KIND_USAGE = `usage: lab kind doctor|plan|build-bird|deploy|destroy
  doctor      check that this machine can run the real lab, and say how to fix what it lacks
  plan        print the bring-up and teardown of the real lab, run nothing (as LAB_FABRIC=kind LAB_DRY_RUN=1)
  build-bird  build the BIRD image
  deploy      bring the real lab up and leave it up (then: make test)
  destroy     take the real lab down
`;
