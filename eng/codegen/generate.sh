#!/usr/bin/env bash
# Regenerates the AWS clients of src/ContactOperator.Aws (*.g.cs) from the pinned AWS service models.
# Installs tools/node_modules (aws-sdk's apis/ and the AWS JS SDK v3 declarations) and python3 first if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/eng/install-tools.sh" >/dev/null
exec python3 "$root/eng/codegen/generate.py" "$@"
