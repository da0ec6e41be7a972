namespace ContactOperator.Aws.Tests.Support;

/// <summary>Lets in-flight work run (to wait for an outcome, use <see cref="Eventually"/>).</summary>
internal static class Polling
{
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
