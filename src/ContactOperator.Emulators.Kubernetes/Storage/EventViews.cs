using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>
/// core/v1 Event and events.k8s.io/v1 Event are two views of one store (as in a real API server): objects are stored
/// in the core shape and renamed on the way in and out (involvedObject ↔ regarding, message ↔ note, …).
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
        return core;
    }

    /// <summary>Field selector labels of the events.k8s.io view, mapped to the stored core shape.</summary>
    public static string CoreField(string field) =>
        field.StartsWith("regarding.", StringComparison.Ordinal) ? "involvedObject." + field["regarding.".Length..]
        : field == "reportingController" ? "reportingComponent"
        : field;

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

    private static void Move(JsonObject obj, string from, string to)
    {
        if (obj.TryGetPropertyValue(from, out var value))
        {
            obj.Remove(from);
            obj[to] = value;
        }
    }
}
