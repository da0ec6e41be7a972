namespace ContactOperator.Emulators.Aws.Faults;

/// <summary>A token-bucket limit: sustained requests per second and the burst served before 429s begin.</summary>
public sealed record RateLimit(double RequestsPerSecond, double Burst);

/// <summary>Token buckets keyed by account, region and operation (or ARC endpoint), on the emulator's clock.</summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private readonly Dictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string key, RateLimit limit)
    {
        var now = time.GetUtcNow();
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket { Tokens = limit.Burst, LastRefill = now };
            buckets[key] = bucket;
        }

        var elapsed = Math.Max(0, (now - bucket.LastRefill).TotalSeconds);
        bucket.Tokens = Math.Min(limit.Burst, bucket.Tokens + (elapsed * limit.RequestsPerSecond));
        bucket.LastRefill = now;
        if (bucket.Tokens < 1)
        {
            return false;
        }

        bucket.Tokens -= 1;
        return true;
    }

    public void Reset() => buckets.Clear();

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset LastRefill { get; set; }
    }
}
