namespace ContactOperator.Runtime.Reconciliation;

/// <summary>
/// Thrown by a reconciler when retrying cannot help (for example AWS refused the input as invalid). The controller
/// does not retry the object until its <c>metadata.generation</c> changes (a user edit) or it is deleted. Write the
/// reason into status before throwing so the user can see it.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
