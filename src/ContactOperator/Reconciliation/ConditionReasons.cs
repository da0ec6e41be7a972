namespace ContactOperator.Reconciliation;

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
    public const string AwsAccessDenied = "AwsAccessDenied";
    public const string AwsError = "AwsError";
    public const string NameConflict = "NameConflict";
    public const string Observing = "ObserveOnly";
    public const string AdoptTargetNotFound = "AdoptTargetNotFound";
    public const string CreationFailed = "CreationFailed";
    public const string NotFound = "NotFound";

    /// <summary>An object being deleted waits for others to go first (an instance for the objects in it).</summary>
    public const string DeletionWaiting = "DeletionWaiting";

    /// <summary>AWS refused to delete the resource (it is in use); the message names what still uses it.</summary>
    public const string DeletionBlocked = "DeletionBlocked";

    /// <summary>A failure that is not AWS's (the API server, a bug): retried with backoff.</summary>
    public const string Error = "Error";
}
