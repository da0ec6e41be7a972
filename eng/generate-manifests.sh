#!/usr/bin/env bash
# Writes every file derived from the kind catalog (src/ContactOperator/Kinds/KindCatalog.cs) and the AWS operations the
# kinds declare (src/ContactOperator/Kinds/AwsOperationCatalog.cs), with `contact-operator generate manifests`: the CRDs
# in config/crd/bases and charts/contact-operator/crds, config/crd/kustomization.yaml, the kinds' RBAC rules
# (charts/contact-operator/files/rbac/kind-rules.yaml) and admission webhooks
# (charts/contact-operator/files/webhook/kind-webhooks.yaml, config/webhook/manifests.yaml), the operations the AWS
# clients are generated from (eng/codegen/operations.json) and the chart's IAM policy. Then regenerates the AWS clients
# from that list (bash eng/codegen/generate.sh) and, when they changed, runs the command again: the IAM policy is scoped
# by the clients' request URIs. Last, re-renders what derives from those: config/default/contact-operator.yaml
# (eng/render-config.sh) and argocd/argocd-cm.yaml (eng/render-argocd-cm.sh). Tests fail when any of them is stale.
#   bash eng/generate-manifests.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
generate() { dotnet run --project "$root/src/ContactOperator" -c Release -- generate manifests --root "$root"; }
clients() { find "$root/src/ContactOperator.Aws" -name '*.g.cs' -not -path '*/obj/*' -not -path '*/bin/*' | sort | xargs cat | cksum; }

status=0
generate || status=$?   # 3: the clients lack a declared operation; eng/codegen/operations.json is written all the same
before=$(clients)
bash "$root/eng/codegen/generate.sh"
if [ "$(clients)" != "$before" ] || [ "$status" -ne 0 ]; then
  generate
fi
bash "$root/eng/render-config.sh"
bash "$root/eng/render-argocd-cm.sh"
