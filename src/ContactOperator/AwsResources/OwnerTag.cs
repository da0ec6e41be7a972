namespace ContactOperator.AwsResources;

/// <summary>
/// The tag the operator puts on every AWS resource it creates, naming the Kubernetes object that owns it, so that a
/// resource found by name after a lost create can be told apart from one that belongs to someone else.
/// </summary>
public static class OwnerTag
{
    public const string Key = "contact-operator.io/owner";

    /// <summary>The tag's value: namespace/name of the Kubernetes object.</summary>
    public static string ValueFor(string? @namespace, string name) => $"{@namespace ?? "default"}/{name}";
}
