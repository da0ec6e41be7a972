using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>The compiled-in kinds the emulator stores generically (no controllers behind them).</summary>
internal static class BuiltInResources
{
    public static IEnumerable<ResourceType> All()
    {
        yield return Core("namespaces", "Namespace", false, ["ns"]) with
        {
            HasStatusSubresource = true,
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
            PrinterColumns = Columns(("Status", "string", ".status.phase"), ("Age", "date", ".metadata.creationTimestamp")),
        };
        yield return Core("secrets", "Secret", true) with { PrinterColumns = Columns(("Type", "string", ".type"), ("Age", "date", ".metadata.creationTimestamp")) };
        yield return Core("configmaps", "ConfigMap", true, ["cm"]);
        yield return Core("services", "Service", true, ["svc"], ["all"]) with { HasStatusSubresource = true };
        yield return Core("serviceaccounts", "ServiceAccount", true, ["sa"]);
        yield return Core("events", "Event", true, ["ev"]); // printed by Http.EventTable
        yield return Core("pods", "Pod", true, ["po"], ["all"]) with { HasStatusSubresource = true };
        yield return Core("endpoints", "Endpoints", true, ["ep"]);
        yield return Core("persistentvolumeclaims", "PersistentVolumeClaim", true, ["pvc"]) with { HasStatusSubresource = true };
        yield return Core("nodes", "Node", false, ["no"]) with { HasStatusSubresource = true };
        yield return Core("resourcequotas", "ResourceQuota", true, ["quota"]) with { HasStatusSubresource = true };
        yield return Core("limitranges", "LimitRange", true, ["limits"]);

        yield return Apps("deployments", "Deployment", ["deploy"]);
        yield return Apps("statefulsets", "StatefulSet", ["sts"]);
        yield return Apps("daemonsets", "DaemonSet", ["ds"]);
        yield return Apps("replicasets", "ReplicaSet", ["rs"]);

        yield return Make("batch", "v1", "jobs", "Job", true, [], ["all"]) with { HasStatusSubresource = true, TracksGeneration = true };
        yield return Make("batch", "v1", "cronjobs", "CronJob", true, ["cj"], ["all"]) with { HasStatusSubresource = true, TracksGeneration = true };

        yield return Make("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
        yield return Make("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
        yield return Make("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false);
        yield return Make("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false);

        yield return Make("coordination.k8s.io", "v1", "leases", "Lease", true) with
        {
            RequiresResourceVersionOnUpdate = true,
            PrinterColumns = Columns(("Holder", "string", ".spec.holderIdentity"), ("Age", "date", ".metadata.creationTimestamp")),
        };
        yield return Make("events.k8s.io", "v1", "events", "Event", true, ["ev"]) with { StorageKeyOverride = "/events" };

        yield return Make("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false) with { TracksGeneration = true };
        yield return Make("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false) with { TracksGeneration = true };

        yield return Make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"])
            with { HasStatusSubresource = true, TracksGeneration = true };

        yield return Make("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["ing"]) with { HasStatusSubresource = true, TracksGeneration = true };
        yield return Make("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, ["netpol"]) with { TracksGeneration = true };
        yield return Make("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, ["pdb"]) with { HasStatusSubresource = true, TracksGeneration = true };
        yield return Make("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"], ["all"]) with { HasStatusSubresource = true };
        yield return Make("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, ["pc"]);
        yield return Make("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, ["sc"]);
    }

    private static JsonArray Columns(params (string Name, string Type, string JsonPath)[] columns) =>
        new(columns.Select(c => (JsonNode?)new JsonObject { ["name"] = c.Name, ["type"] = c.Type, ["jsonPath"] = c.JsonPath }).ToArray());

    private static ResourceType Core(string plural, string kind, bool namespaced, string[]? shortNames = null, string[]? categories = null) =>
        Make("", "v1", plural, kind, namespaced, shortNames, categories);

    private static ResourceType Apps(string plural, string kind, string[] shortNames) =>
        Make("apps", "v1", plural, kind, true, shortNames, ["all"]) with { HasStatusSubresource = true, TracksGeneration = true };

    private static ResourceType Make(string group, string version, string plural, string kind, bool namespaced,
        string[]? shortNames = null, string[]? categories = null) => new()
    {
        Group = group,
        Version = version,
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Kind = kind,
        Namespaced = namespaced,
        ShortNames = shortNames ?? [],
        Categories = categories ?? [],
    };
}
