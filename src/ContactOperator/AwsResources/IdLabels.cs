namespace ContactOperator.AwsResources;

/// <summary>Names for AWS ids, taken from the Kubernetes objects that own them; an id no object owns stays bare.</summary>
public sealed class IdLabels(Func<string, string?> label)
{
    public static IdLabels None { get; } = new(_ => null);

    public string Of(string id) => label(id) ?? id;
}
