using Amazon.Runtime;
using ContactOperator.Aws.Core;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace ContactOperator.Aws.Tests.Support;

/// <summary>Client options for tests: fake credentials, a private rate-limit registry, retry budget and metrics.</summary>
internal static class TestClients
{
    public static readonly BasicAWSCredentials FakeCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero));

    public static AwsClientOptions Options(
        TimeProvider time,
        Uri? serviceUrl = null,
        HttpMessageHandler? handler = null,
        string region = "us-east-1",
        AwsRateLimitTable? rateLimits = null) =>
        new()
        {
            Region = region,
            ServiceUrl = serviceUrl ?? (handler is null ? null : new Uri("http://stub.invalid")),
            Credentials = FakeCredentials,
            TimeProvider = time,
            HttpHandler = handler,
            RateLimits = new AwsRateLimiterRegistry(time, rateLimits ?? TestRateLimits.Documented),
            RetryBudget = new RetryBudget(),
            Jitter = () => 1.0,
            Metrics = new AwsMetrics(Metrics.NewCustomRegistry()),
            EnvironmentVariables = _ => null,
        };

    /// <summary>
    /// Runs <paramref name="work"/> while advancing the fake clock in small steps, so rate-limit waits, backoff and
    /// timeouts elapse; returns when the work completes or fails after a generous real-time deadline.
    /// </summary>
    /// <param name="clock">The fake clock shared by clients (and emulator).</param>
    /// <param name="work">The calls to run.</param>
    /// <param name="step">How far to move the clock per poll (default 50 ms).</param>
    /// <param name="busy">
    /// While true (e.g. HTTP requests are in flight) the clock holds still, for up to 10 polls, so a request sent at
    /// fake time T also arrives at T; a request nobody answers (a black-holed endpoint) still times out.
    /// </param>
    public static async Task<T> RunWithClockAsync<T>(FakeTimeProvider clock, Func<Task<T>> work, TimeSpan? step = null, Func<bool>? busy = null)
    {
        var task = Task.Run(work);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var heldPolls = 0;
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the operation did not finish within 60 s of real time");
            }

            await Task.WhenAny(task, Task.Delay(2));
            if (task.IsCompleted)
            {
                break;
            }

            if (busy is not null && busy() && ++heldPolls < 10)
            {
                continue;
            }

            heldPolls = 0;
            clock.Advance(step ?? TimeSpan.FromMilliseconds(50));
        }

        return await task;
    }

    public static Task RunWithClockAsync(FakeTimeProvider clock, Func<Task> work, TimeSpan? step = null) =>
        RunWithClockAsync(clock, async () =>
        {
            await work();
            return true;
        }, step);
}
