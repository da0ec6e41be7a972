using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Faults;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_with_one_name_yield_exactly_one_queue()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var (id, _) = await f.ActiveInstanceAsync();
        var hours = await f.HoursAsync(id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            f.Wire.Connect(HttpMethod.Put, $"queues/{id}", new JsonObject { ["Name"] = "Race", ["HoursOfOperationId"] = hours })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.ErrorCode == "DuplicateResourceException"));
        var queues = (await f.Wire.Connect(HttpMethod.Get, $"queues-summary/{id}")).EnsureOk().Body["QueueSummaryList"]!.AsArray();
        Assert.Single(queues, q => q!["Name"]!.GetValue<string>() == "Race");
    }

    [Fact]
    public async Task Disposing_the_emulator_ends_blackholed_calls()
    {
        await using var f = await EmulatorFixture.StartAsync();
        var arc = await ArcSetup.CreateAsync(f, "a");
        f.Control.TakeArcEndpointDown(arc.ClusterArn, 0, ArcEndpointOutageMode.Blackhole);
        var pending = f.Wire.ArcCluster(arc.Endpoints[0], "GetRoutingControlState", new JsonObject { ["RoutingControlArn"] = arc.Controls[0] });

        // The client has no timeout of its own here: only the emulator shutting down can end the call.
        await f.Emulator.DisposeAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
    }
}
