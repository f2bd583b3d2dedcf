#!/usr/bin/env bash
# usage: attach-datapath.sh OBJECT DEVICE [MAP KEY_HEX VALUE_HEX]...
#
# Attaches bpf/lb_dsr.c's programs to DEVICE's clsact ingress and egress and fills its maps. Run in the
# node's network namespace *and* a private mount namespace (unshare --mount): the two programs share
# their maps through pins, and the bpffs they are pinned in is this script's own, gone when it exits
# (the programs keep the maps alive). The host's /sys/fs/bpf is never touched.
set -euo pipefail
object=$1 device=$2
shift 2

mount -t bpf bpf /sys/fs/bpf
tc qdisc add dev "$device" clsact
tc filter add dev "$device" ingress bpf direct-action obj "$object" sec tc/ingress
tc filter add dev "$device" egress bpf direct-action obj "$object" sec tc/egress
while [ $# -gt 0 ]; do
  # KEY_HEX and VALUE_HEX are space-separated bytes; bpftool takes each byte as its own argument.
  # shellcheck disable=SC2086
  bpftool map update pinned "/sys/fs/bpf/tc/globals/$1" key hex $2 value hex $3
  shift 3
done
