using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Core;
using ContactOperator.Emulators.Aws;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Aws.Tests.Support;

/// <summary>
/// One AWS emulator per test on port 0, sharing a FakeTimeProvider with the clients so that instance creation
/// delays, rate-limit waits and backoff elapse by advancing the clock rather than by sleeping.
/// </summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    private readonly List<IDisposable> _clients = [];

    private EmulatorHarness(FakeTimeProvider clock, AwsEmulator emulator)
    {
        Clock = clock;
        Emulator = emulator;
        RateLimits = new AwsRateLimiterRegistry(clock, TestRateLimits.Documented);
    }

    public FakeTimeProvider Clock { get; }

    public AwsEmulator Emulator { get; }

    /// <summary>Shared by every client of this harness, as in the operator process.</summary>
    public AwsRateLimiterRegistry RateLimits { get; }

    /// <summary>The HTTP handler of every client, counting requests in flight.</summary>
    public InFlightHandler Http { get; } = new();

    public static async Task<EmulatorHarness> StartAsync(bool enforceQuotas = true)
    {
        var clock = TestClients.NewClock();
        var emulator = await AwsEmulator.StartAsync(new AwsEmulatorOptions
        {
            Port = 0,
            TimeProvider = clock,
            InstanceCreationDelay = TimeSpan.FromSeconds(30),
            TrafficDistributionGroupCreationDelay = TimeSpan.FromSeconds(30),
            EnforceQuotas = enforceQuotas,
        });
        return new EmulatorHarness(clock, emulator);
    }

    public AwsClientOptions Options(string region = "us-east-1") =>
        TestClients.Options(Clock, serviceUrl: Emulator.Endpoint, region: region) with
        {
            RateLimits = RateLimits,
            HttpHandler = Http,
            // Real sockets on a fake clock: keep attempt timeouts far beyond any real-time hiccup.
            AttemptTimeout = TimeSpan.FromHours(1),
            ArcEndpointTimeout = TimeSpan.FromSeconds(2),
        };

    public ConnectClient Connect(string region = "us-east-1") => Track(new ConnectClient(Options(region)));

    public ArcControlConfigClient ArcConfig() => Track(new ArcControlConfigClient(Options()));

    /// <summary>A data-plane client on the cluster endpoints as DescribeCluster returned them (no URL override).</summary>
    public ArcClusterClient ArcCluster(IEnumerable<ClusterEndpoint> endpoints) => Track(new ArcClusterClient(endpoints, Options() with { ServiceUrl = null }));

    /// <summary>Runs an AWS call while the fake clock moves on, so client-side waits can elapse.</summary>
    public Task<T> Run<T>(Func<Task<T>> call) => TestClients.RunWithClockAsync(Clock, call, busy: () => Http.InFlight > 0);

    public Task Run(Func<Task> call) => Run(async () =>
    {
        await call();
        return true;
    });

    public Task<AwsServiceException> Fails(Func<Task> call) => Assert.ThrowsAsync<AwsServiceException>(() => Run(call));

    /// <summary>Creates an instance and waits (on the fake clock) until it is ACTIVE.</summary>
    public async Task<CreateInstanceResponse> CreateActiveInstanceAsync(ConnectClient client, string alias, string identityManagementType = DirectoryType.ConnectManaged)
    {
        var created = await Run(() => client.CreateInstanceAsync(new CreateInstanceRequest
        {
            ClientToken = ClientTokens.FromUid(alias + "-uid", "create-instance"),
            IdentityManagementType = identityManagementType,
            InstanceAlias = alias,
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }));
        await WaitForAsync(async () => (await client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = created.Id! })).Instance!.InstanceStatus == InstanceStatus.Active, "instance ACTIVE");
        return created;
    }

    /// <summary>Polls a condition while advancing the fake clock by a second per try.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await Run(condition))
            {
                return;
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"timed out (600 s of emulator time) waiting for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Emulator.DisposeAsync();
        Http.Dispose();
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        _clients.Add(client);
        return client;
    }
}
