using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Aws;

/// <summary>Start-up options of <see cref="AwsEmulator"/>.</summary>
public sealed class AwsEmulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>Clock for every delay, state transition and rate limit (tests pass a FakeTimeProvider).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public string AccountId { get; init; } = "123456789012";

    /// <summary>How long a new instance stays CREATION_IN_PROGRESS before it is ACTIVE.</summary>
    public TimeSpan InstanceCreationDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a new traffic distribution group stays CREATION_IN_PROGRESS before it is ACTIVE.</summary>
    public TimeSpan TrafficDistributionGroupCreationDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Per-operation rate limits at the documented quotas (429s); can be switched at run time.</summary>
    public bool EnforceQuotas { get; init; } = true;

    /// <summary>Connect instances per account and Region (Service Quotas L-AA17A6B9 default: 2).</summary>
    public int InstancesPerRegionQuota { get; init; } = 2;

    /// <summary>How many recent calls the request log keeps (counters are kept for all calls).</summary>
    public int RequestLogCapacity { get; init; } = 10_000;

    /// <summary>Where to log each answered call (Debug; errors at Information). Null: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Seed of the random source behind probabilistic faults, so runs are repeatable.</summary>
    public int RandomSeed { get; init; } = 20261124;
}
