using System.Globalization;
using System.Text.Json.Nodes;

namespace ContactOperator.Benchmarks.Scale;

/// <summary>One kind of the operator's API as the harness addresses it over the Kubernetes API.</summary>
public sealed record ScaleKind(string Kind, string Plural)
{
    public const string Group = "connect.contact-operator.io";
    public const string Version = "v1alpha1";

    public static readonly ScaleKind ContactInstance = new("ContactInstance", "contactinstances");
    public static readonly ScaleKind HoursOfOperation = new("HoursOfOperation", "hoursofoperations");
    public static readonly ScaleKind Queue = new("Queue", "queues");
    public static readonly ScaleKind RoutingProfile = new("RoutingProfile", "routingprofiles");

    /// <summary>In the order a person would apply them (and the order the dependency chain needs).</summary>
    public static readonly IReadOnlyList<ScaleKind> All = [ContactInstance, HoursOfOperation, Queue, RoutingProfile];
}

/// <summary>A manifest to create, with the kind it belongs to.</summary>
public sealed record ScaleObject(ScaleKind Kind, string Name, JsonObject Manifest);

/// <summary>
/// The objects of one run: <c>instances</c> ContactInstances (instance i in <c>regions[i % regions.Count]</c>), one
/// HoursOfOperation per instance, <c>queuesPerInstance</c> Queues per instance, and <c>profiles</c> RoutingProfiles dealt
/// round-robin over the instances (or, <c>grouped</c>, the first N/instances on the first instance and so on, as a GitOps
/// tool applying files sorted by name would). Each profile takes two of its instance's queues (one on VOICE, the next on CHAT),
/// so it fits in one CreateRoutingProfile call (at most 10 queue configs per call).
/// </summary>
public static class ScaleFleet
{
    public static IReadOnlyList<ScaleObject> Build(int profiles, int instances, int queuesPerInstance, IReadOnlyList<string> regions, bool grouped = false)
    {
        var objects = new List<ScaleObject>();
        for (var i = 0; i < instances; i++)
        {
            objects.Add(Instance(i, regions[i % regions.Count]));
        }
        for (var i = 0; i < instances; i++)
        {
            objects.Add(Hours(i));
        }
        for (var i = 0; i < instances; i++)
        {
            for (var q = 0; q < queuesPerInstance; q++)
            {
                objects.Add(Queue(i, q));
            }
        }
        for (var p = 0; p < profiles; p++)
        {
            objects.Add(RoutingProfile(p, grouped ? p * instances / profiles : p % instances, queuesPerInstance));
        }
        return objects;
    }

    private static string InstanceName(int i) => $"scale-{i}";

    private static string QueueName(int i, int q) => $"queue-{i}-{q:D3}";

    private static ScaleObject Instance(int i, string region) => New(ScaleKind.ContactInstance, InstanceName(i), new JsonObject
    {
        ["region"] = region,
        ["identityManagementType"] = "CONNECT_MANAGED",
        ["instanceAlias"] = $"scale-bench-{i}",
        ["inboundCallsEnabled"] = true,
        ["outboundCallsEnabled"] = true,
    });

    private static ScaleObject Hours(int i) => New(ScaleKind.HoursOfOperation, $"hours-{i}", new JsonObject
    {
        ["instanceRef"] = Ref(InstanceName(i)),
        ["description"] = "Monday to Friday, 8 to 6",
        ["timeZone"] = "America/New_York",
        ["config"] = new JsonArray([.. new[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }.Select(day => (JsonNode)new JsonObject
        {
            ["day"] = day,
            ["startTime"] = "08:00",
            ["endTime"] = "18:00",
        })]),
    });

    private static ScaleObject Queue(int i, int q) => New(ScaleKind.Queue, QueueName(i, q), new JsonObject
    {
        ["instanceRef"] = Ref(InstanceName(i)),
        ["name"] = $"Queue {i}-{q}",
        ["description"] = "Scale benchmark queue",
        ["hoursOfOperationRef"] = Ref($"hours-{i}"),
        ["maxContacts"] = 50,
        ["status"] = "ENABLED",
    });

    private static ScaleObject RoutingProfile(int p, int i, int queuesPerInstance)
    {
        var voice = QueueName(i, p % queuesPerInstance);
        var chat = QueueName(i, (p + 1) % queuesPerInstance);
        return New(ScaleKind.RoutingProfile, $"rp-{p:D5}", new JsonObject
        {
            ["instanceRef"] = Ref(InstanceName(i)),
            ["name"] = $"Agents {p.ToString(CultureInfo.InvariantCulture)}",
            ["description"] = "Scale benchmark routing profile",
            ["defaultOutboundQueueRef"] = Ref(voice),
            ["mediaConcurrencies"] = new JsonArray(
                new JsonObject { ["channel"] = "VOICE", ["concurrency"] = 1 },
                new JsonObject { ["channel"] = "CHAT", ["concurrency"] = 2 }),
            ["queueConfigs"] = new JsonArray(
                new JsonObject { ["queueRef"] = Ref(voice), ["channel"] = "VOICE", ["priority"] = 1, ["delay"] = 0 },
                new JsonObject { ["queueRef"] = Ref(chat), ["channel"] = "CHAT", ["priority"] = 2, ["delay"] = 0 }),
        });
    }

    private static JsonObject Ref(string name) => new() { ["name"] = name };

    private static ScaleObject New(ScaleKind kind, string name, JsonObject spec) => new(kind, name, new JsonObject
    {
        ["apiVersion"] = $"{ScaleKind.Group}/{ScaleKind.Version}",
        ["kind"] = kind.Kind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec,
    });
}
