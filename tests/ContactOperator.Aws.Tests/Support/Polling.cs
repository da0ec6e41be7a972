namespace ContactOperator.Aws.Tests.Support;

/// <summary>Polls for an asynchronous outcome with a real-time deadline (no fixed sleeps).</summary>
internal static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Yield();
            await Task.Delay(1);
        }
    }

    /// <summary>Gives in-flight continuations a chance to run, then checks that nothing more happened.</summary>
    public static async Task SettleAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }
    }
}
