using System.Text.Json.Nodes;
using ContactOperator.AwsResources;
using ContactOperator.Controllers;

namespace ContactOperator.Tests.EndToEnd;

public class ContactCenterTests
{
    private const string Region = "us-east-1";

    [Fact]
    public async Task Sample_contact_center_becomes_ready_and_aws_matches_every_field()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyFileAsync("samples", "contact-center.yaml");

        var instance = await h.WaitForReadyAsync(Descriptors.ContactInstance, "support");
        var hours = await h.WaitForReadyAsync(Descriptors.HoursOfOperation, "office-hours");
        var queues = new Dictionary<string, string>();
        foreach (var name in new[] { "billing", "technical", "callbacks" })
        {
            queues[name] = (await h.WaitForReadyAsync(Descriptors.Queue, name)).Status!.Id!;
        }
        var generalists = await h.WaitForReadyAsync(Descriptors.RoutingProfile, "generalists");
        var billingAgents = await h.WaitForReadyAsync(Descriptors.RoutingProfile, "billing-agents");
        var id = instance.Status!.Id!;
        JsonObject Call(string operation, JsonObject input) => h.Aws.Control.InvokeOutOfBand("connect", Region, operation, input);

        // Instance: identity, telephony, features, storage, Lambda, tags; status shows what AWS reports.
        var awsInstance = h.Aws.Control.GetInstance(Region, id)!;
        Assert.Equal("acme-support", (string?)awsInstance["InstanceAlias"]);
        Assert.Equal("SAML", (string?)awsInstance["IdentityManagementType"]);
        Assert.Equal("ACTIVE", instance.Status.InstanceStatus);
        Assert.Equal((string?)awsInstance["Arn"], instance.Status.Arn);
        Assert.Equal((string?)awsInstance["InstanceAccessUrl"], instance.Status.AccessUrl);
        Assert.Equal("customer-support", (string?)awsInstance["Tags"]!["team"]);
        Assert.Equal("default/support", (string?)awsInstance["Tags"]![OwnerTag.Key]);
        foreach (var type in new[] { "CONTACT_LENS", "CONTACTFLOW_LOGS", "EARLY_MEDIA", "INBOUND_CALLS", "OUTBOUND_CALLS" })
        {
            Assert.Equal("true", (string?)Call("DescribeInstanceAttribute", new() { ["InstanceId"] = id, ["AttributeType"] = type })["Attribute"]!["Value"]);
        }
        var recordings = Call("ListInstanceStorageConfigs", new() { ["InstanceId"] = id, ["ResourceType"] = "CALL_RECORDINGS" })["StorageConfigs"]!.AsArray().Single()!;
        Assert.Equal("acme-connect-recordings", (string?)recordings["S3Config"]!["BucketName"]);
        Assert.Equal("support/recordings", (string?)recordings["S3Config"]!["BucketPrefix"]);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", (string?)recordings["S3Config"]!["EncryptionConfig"]!["KeyId"]);
        var chats = Call("ListInstanceStorageConfigs", new() { ["InstanceId"] = id, ["ResourceType"] = "CHAT_TRANSCRIPTS" })["StorageConfigs"]!.AsArray().Single()!;
        Assert.Equal("support/chats", (string?)chats["S3Config"]!["BucketPrefix"]);
        Assert.Equal(["arn:aws:lambda:us-east-1:123456789012:function:lookup-customer"],
            Call("ListLambdaFunctions", new() { ["InstanceId"] = id })["LambdaFunctions"]!.AsArray().Select(f => (string?)f));

        // Hours of operation.
        var awsHours = h.Aws.Control.GetHoursOfOperation(Region, id, hours.Status!.Id!)!;
        Assert.Equal("office-hours", (string?)awsHours["Name"]);
        Assert.Equal("Monday to Friday, 8 to 6", (string?)awsHours["Description"]);
        Assert.Equal("America/New_York", (string?)awsHours["TimeZone"]);
        var slots = awsHours["Config"]!.AsArray().Select(c => $"{c!["Day"]} {c["StartTime"]!["Hours"]}:{c["StartTime"]!["Minutes"]}-{c["EndTime"]!["Hours"]}:{c["EndTime"]!["Minutes"]}").Order().ToList();
        Assert.Equal(["FRIDAY 8:0-18:0", "MONDAY 8:0-18:0", "THURSDAY 8:0-18:0", "TUESDAY 8:0-18:0", "WEDNESDAY 8:0-18:0"], slots);

        // Queues.
        var billing = h.Aws.Control.GetQueue(Region, id, queues["billing"])!;
        Assert.Equal("Billing", (string?)billing["Name"]);
        Assert.Equal("Invoices, payments and refunds", (string?)billing["Description"]);
        Assert.Equal(50, (int?)billing["MaxContacts"]);
        Assert.Equal("ENABLED", (string?)billing["Status"]);
        Assert.Equal(hours.Status.Id, (string?)billing["HoursOfOperationId"]);
        Assert.Equal("billing", (string?)billing["Tags"]!["team"]);
        var technical = h.Aws.Control.GetQueue(Region, id, queues["technical"])!;
        Assert.Equal("Technical Support", (string?)technical["Name"]);
        Assert.Null(technical["MaxContacts"]);
        Assert.Equal(200, (int?)h.Aws.Control.GetQueue(Region, id, queues["callbacks"])!["MaxContacts"]);

        // Routing profiles: concurrency, default outbound queue, timer, every queue config.
        var awsGeneralists = h.Aws.Control.GetRoutingProfile(Region, id, generalists.Status!.Id!)!;
        Assert.Equal("generalists", (string?)awsGeneralists["Name"]);
        Assert.Equal(queues["callbacks"], (string?)awsGeneralists["DefaultOutboundQueueId"]);
        var concurrency = awsGeneralists["MediaConcurrencies"]!.AsArray().Where(m => (int)m!["Concurrency"]! > 0)
            .Select(m => $"{m!["Channel"]}={m["Concurrency"]}/{m["CrossChannelBehavior"]?["BehaviorType"]}").Order().ToList();
        Assert.Equal(["CHAT=2/ROUTE_ANY_CHANNEL", "TASK=5/ROUTE_CURRENT_CHANNEL_ONLY", "VOICE=1/ROUTE_CURRENT_CHANNEL_ONLY"], concurrency);
        var configs = Call("ListRoutingProfileQueues", new() { ["InstanceId"] = id, ["RoutingProfileId"] = generalists.Status.Id })["RoutingProfileQueueConfigSummaryList"]!.AsArray()
            .Select(q => $"{q!["QueueId"]}/{q["Channel"]} p{q["Priority"]} d{q["Delay"]}").Order().ToList();
        Assert.Equal(new[]
        {
            $"{queues["billing"]}/VOICE p2 d30", $"{queues["callbacks"]}/TASK p3 d0", $"{queues["technical"]}/CHAT p1 d0", $"{queues["technical"]}/VOICE p1 d0",
        }.Order().ToList(), configs);
        var awsBillingAgents = h.Aws.Control.GetRoutingProfile(Region, id, billingAgents.Status!.Id!)!;
        Assert.Equal("TIME_SINCE_LAST_ACTIVITY", (string?)awsBillingAgents["AgentAvailabilityTimer"]);
        Assert.Equal("Billing specialists", (string?)awsBillingAgents["Description"]);
    }
}
