using ContactOperator.Aws.Connect;
using ContactOperator.AwsResources;

namespace ContactOperator.AwsResources.Connect;

/// <summary>Tags to add or change and tag keys to remove so that AWS holds exactly the desired tags.</summary>
public sealed record TagDelta(IReadOnlyDictionary<string, string> ToSet, IReadOnlyList<string> ToRemove)
{
    public bool IsEmpty => ToSet.Count == 0 && ToRemove.Count == 0;

    /// <summary>AWS-reserved keys (aws:*) are never touched.</summary>
    public static TagDelta Between(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string>? observed)
    {
        observed ??= new Dictionary<string, string>();
        var toSet = desired.Where(t => !observed.TryGetValue(t.Key, out var v) || v != t.Value)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var toRemove = observed.Keys.Where(k => !desired.ContainsKey(k) && !k.StartsWith("aws:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        return new TagDelta(toSet, toRemove);
    }

    /// <summary>The user's tags plus the owner tag.</summary>
    public static Dictionary<string, string> Desired(IDictionary<string, string>? userTags, string owner)
    {
        var tags = new Dictionary<string, string>(userTags ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [OwnerTag.Key] = owner,
        };
        return tags;
    }
}

/// <summary>TagResource with the tags to add or change.</summary>
public sealed record TagResourceWrite<TPlacement, TObserved>(IReadOnlyDictionary<string, string> Tags) : AwsWrite<TPlacement, TObserved>("TagResource")
    where TPlacement : IConnectPlacement
    where TObserved : IObservedResource
{
    public override string Summarize(IdLabels labels) => $"set tags {string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}";

    public override Task ApplyAsync(TPlacement at, TObserved observed, CancellationToken cancellationToken) =>
        at.Client.TagResourceAsync(new TagResourceRequest { ResourceArn = observed.Arn, Tags = Tags }, cancellationToken);
}

/// <summary>UntagResource with the keys to remove.</summary>
public sealed record UntagResourceWrite<TPlacement, TObserved>(IReadOnlyList<string> Keys) : AwsWrite<TPlacement, TObserved>("UntagResource")
    where TPlacement : IConnectPlacement
    where TObserved : IObservedResource
{
    public override string Summarize(IdLabels labels) => $"removed tags {string.Join(", ", Keys)}";

    public override Task ApplyAsync(TPlacement at, TObserved observed, CancellationToken cancellationToken) =>
        at.Client.UntagResourceAsync(new UntagResourceRequest { ResourceArn = observed.Arn, TagKeys = Keys }, cancellationToken);
}

public static class TagWrites
{
    public static IEnumerable<AwsWrite<TPlacement, TObserved>> For<TPlacement, TObserved>(TagDelta delta)
        where TPlacement : IConnectPlacement
        where TObserved : IObservedResource
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.ToSet.Count > 0)
        {
            yield return new TagResourceWrite<TPlacement, TObserved>(delta.ToSet);
        }
        if (delta.ToRemove.Count > 0)
        {
            yield return new UntagResourceWrite<TPlacement, TObserved>(delta.ToRemove);
        }
    }
}
