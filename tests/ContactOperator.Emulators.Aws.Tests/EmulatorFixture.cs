using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>One emulator on a fake clock per test, with helpers that build common Connect and ARC setups.</summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(AwsEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Time = time;
        Wire = new AwsWire(emulator.Endpoint);
    }

    public AwsEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public AwsWire Wire { get; }

    public AwsEmulatorControl Control => Emulator.Control;

    public static async Task<EmulatorFixture> StartAsync(bool enforceQuotas = false)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var emulator = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            TimeProvider = time,
            EnforceQuotas = enforceQuotas,
            InstanceCreationDelay = TimeSpan.FromSeconds(60),
            TrafficDistributionGroupCreationDelay = TimeSpan.FromSeconds(30),
        });
        return new EmulatorFixture(emulator, time);
    }

    /// <summary>Creates a SAML instance and advances the clock until it is ACTIVE.</summary>
    public async Task<(string Id, string Arn)> ActiveInstanceAsync(string region = "us-east-1", string? alias = null)
    {
        var created = (await Wire.Connect(HttpMethod.Put, "instance", new JsonObject
        {
            ["IdentityManagementType"] = "SAML",
            ["InstanceAlias"] = alias ?? $"i{Guid.NewGuid():N}"[..20],
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = true,
        }, region)).EnsureOk().Body;
        Time.Advance(TimeSpan.FromSeconds(60));
        return (created["Id"]!.GetValue<string>(), created["Arn"]!.GetValue<string>());
    }

    public async Task<string> HoursAsync(string instanceId, string region = "us-east-1")
    {
        var answer = await Wire.Connect(HttpMethod.Put, $"hours-of-operations/{instanceId}", new JsonObject
        {
            ["Name"] = $"h-{Guid.NewGuid():N}",
            ["TimeZone"] = "UTC",
            ["Config"] = new JsonArray(),
        }, region);
        return answer.EnsureOk().Body["HoursOfOperationId"]!.GetValue<string>();
    }

    public async Task<string> QueueAsync(string instanceId, string hoursId, string name, string region = "us-east-1")
    {
        var answer = await Wire.Connect(HttpMethod.Put, $"queues/{instanceId}", new JsonObject { ["Name"] = name, ["HoursOfOperationId"] = hoursId }, region);
        return answer.EnsureOk().Body["QueueId"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Wire.Dispose();
        await Emulator.DisposeAsync();
    }
}
