namespace ContactOperator.AwsResources;

/// <summary>Where an AWS resource lives: its Region and the scope its name is unique in, and the client that reaches it.</summary>
public interface IAwsPlacement
{
    string Region { get; }

    /// <summary>Names are unique within this scope (an instance for its queues, a Region for instance aliases, a control panel for routing controls).</summary>
    string NameScope { get; }
}
