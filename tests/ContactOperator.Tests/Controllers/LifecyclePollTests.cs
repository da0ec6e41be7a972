using ContactOperator.Reconciliation;

namespace ContactOperator.Tests.Controllers;

/// <summary>A resource AWS is still creating is looked at again soon at first, then at most every WaitPoll.</summary>
public sealed class LifecyclePollTests
{
    private static readonly SyncOptions Options = new() { WaitPoll = TimeSpan.FromSeconds(5), LifecyclePollMinimum = TimeSpan.FromSeconds(1) };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(8, 2)]
    [InlineData(16, 4)]
    [InlineData(20, 5)]
    [InlineData(600, 5)]
    public void The_poll_is_a_quarter_of_the_time_pending_within_the_bounds(int pendingSeconds, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Options.LifecyclePoll(TimeSpan.FromSeconds(pendingSeconds)));

    [Fact]
    public void A_wait_poll_shorter_than_the_minimum_wins() =>
        Assert.Equal(TimeSpan.FromMilliseconds(200), (Options with { WaitPoll = TimeSpan.FromMilliseconds(200) }).LifecyclePoll(TimeSpan.FromMinutes(1)));
}
