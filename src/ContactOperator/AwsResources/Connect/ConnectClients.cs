using System.Collections.Concurrent;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;

namespace ContactOperator.AwsResources.Connect;

/// <summary>One Connect client per region, created on first use and shared by every controller.</summary>
public sealed class ConnectClients(Func<string, IConnectClient> create) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IConnectClient>> clients = new(StringComparer.Ordinal);

    public static ConnectClients FromOptions(AwsClientOptions template) =>
        new(region => new ConnectClient(template with { Region = region }));

    public IConnectClient For(string region) => clients.GetOrAdd(region, r => new Lazy<IConnectClient>(() => create(r))).Value;

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated).Select(c => c.Value).OfType<IDisposable>())
        {
            client.Dispose();
        }
    }
}
