using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>
/// ReplicateInstance: the replica is a new instance in the other Region that shares the source's
/// configuration (same queue, hours and routing profile ids), plus the default traffic distribution group.
/// </summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class ReplicationOperations
{
    [Operation("ReplicateInstance")]
    private static JsonObject Replicate(OperationContext context, JsonObject input)
    {
        var source = ConnectLookup.Instance(context, input.ReqStr("InstanceId"));
        var replicaRegion = input.ReqStr("ReplicaRegion");
        var token = input.Str("ClientToken");
        var group = source.Group;
        if (token is not null)
        {
            var earlier = group.Members.FirstOrDefault(m => m.ClientToken == token && m.SourceRegion == source.Region);
            if (earlier is not null)
            {
                return new JsonObject { ["Id"] = earlier.Id, ["Arn"] = earlier.Arn };
            }
        }

        if (source.Status(context.Now) != "ACTIVE")
        {
            throw context.Error("ResourceNotReadyException", $"Instance {source.Id} is not ACTIVE yet; it can be replicated once it is.");
        }

        if (source.SourceRegion is not null)
        {
            throw context.Error("InvalidRequestException", $"Instance {source.Id} is itself a replica; replicate the source instance in {source.SourceRegion}.");
        }

        if (source.IdentityManagementType != "SAML")
        {
            throw context.Error("InvalidRequestException", "Only instances with SAML identity management can be replicated.");
        }

        if (!GlobalResiliency.CanReplicate(source.Region, replicaRegion))
        {
            throw context.Error("InvalidRequestException", $"Instances in {source.Region} cannot be replicated to {replicaRegion}. Supported: {GlobalResiliency.Describe()}.");
        }

        if (group.Members.Count > 1)
        {
            throw context.Error("ResourceConflictException", $"Instance {source.Id} is already replicated to {group.Members[1].Region}.");
        }

        var alias = input.ReqStr("ReplicaAlias");
        InstanceOperations.ValidateAlias(context, alias, "replicaAlias");
        if (context.State.Connect.Instances.Values.Count(i => i.Region == replicaRegion) >= context.State.Options.InstancesPerRegionQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {context.State.Options.InstancesPerRegionQuota} Amazon Connect instances per account in {replicaRegion} has been reached.");
        }

        var replica = InstanceOperations.NewInstance(context, replicaRegion, alias, source.IdentityManagementType, null,
            source.InboundCallsEnabled, source.OutboundCallsEnabled, token, new Dictionary<string, string>(source.Tags, StringComparer.Ordinal),
            sourceRegion: source.Region, group: group);
        TrafficDistributionOperations.CreateDefaultGroup(context, source, replica);
        return new JsonObject { ["Id"] = replica.Id, ["Arn"] = replica.Arn };
    }
}
