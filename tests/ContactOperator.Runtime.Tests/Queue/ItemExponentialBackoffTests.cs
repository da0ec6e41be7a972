using ContactOperator.Runtime.Queue;

namespace ContactOperator.Runtime.Tests.Queue;

public class ItemExponentialBackoffTests
{
    [Fact]
    public void Delays_double_from_5ms_per_consecutive_failure_and_stay_within_the_jitter()
    {
        var backoff = new ItemExponentialBackoff<string>(jitter: 0.1);
        var expected = 5.0;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var delay = backoff.When("a").TotalMilliseconds;
            Assert.InRange(delay, expected, expected * 1.1 + 1e-9);
            expected *= 2;
        }

        Assert.Equal(10, backoff.Failures("a"));
    }

    [Fact]
    public void Delays_are_capped_at_1000_seconds()
    {
        var backoff = new ItemExponentialBackoff<string>();
        TimeSpan last = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            last = backoff.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), last);
    }

    [Fact]
    public void Forget_starts_the_key_over_without_touching_other_keys()
    {
        var backoff = new ItemExponentialBackoff<string>(jitter: 0);
        backoff.When("a");
        backoff.When("a");
        backoff.When("b");
        backoff.Forget("a");

        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), backoff.When("b"));
    }

    [Fact]
    public void Jitter_spreads_keys_that_fail_together()
    {
        var backoff = new ItemExponentialBackoff<int>(baseDelay: TimeSpan.FromSeconds(1), jitter: 0.5, random: new Random(7));
        var delays = Enumerable.Range(0, 20).Select(k => backoff.When(k)).Distinct().Count();
        Assert.True(delays > 10, $"expected spread delays, got {delays} distinct values");
    }
}
