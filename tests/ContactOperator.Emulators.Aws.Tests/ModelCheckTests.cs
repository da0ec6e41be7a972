using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Tests;

public sealed class ModelCheckTests
{
    private static readonly ServiceModel Connect = ServiceModel.Load("connect-2017-08-08.min.json", "com.amazonaws.connect");

    [Fact]
    public void Output_check_names_unknown_and_mistyped_members()
    {
        var op = Connect.Operations["DescribeQueue"];
        var output = new JsonObject
        {
            ["Queue"] = new JsonObject { ["QueueId"] = "q", ["MaxContacts"] = "ten", ["Colour"] = "red", ["Tags"] = new JsonObject { ["k"] = "v" } },
        };

        var problems = OutputValidator.Validate(Connect, op.Output, output);

        Assert.Equal(["output.Queue.MaxContacts should be a number", "output.Queue.Colour is not in the model"], problems);
    }

    [Fact]
    public void Input_check_reports_missing_required_members_in_nested_structures()
    {
        var op = Connect.Operations["CreateRoutingProfile"];
        var input = new JsonObject
        {
            ["InstanceId"] = "i",
            ["Name"] = "n",
            ["Description"] = "d",
            ["DefaultOutboundQueueId"] = "q",
            ["MediaConcurrencies"] = new JsonArray(new JsonObject { ["Channel"] = "VOICE" }),
        };

        var problems = InputValidator.Validate(Connect, op.Input, input);

        Assert.Equal(["Value null at 'mediaConcurrencies.1.member.concurrency' failed to satisfy constraint: Member must not be null"], problems);
    }
}
