using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;
using ContactOperator.Api.Validation;
using k8s.Models;
using System.ComponentModel;

namespace ContactOperator.Api.Kinds;

/// <summary>A routing profile: which queues agents take contacts from, on which channels, in which order.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = "routingprofiles")]
[ShortNames("rp")]
[AwsResourceColumns]
public sealed class RoutingProfile() : CustomResource<RoutingProfileSpec, ResourceStatus>(KindName, new RoutingProfileSpec { InstanceRef = new() { Name = "" }, Description = "", DefaultOutboundQueueRef = new() { Name = "" }, MediaConcurrencies = [] })
{
    public const string KindName = "RoutingProfile";

    private static readonly RoutingProfileValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired state of a routing profile.</summary>
public sealed record RoutingProfileSpec : InstanceChildSpec
{
    /// <summary>Description in Amazon Connect (AWS requires one).</summary>
    [StringLength(ConnectLimits.DescriptionMaxLength, MinimumLength = 1)]
    public required string Description { get; init; }

    /// <summary>The Queue used for outbound calls by agents with this profile.</summary>
    public required ResourceReference DefaultOutboundQueueRef { get; init; }

    /// <summary>How many contacts of each channel an agent handles at once. Each channel at most once.</summary>
    [MinLength(1)]
    [MaxLength(4)]
    public required IList<MediaConcurrencySpec> MediaConcurrencies { get; init; }

    /// <summary>The queues agents take contacts from. Each (queue, channel) pair at most once.</summary>
    [MaxLength(100)]
    public IList<RoutingProfileQueueConfigSpec>? QueueConfigs { get; init; }

    /// <summary>How agent idle time is measured for routing: TIME_SINCE_LAST_ACTIVITY or TIME_SINCE_LAST_INBOUND.</summary>
    [AllowedValues("TIME_SINCE_LAST_ACTIVITY", "TIME_SINCE_LAST_INBOUND")]
    public string? AgentAvailabilityTimer { get; init; }
}

/// <summary>Concurrency of one channel.</summary>
public sealed record MediaConcurrencySpec
{
    /// <summary>VOICE, CHAT, TASK or EMAIL.</summary>
    [AllowedValues(Channels.Voice, Channels.Chat, Channels.Task, Channels.Email)]
    public required string Channel { get; init; }

    /// <summary>Contacts at once: VOICE 1; CHAT 1–10; TASK 1–10; EMAIL 1–10.</summary>
    [Range(1, 10)]
    public required int Concurrency { get; init; }

    /// <summary>Whether an agent busy on this channel can be offered other channels: ROUTE_CURRENT_CHANNEL_ONLY or ROUTE_ANY_CHANNEL.</summary>
    [AllowedValues("ROUTE_CURRENT_CHANNEL_ONLY", "ROUTE_ANY_CHANNEL")]
    public string? CrossChannelBehavior { get; init; }
}

/// <summary>One queue and channel in a routing profile.</summary>
public sealed record RoutingProfileQueueConfigSpec
{
    /// <summary>The Queue.</summary>
    public required ResourceReference QueueRef { get; init; }

    /// <summary>VOICE, CHAT, TASK or EMAIL.</summary>
    [AllowedValues(Channels.Voice, Channels.Chat, Channels.Task, Channels.Email)]
    public required string Channel { get; init; }

    /// <summary>Order in which contacts are taken from queues; 1 is first.</summary>
    [Range(1, 99)]
    public required int Priority { get; init; }

    /// <summary>Seconds a contact waits in this queue before agents with this profile are offered it.</summary>
    [Range(0, 9999)]
    [DefaultValue(0)]
    public int Delay { get; init; }
}
