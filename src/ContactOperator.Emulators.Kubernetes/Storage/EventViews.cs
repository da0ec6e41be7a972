using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>
/// core/v1 Event and events.k8s.io/v1 Event are two views of one store (as in a real API server): objects are stored
/// in the core shape and renamed on the way in and out (involvedObject ↔ regarding, message ↔ note, …). As in a real
/// API server the renames are all: nothing is derived. An Event written through events.k8s.io/v1 has no
/// firstTimestamp/lastTimestamp/count (that API refuses them on create), and the core view shows the two times as null,
/// as Go serialises an unset metav1.Time; <c>kubectl get events</c> takes LAST SEEN from eventTime and series
/// (<see cref="Http.EventTable"/>).
/// </summary>
internal static class EventViews
{
    private static readonly (string Core, string Events)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    public static bool IsEventsApi(ResourceType type) => type.Group == "events.k8s.io" && type.Plural == "events";

    public static bool IsCoreEvent(ResourceType type) => type.Group.Length == 0 && type.Plural == "events";

    /// <summary>A stored (core-shaped) Event as the core/v1 API serves it.</summary>
    public static JsonObject PresentCore(JsonObject core) => WithAlwaysWritten(core, "source", ["firstTimestamp", "lastTimestamp", "eventTime"]);

    public static JsonObject ToCore(JsonObject eventsView)
    {
        var core = eventsView.DeepClone().AsObject();
        foreach (var (coreName, eventsName) in Renames)
        {
            Move(core, eventsName, coreName);
        }
        core["apiVersion"] = "v1";
        return core;
    }

    public static JsonObject ToEventsApi(JsonObject core)
    {
        foreach (var (coreName, eventsName) in Renames)
        {
            Move(core, coreName, eventsName);
        }
        core["apiVersion"] = "events.k8s.io/v1";
        return WithAlwaysWritten(core, "deprecatedSource", ["deprecatedFirstTimestamp", "deprecatedLastTimestamp", "eventTime"]);
    }

    /// <summary>Field selector labels of the events.k8s.io view, mapped to the stored core shape.</summary>
    public static string CoreField(string field) =>
        field.StartsWith("regarding.", StringComparison.Ordinal) ? "involvedObject." + field["regarding.".Length..]
        : field == "reportingController" ? "reportingComponent"
        : field;

    /// <summary>
    /// A create through events.k8s.io/v1 must set eventTime and leave the deprecated core fields unset (as
    /// ValidateEventCreate in the real API server), so such an Event never has firstTimestamp, lastTimestamp or count.
    /// </summary>
    public static void ValidateEventsApiCreate(ResourceType type, JsonObject eventsView)
    {
        var errors = new List<FieldError>();
        if (eventsView["eventTime"] is null)
        {
            errors.Add(FieldError.Required("eventTime"));
        }
        foreach (var (core, events) in Renames.Where(r => r.Events.StartsWith("deprecated", StringComparison.Ordinal)))
        {
            var set = eventsView[events] switch
            {
                null => false,
                JsonObject source => source.Count > 0,
                JsonValue value when value.TryGetValue<long>(out var count) => count != 0,
                _ => true,
            };
            if (set)
            {
                errors.Add(FieldError.InvalidValue(core, "\"\"", "needs to be unset"));
            }
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type, Meta.Name(eventsView), errors);
        }
    }

    public static void Validate(ResourceType type, JsonObject core)
    {
        var ns = Meta.String(core["metadata"] as JsonObject, "namespace") ?? "";
        var involved = Meta.String(core["involvedObject"] as JsonObject, "namespace");
        if (!string.IsNullOrEmpty(involved) && involved != ns)
        {
            var field = IsEventsApi(type) ? "regarding.namespace" : "involvedObject.namespace";
            throw ApiException.Invalid(type, Meta.Name(core), [FieldError.InvalidValue(field, $"\"{involved}\"", "does not match event.namespace")]);
        }
    }

    /// <summary>The fields Go writes even when unset (struct-typed fields ignore omitempty): the source as {}, times as null.</summary>
    private static JsonObject WithAlwaysWritten(JsonObject obj, string source, string[] times)
    {
        if (!obj.ContainsKey(source))
        {
            obj[source] = new JsonObject();
        }
        foreach (var time in times.Where(t => !obj.ContainsKey(t)))
        {
            obj[time] = null;
        }
        return obj;
    }

    private static void Move(JsonObject obj, string from, string to)
    {
        if (obj.TryGetPropertyValue(from, out var value))
        {
            obj.Remove(from);
            obj[to] = value;
        }
    }
}
