using ContactOperator.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Runtime.Tests.Queue;

public class WorkQueueTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    /// <summary>A queue whose lane is a key's first letter ("a1" is in lane a).</summary>
    private static WorkQueue<string> Laned(int workers) =>
        new(new FakeTimeProvider(), lanes: new WorkQueueLanes<string>(key => key[..1], workers));

    [Fact]
    public async Task A_key_added_many_times_while_waiting_is_handed_out_once()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        for (var i = 0; i < 100; i++)
        {
            queue.Add("a");
        }

        queue.Add("b");
        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
        Assert.Equal("b", await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_in_flight_is_not_handed_to_a_second_worker_and_comes_back_once_after_Done()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        queue.Add("a");
        var key = await queue.GetAsync(CancellationToken.None);
        for (var i = 0; i < 1000; i++)
        {
            queue.Add("a");
        }

        using var wait = new CancellationTokenSource(Short);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.GetAsync(wait.Token));

        queue.Done(key);
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddAfter_waits_for_the_clock_and_an_earlier_request_wins()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.WaitingCount);

        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_handed_out_early_drops_its_pending_delayed_add()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        queue.Add("a");
        var key = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(0, queue.WaitingCount);

        time.Advance(TimeSpan.FromSeconds(6));
        queue.Done(key);
        Assert.Equal(0, queue.Count);

        queue.AddAfter("a", TimeSpan.FromMinutes(10));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Lanes_are_taken_in_turn_and_a_busy_lane_leaves_the_other_half_of_the_workers_to_the_rest()
    {
        using var queue = Laned(workers: 4);
        foreach (var key in new[] { "a1", "a2", "a3", "a4", "a5", "b1", "b2" })
        {
            queue.Add(key);
        }

        var first = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            first.Add(await queue.GetAsync(CancellationToken.None));
        }
        Assert.Equal(["a1", "b1", "a2", "b2"], first);

        // Lane a holds its share (2 of 4 workers) and b has nothing ready: a may use the spare workers.
        Assert.Equal("a3", await queue.GetAsync(CancellationToken.None));

        // Now b has a key ready again: a (3 in flight) is passed over until it is back under its share.
        queue.Add("b3");
        queue.Done("b1");
        Assert.Equal("b3", await queue.GetAsync(CancellationToken.None));
        queue.Add("b4");
        queue.Done("a1");
        queue.Done("a2");
        Assert.Equal("a4", await queue.GetAsync(CancellationToken.None));
        Assert.Equal("b4", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_key_of_another_lane_goes_ahead_of_a_busy_lanes_backlog()
    {
        using var queue = Laned(workers: 2);
        queue.Add("a1");
        Assert.Equal("a1", await queue.GetAsync(CancellationToken.None));
        queue.Add("a2");
        queue.Add("a3");
        queue.Add("b1");
        Assert.Equal("b1", await queue.GetAsync(CancellationToken.None));
        queue.Done("a1");
        queue.Done("b1");
        Assert.Equal("a2", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_free_worker_is_never_idle_while_keys_are_ready()
    {
        using var queue = Laned(workers: 3);
        foreach (var key in new[] { "a1", "b1", "a2", "b2" })
        {
            queue.Add(key);
        }
        Assert.Equal("a1", await queue.GetAsync(CancellationToken.None));
        Assert.Equal("b1", await queue.GetAsync(CancellationToken.None));

        // Both lanes hold their share (one of three workers each); the third worker still takes a key.
        Assert.Equal("a2", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public void AddRateLimited_backs_off_exponentially_and_Forget_resets()
    {
        var time = new FakeTimeProvider();
        var observer = new CountingObserver();
        using var queue = new WorkQueue<string>(time, new ItemExponentialBackoff<string>(jitter: 0), observer);

        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.AddRateLimited("a"));
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);

        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.AddRateLimited("b"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), queue.AddRateLimited("a"));
        Assert.Equal(3, queue.NumRequeues("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.AddRateLimited("a"));
        Assert.Equal(5, observer.Retries);
    }

    [Fact]
    public async Task LongestRunning_reports_the_oldest_key_in_flight()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.Add("a");
        queue.Add("b");
        var a = await queue.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        var b = await queue.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(7), queue.LongestRunning);
        queue.Done(a);
        Assert.Equal(TimeSpan.FromSeconds(2), queue.LongestRunning);
        queue.Done(b);
        Assert.Equal(TimeSpan.Zero, queue.LongestRunning);
    }

    [Fact]
    public async Task ShutDown_releases_waiting_workers_and_refuses_new_keys()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        var waiting = queue.GetAsync(CancellationToken.None).AsTask();
        queue.ShutDown();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        queue.Add("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Adds_are_counted_once_per_accepted_key()
    {
        var observer = new CountingObserver();
        using var queue = new WorkQueue<string>(new FakeTimeProvider(), observer: observer);
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        Assert.Equal(2, observer.Adds);
        await queue.GetAsync(CancellationToken.None);
        queue.Add("a");
        Assert.Equal(3, observer.Adds);
    }

    private sealed class CountingObserver : IWorkQueueObserver
    {
        public int Adds { get; private set; }

        public int Retries { get; private set; }

        public void OnAdded() => Adds++;

        public void OnRetried() => Retries++;
    }
}
