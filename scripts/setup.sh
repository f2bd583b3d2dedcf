#!/usr/bin/env bash
# `sudo npm run setup`: takes a fresh Debian 12 (or Ubuntu) machine to one that runs `sudo npm test`.
# Installs the npm dependencies, then the Debian packages the netns fabric needs (the list lives in
# lab/netns/preflight.ts, which also checks for them before every run), then fetches the pinned GoBGP for the
# Cilium speaker into .build/gobgp (scripts/fetch-gobgp.ts: a private apt, nothing installed system-wide),
# then builds the eBPF datapath.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "setup installs Debian packages: run it as root (sudo npm run setup)" >&2
  exit 1
fi

npm ci --no-audit --no-fund
npm run build   # lab/ compiled into .build/js, so that `npx lab` starts without compiling
mapfile -t packages < <(npx tsx scripts/debian-packages.ts)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "setup: installed ${packages[*]}"
# Debian's Chromium, for the test that opens the run's page in a real browser (test/report-browser.test.ts)
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "setup: installed chromium"
npx tsx scripts/fetch-gobgp.ts
bash scripts/build-bpf.sh
