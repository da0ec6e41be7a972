namespace ContactOperator.AwsResources.Connect;

/// <summary>Reading Amazon Connect ARNs (arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE_ID[/queue/QUEUE_ID…]).</summary>
public static class ConnectArns
{
    /// <summary>The instance id in a Connect ARN of an instance or of anything inside one; null for any other ARN.</summary>
    public static string? InstanceIdOf(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        if (parts.Length < 6 || parts[2] != "connect")
        {
            return null;
        }
        var path = parts[5].Split('/');
        return path.Length >= 2 && path[0] == "instance" && path[1].Length > 0 ? path[1] : null;
    }
}
