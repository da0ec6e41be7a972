using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Aws.Http;

namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>The emulator finds its operations by their attributes: no list to forget a new handler in.</summary>
public sealed class OperationHandlersTests
{
    [Fact]
    public void Handlers_are_found_by_their_attributes_with_their_own_rate_limits()
    {
        var handlers = OperationHandlers.Discover([typeof(Billing)]);

        var create = handlers["connect"]["CreateInvoice"];
        Assert.Equal(new RateLimit(0.5, 1), create.RateLimit);
        Assert.Null(handlers["connect"]["ListInvoices"].RateLimit);
        Assert.Equal("created", (string?)create.Handle(null!, [])["Status"]);
    }

    [Fact]
    public void An_operation_with_two_handlers_is_refused_naming_the_second()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OperationHandlers.Discover([typeof(Billing), typeof(MoreBilling)]));

        Assert.Contains("connect:CreateInvoice has two handlers; the second is MoreBilling.Create", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handler_outside_an_emulated_service_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OperationHandlers.Discover([typeof(Stray)]));

        Assert.Contains("Stray has [Operation] handlers but no [EmulatedService]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_discovered_handler_is_served_with_its_model_binding()
    {
        await using var emulator = await AwsEmulator.StartAsync();

        var emulated = emulator.Control.EmulatedOperations.Select(o => (o.Service, o.Operation)).Order().ToList();

        Assert.Equal(OperationHandlers.All.SelectMany(s => s.Value.Keys.Select(op => (s.Key, op))).Order(), emulated);
        Assert.Equal(new RateLimit(10, 10), emulator.Control.RateLimitOf("connect", "DescribeQueue"));
        Assert.Equal(new RateLimit(3, 3), emulator.Control.RateLimitOf("route53-recovery-cluster", "UpdateRoutingControlStates"));
        Assert.Null(emulator.Control.RateLimitOf("route53-recovery-cluster", "GetRoutingControlState"));
    }

    [EmulatedService("connect")]
    private static class Billing
    {
        [Operation("CreateInvoice", RequestsPerSecond = 0.5, Burst = 1)]
        private static JsonObject Create(OperationContext context, JsonObject input) => new() { ["Status"] = "created" };

        [Operation("ListInvoices")]
        private static JsonObject List(OperationContext context, JsonObject input) => [];
    }

    [EmulatedService("connect")]
    private static class MoreBilling
    {
        [Operation("CreateInvoice")]
        private static JsonObject Create(OperationContext context, JsonObject input) => [];
    }

    private static class Stray
    {
        [Operation("CreateInvoice")]
        private static JsonObject Create(OperationContext context, JsonObject input) => [];
    }
}
