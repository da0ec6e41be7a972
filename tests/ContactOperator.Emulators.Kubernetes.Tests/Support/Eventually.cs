namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

/// <summary>Polls for an asynchronous outcome with a deadline (the GC and namespace cleanup run in the background).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutSeconds = 10, string? because = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail(because ?? "condition not met before the deadline");
    }
}
