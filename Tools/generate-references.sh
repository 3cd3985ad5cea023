#!/usr/bin/env bash
# Writes each executable's command reference into the DocC catalog
# (Sources/Descent/Descent.docc/References/<tool>.md) with swift-argument-parser's own
# generate-docc-reference, from the executables' option declarations: no flag table is typed by
# hand. CI runs it and fails when the committed references differ (`git diff --exit-code`).
# With --man DIR it also writes each tool's man page (generate-manual) into DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=(trajectories explorer mnist-compare descent-bench)
swift build --product generate-docc-reference >/dev/null
swift build --product generate-manual >/dev/null
for tool in "${tools[@]}"; do swift build --product "$tool" >/dev/null; done
bin=$(swift build --show-bin-path)
out=Sources/Descent/Descent.docc/References
for tool in "${tools[@]}"; do
    "$bin/generate-docc-reference" "$bin/$tool" --output-directory "$out" --style docc >/dev/null
    # argument-parser's reference leaves the defaults out: they follow, from the same declarations.
    python3 Tools/option-defaults.py "$bin/$tool" >> "$out/$tool.md"
done
if [ "${1:-}" = "--man" ]; then
    mkdir -p "$2"
    for tool in "${tools[@]}"; do "$bin/generate-manual" "$bin/$tool" --output-directory "$2" >/dev/null; done
fi
