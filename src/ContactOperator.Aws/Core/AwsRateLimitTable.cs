namespace ContactOperator.Aws.Core;

/// <summary>
/// Client-side per-operation rates. Keys are <c>signingName:Operation</c>, e.g. <c>connect:CreateQueue</c>. Operations
/// without an entry use the service default; a service without a default is not limited. The operator builds its table
/// from the operations its kinds declare (src/ContactOperator/Kinds/AwsOperationCatalog.cs).
/// </summary>
public sealed class AwsRateLimitTable
{
    private readonly Dictionary<string, AwsRateLimit> _operations;
    private readonly Dictionary<string, AwsRateLimit> _serviceDefaults;

    public AwsRateLimitTable(
        IReadOnlyDictionary<string, AwsRateLimit> operations,
        IReadOnlyDictionary<string, AwsRateLimit> serviceDefaults)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(serviceDefaults);
        _operations = new Dictionary<string, AwsRateLimit>(operations, StringComparer.Ordinal);
        _serviceDefaults = new Dictionary<string, AwsRateLimit>(serviceDefaults, StringComparer.Ordinal);
        foreach (var (key, limit) in _operations.Concat(_serviceDefaults))
        {
            if (limit.RequestsPerSecond <= 0 || limit.Burst < 1)
            {
                throw new ArgumentException($"Rate limit for '{key}' must have RequestsPerSecond > 0 and Burst >= 1, got {limit}.", nameof(operations));
            }
        }
    }

    /// <summary>A copy of this table with some entries replaced (keys as in the constructor).</summary>
    public AwsRateLimitTable With(IReadOnlyDictionary<string, AwsRateLimit> operationOverrides)
    {
        ArgumentNullException.ThrowIfNull(operationOverrides);
        var merged = new Dictionary<string, AwsRateLimit>(_operations, StringComparer.Ordinal);
        foreach (var (key, value) in operationOverrides)
        {
            merged[key] = value;
        }

        return new AwsRateLimitTable(merged, _serviceDefaults);
    }

    /// <summary>The limit for one operation, or null when it is not limited.</summary>
    public AwsRateLimit? Lookup(string signingName, string operation)
    {
        if (_operations.TryGetValue(signingName + ":" + operation, out var limit))
        {
            return limit;
        }

        return _serviceDefaults.GetValueOrDefault(signingName);
    }
}
