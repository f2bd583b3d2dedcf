#!/usr/bin/env bash
# `npm run build:bpf`: compiles the netns fabric's datapath (bpf/*.c) with Debian's clang into .build/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build
for source in bpf/*.c; do
  # Debian keeps asm/types.h under the multiarch include directory.
  clang -O2 -g -Wall -Werror -target bpf -I/usr/include/"$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)" \
    -c "$source" -o ".build/$(basename "${source%.c}").o"
done
echo "build:bpf: built $(ls .build/*.o | tr '\n' ' ')"
