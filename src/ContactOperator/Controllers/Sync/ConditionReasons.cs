namespace ContactOperator.Controllers.Sync;

/// <summary>Reasons the controllers put on the Ready and Synced conditions (CamelCase, stable: alerts may match on them).</summary>
public static class ConditionReasons
{
    public const string Available = "Available";
    public const string ReconcileSuccess = "ReconcileSuccess";
    public const string Creating = "Creating";
    public const string WaitingForDependency = "WaitingForDependency";
    public const string InvalidSpec = "InvalidSpec";
    public const string AwsInvalidRequest = "AwsInvalidRequest";
    public const string AwsQuotaExceeded = "AwsQuotaExceeded";
    public const string AwsError = "AwsError";
    public const string NameConflict = "NameConflict";
    public const string Observing = "ObserveOnly";
}
