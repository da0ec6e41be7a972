using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

public sealed class RoutingProfileValidator() : ResourceValidator<RoutingProfile, RoutingProfileSpec, ResourceStatus>(new RoutingProfileSpecValidator());

public sealed class RoutingProfileSpecValidator : SpecValidator<RoutingProfileSpec>
{
    private static readonly string[] AllChannels = [Channels.Voice, Channels.Chat, Channels.Task, Channels.Email];

    public RoutingProfileSpecValidator()
    {
        RuleFor(s => s.InstanceRef).Reference();
        RuleFor(s => s.DefaultOutboundQueueRef).Reference();
        RuleFor(s => s.Name).ConnectName();
        RuleFor(s => s.Description).NotEmpty().Length(1, ConnectLimits.DescriptionMaxLength);
        RuleFor(s => s.AgentAvailabilityTimer).OneOf("TIME_SINCE_LAST_ACTIVITY", "TIME_SINCE_LAST_INBOUND");
        RuleFor(s => s.MediaConcurrencies).NotEmpty().WithMessage("{PropertyPath} needs at least one channel");
        RuleForEach(s => s.MediaConcurrencies).ChildRules(m =>
        {
            m.RuleFor(x => x.Channel).NotEmpty().OneOf(AllChannels);
            m.RuleFor(x => x.Concurrency).Equal(1).When(x => x.Channel == Channels.Voice)
                .WithMessage("{PropertyPath} must be 1 for VOICE (got {PropertyValue})");
            m.RuleFor(x => x.Concurrency).InclusiveBetween(1, 10).When(x => x.Channel != Channels.Voice);
            m.RuleFor(x => x.CrossChannelBehavior).OneOf("ROUTE_CURRENT_CHANNEL_ONLY", "ROUTE_ANY_CHANNEL");
        });
        RuleFor(s => s.MediaConcurrencies).Custom((items, context) =>
        {
            if (items is null)
            {
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i]?.Channel is { } channel && !seen.Add(channel))
                {
                    context.AddFailure($"spec.mediaConcurrencies[{i}].channel", $"spec.mediaConcurrencies[{i}].channel {channel} appears more than once");
                }
            }
        });

        RuleFor(s => s.QueueConfigs).Must(q => q is null || q.Count <= 100)
            .WithMessage("{PropertyPath} can hold at most 100 queue and channel pairs");
        RuleForEach(s => s.QueueConfigs).ChildRules(q =>
        {
            q.RuleFor(x => x.QueueRef).Reference();
            q.RuleFor(x => x.Channel).NotEmpty().OneOf(AllChannels);
            q.RuleFor(x => x.Priority).InclusiveBetween(1, 99);
            q.RuleFor(x => x.Delay).InclusiveBetween(0, 9999);
        });
        RuleFor(s => s).Custom((spec, context) =>
        {
            if (spec.QueueConfigs is null)
            {
                return;
            }
            var channels = new HashSet<string>(spec.MediaConcurrencies?.Where(m => m is not null).Select(m => m.Channel) ?? [], StringComparer.Ordinal);
            var pairs = new HashSet<(string, string)>();
            for (var i = 0; i < spec.QueueConfigs.Count; i++)
            {
                var config = spec.QueueConfigs[i];
                if (config?.QueueRef?.Name is not { } queue || config.Channel is null)
                {
                    continue;
                }
                if (!pairs.Add((queue, config.Channel)))
                {
                    context.AddFailure($"spec.queueConfigs[{i}]", $"spec.queueConfigs[{i}] repeats queue {queue} on channel {config.Channel}");
                }
                if (!channels.Contains(config.Channel))
                {
                    context.AddFailure($"spec.queueConfigs[{i}].channel", $"spec.queueConfigs[{i}].channel {config.Channel} has no entry in spec.mediaConcurrencies");
                }
            }
        });
        RuleFor(s => s.Tags).Tags();
        RuleFor(s => s.DeletionPolicy).DeletionPolicy();
    }
}
