namespace ContactOperator.Aws.Core;

/// <summary>Checks members the model marks required before anything is sent, naming the member in the error.</summary>
internal static class RequiredMember
{
    public static T Check<T>(T? value, string shape, string member)
        where T : class =>
        value ?? throw new ArgumentException($"{shape}.{member} is required by the AWS model but was null.", member);
}
