using ContactOperator.AwsResources;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Tests.Controllers;

/// <summary>One listing of a scope serves every create in it; a listing answers only for objects older than it.</summary>
public sealed class NameIndexTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(string Id, string Name)> aws = [("q-1", "Billing")];
    private int listings;

    private async IAsyncEnumerable<(string Id, string Name)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        listings++;
        foreach (var item in aws.ToList())
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    private Task<string?> FindAsync(NameIndex index, string name, DateTimeOffset objectCreated) =>
        index.FindAsync("queue", "us-east-1/i-1", name, objectCreated, StringComparer.Ordinal, ListAsync, CancellationToken.None);

    [Fact]
    public async Task Many_lookups_for_objects_older_than_the_listing_share_it()
    {
        var index = new NameIndex(time, TimeSpan.FromMinutes(10));
        var created = time.GetUtcNow().AddSeconds(-30);
        Assert.Equal("q-1", await FindAsync(index, "Billing", created));
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(await FindAsync(index, $"New {i}", created));
            index.Add("queue", "us-east-1/i-1", $"New {i}", $"q-new-{i}");
        }
        Assert.Equal(1, listings);
        Assert.Equal("q-new-7", await FindAsync(index, "New 7", created));
    }

    [Fact]
    public async Task An_object_created_after_the_listing_gets_a_fresh_one_that_finds_an_orphan_made_meanwhile()
    {
        var index = new NameIndex(time, TimeSpan.FromMinutes(10));
        Assert.Null(await FindAsync(index, "Escalations", time.GetUtcNow().AddSeconds(-30)));
        time.Advance(TimeSpan.FromSeconds(5));
        aws.Add(("q-2", "Escalations"));
        Assert.Equal("q-2", await FindAsync(index, "Escalations", time.GetUtcNow()));
        Assert.Equal(2, listings);
    }

    [Fact]
    public async Task A_listing_expires_and_can_be_dropped()
    {
        var index = new NameIndex(time, TimeSpan.FromMinutes(10));
        var created = time.GetUtcNow().AddSeconds(-30);
        await FindAsync(index, "Billing", created);
        time.Advance(TimeSpan.FromMinutes(11));
        await FindAsync(index, "Billing", created);
        Assert.Equal(2, listings);
        index.Invalidate("queue", "us-east-1/i-1");
        await FindAsync(index, "Billing", created);
        Assert.Equal(3, listings);
    }
}
