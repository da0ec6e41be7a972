namespace ContactOperator.Local;

/// <summary>Settings of local mode (all have defaults a newcomer never needs to change).</summary>
public sealed record LocalOptions
{
    /// <summary>Where the kubeconfig for kubectl is written.</summary>
    public string KubeconfigPath { get; init; } = Path.Combine(".local", "kubeconfig");

    /// <summary>Port of the embedded Kubernetes API server; 0 picks a free one.</summary>
    public int KubePort { get; init; }

    /// <summary>Port of the AWS emulator; 0 picks a free one.</summary>
    public int AwsPort { get; init; }

    /// <summary>Port of the operator's /metrics; 0 picks a free one.</summary>
    public int MetricsPort { get; init; } = 8080;

    /// <summary>Port of /healthz and /readyz; 0 picks a free one.</summary>
    public int HealthPort { get; init; } = 8081;

    /// <summary>Folder of sample manifests to apply once the operator runs; null applies none.</summary>
    public string? SamplesDirectory { get; init; } = "samples";

    /// <summary>Folder of the CRDs to install.</summary>
    public string CrdDirectory { get; init; } = Path.Combine("config", "crd", "bases");

    /// <summary>
    /// Folder of the prometheus-operator CRDs (PrometheusRule, AlertmanagerConfig) the AlertPolicy controller writes;
    /// null means config/prometheus-operator/crds of the repository <see cref="CrdDirectory"/> belongs to.
    /// </summary>
    public string? PrometheusOperatorCrdDirectory { get; init; }

    /// <summary>False installs no prometheus-operator CRDs (the AlertPolicy controller then reports PrometheusOperatorNotInstalled).</summary>
    public bool InstallPrometheusOperatorCrds { get; init; } = true;

    /// <summary>Where the prometheus-operator CRDs are read from.</summary>
    public string MonitoringCrdDirectory => PrometheusOperatorCrdDirectory ?? Path.Combine(CrdDirectory, "..", "..", "prometheus-operator", "crds");

    /// <summary>How often the contact-center exporter polls the emulator's queue metrics.</summary>
    public TimeSpan ExporterInterval { get; init; } = TimeSpan.FromSeconds(10);

    public bool StartOperator { get; init; } = true;

    /// <summary>Serve the admission webhooks (self-signed certificate) and register them with the embedded API server.</summary>
    public bool Webhooks { get; init; } = true;

    /// <summary>Port of the webhooks' HTTPS listener; 0 (default) picks a free one: only the embedded API server calls it.</summary>
    public int WebhookPort { get; init; }

    /// <summary>The webhook configurations registered, with clientConfig pointed at the local listener.</summary>
    public string WebhookManifest { get; init; } = Path.Combine("config", "webhook", "manifests.yaml");

    /// <summary>How often the operator re-reads AWS to correct drift.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the emulated CreateInstance takes to become ACTIVE.</summary>
    public TimeSpan InstanceCreationDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Region of the AWS clients' signing default (each resource names its own region).</summary>
    public string Region { get; init; } = "us-east-1";
}
