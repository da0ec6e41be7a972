using ContactOperator.Runtime.Hosting;
using k8s;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Hosting;

/// <summary>What an in-process <see cref="OperatorHost"/> runs against.</summary>
public sealed record OperatorHostOptions
{
    /// <summary>The client for the cluster (a real one, or one pointed at the emulator).</summary>
    public required IKubernetes Kubernetes { get; init; }

    /// <summary>Namespace, ports (0 = any free port, null = none), leader election, resync, concurrency, TimeProvider.</summary>
    public ManagerOptions Manager { get; init; } = new();

    /// <summary>The controllers to run; null means <see cref="ControllerRegistrations.All"/>.</summary>
    public IReadOnlyList<IControllerRegistration>? Registrations { get; init; }

    /// <summary>The admission webhooks to serve; null serves none.</summary>
    public WebhookHostOptions? Webhooks { get; init; }

    /// <summary>Where logs go; null means none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}

/// <summary>The admission webhook listener of an <see cref="OperatorHost"/>.</summary>
public sealed record WebhookHostOptions
{
    /// <summary>Port, bind address and body limit.</summary>
    public Admission.Webhooks.WebhookServerOptions Server { get; init; } = new();

    /// <summary>Folder holding tls.crt and tls.key (a mounted Secret), re-read when the Secret is rotated.</summary>
    public required string CertificateDirectory { get; init; }
}
