using ContactOperator.Emulators.Aws.Arc;
using ContactOperator.Emulators.Aws.Connect;

namespace ContactOperator.Emulators.Aws;

/// <summary>All emulated AWS state. Every handler runs under <see cref="Gate"/>.</summary>
internal sealed class EmulatorState(AwsEmulatorOptions options)
{
    public Lock Gate { get; } = new();

    public AwsEmulatorOptions Options { get; } = options;

    public ConnectStore Connect { get; } = new();

    public ArcStore Arc { get; } = new();

    /// <summary>Scripted load per (Region, instance id, queue id).</summary>
    public Dictionary<(string Region, string InstanceId, string QueueId), Func<DateTimeOffset, QueueLoad>> QueueLoads { get; } = [];

    /// <summary>See <see cref="AwsEmulatorControl.EventualConsistencyWindow"/>.</summary>
    public TimeSpan EventualConsistencyWindow { get; set; }

    /// <summary>How many upcoming instance creations end in CREATION_FAILED.</summary>
    public int InstanceCreationFailures { get; set; }

    public string InstanceCreationFailureReason { get; set; } = string.Empty;

    /// <summary>Base URL of the emulator, used to build ARC cluster endpoint URLs.</summary>
    public Uri Endpoint { get; set; } = new("http://127.0.0.1/");
}
