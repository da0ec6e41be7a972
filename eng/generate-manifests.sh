#!/usr/bin/env bash
# Writes every file that lists the kinds, from the kind modules in src/ContactOperator/Kinds/KindCatalog.cs
# (`contact-operator generate manifests`): the CRDs in config/crd/bases and charts/contact-operator/crds,
# config/crd/kustomization.yaml, the kinds' RBAC rules (charts/contact-operator/files/rbac/kind-rules.yaml) and
# admission webhooks (charts/contact-operator/files/webhook/kind-webhooks.yaml, config/webhook/manifests.yaml). Then
# re-renders what derives from those: config/default/contact-operator.yaml (eng/render-config.sh) and
# argocd/argocd-cm.yaml (eng/render-argocd-cm.sh). Tests fail when any of them is stale.
#   bash eng/generate-manifests.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet run --project "$root/src/ContactOperator" -c Release -- generate manifests --root "$root"
bash "$root/eng/render-config.sh"
bash "$root/eng/render-argocd-cm.sh"
