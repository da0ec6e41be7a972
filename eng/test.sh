#!/usr/bin/env bash
# The project's test command: installs the real clients the emulators are checked against, builds
# with warnings as errors, runs every test project, and ends with one "N passed, N failed" line.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash eng/install-tools.sh || exit 1
export CONTACT_OPERATOR_TOOLS="$root/.tools/bin"
dotnet build ContactOperator.sln -c Release -warnaserror -nologo -v quiet || exit 1
log=$(mktemp)
dotnet test ContactOperator.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$rc" -eq 0 ] && [ "${passed:-0}" -eq 0 ]; then echo "no test ran"; exit 1; fi
exit "$rc"
