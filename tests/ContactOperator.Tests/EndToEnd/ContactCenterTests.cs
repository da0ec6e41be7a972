using ContactOperator.Api.Kinds;
using ContactOperator.Controllers;

namespace ContactOperator.Tests.EndToEnd;

public class ContactCenterTests
{
    [Fact]
    public async Task Sample_contact_center_becomes_ready_and_aws_matches_the_spec()
    {
        await using var h = await ContactCenterHarness.StartAsync();
        await h.ApplyFileAsync("samples", "contact-center.yaml");

        var instance = await h.WaitForReadyAsync(Descriptors.ContactInstance, "support");
        foreach (var name in new[] { "billing", "technical", "callbacks" })
        {
            await h.WaitForReadyAsync(Descriptors.Queue, name);
        }
        var generalists = await h.WaitForReadyAsync(Descriptors.RoutingProfile, "generalists");
        await h.WaitForReadyAsync(Descriptors.RoutingProfile, "billing-agents");
        var hours = await h.WaitForReadyAsync(Descriptors.HoursOfOperation, "office-hours");

        Assert.Equal("ACTIVE", instance.Status!.InstanceStatus);
        Assert.Equal("us-east-1", instance.Status.Region);
        var awsInstance = h.Aws.Control.GetInstance("us-east-1", instance.Status.Id!);
        Assert.NotNull(awsInstance);

        var billing = await h.WaitForReadyAsync(Descriptors.Queue, "billing");
        var awsQueue = h.Aws.Control.GetQueue("us-east-1", instance.Status.Id!, billing.Status!.Id!)!;
        Assert.Equal("Billing", (string?)awsQueue["Name"]);
        Assert.Equal(50, (int?)awsQueue["MaxContacts"]);
        Assert.Equal(hours.Status!.Id, (string?)awsQueue["HoursOfOperationId"]);
        Assert.Equal("billing", (string?)awsQueue["Tags"]!["team"]);

        var awsProfile = h.Aws.Control.GetRoutingProfile("us-east-1", instance.Status.Id!, generalists.Status!.Id!)!;
        Assert.Equal("Everyone else; technical first, then billing, callbacks last", (string?)awsProfile["Description"]);
    }
}
