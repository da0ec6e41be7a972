using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>GET of one object and LIST (JSON or Table), with paging and selectors.</summary>
internal sealed class ResourceReader
{
    private readonly ClusterState _state;

    public ResourceReader(ClusterState state) => _state = state;

    public JsonObject Get(ResourceType type, string ns, string name)
    {
        var stored = _state.Store.Get(ClusterState.KeyOf(type, ns, name)) ?? throw ApiException.NotFound(type, name);
        return Present(type, stored.ToNode());
    }

    /// <summary>The object as seen through <paramref name="type"/>'s version (CRD "None" conversion rewrites apiVersion only).</summary>
    public static JsonObject Present(ResourceType type, JsonObject obj)
    {
        if (EventViews.IsEventsApi(type) && Meta.String(obj, "apiVersion") == "v1")
        {
            return EventViews.ToEventsApi(obj);
        }
        if (EventViews.IsCoreEvent(type))
        {
            return EventViews.PresentCore(obj);
        }
        if (type.IsCustom && Meta.String(obj, "apiVersion") != type.GroupVersion)
        {
            obj["apiVersion"] = type.GroupVersion;
        }
        return obj;
    }

    public async Task WriteItemAsync(HttpContext context, ResourceType type, string ns, string name)
    {
        var obj = Get(type, ns, name);
        if (TableConverter.WantsTable(context.Request.Headers.Accept.ToString()))
        {
            var rv = long.TryParse(Meta.ResourceVersion(obj), CultureInfo.InvariantCulture, out var r) ? r : 0;
            await JsonResponses.WriteAsync(context, 200, TableConverter.Table(type, [obj], rv, null, _state.Time.GetUtcNow(),
                context.Request.Query["includeObject"].ToString()));
            return;
        }
        await JsonResponses.WriteAsync(context, 200, obj);
    }

    public async Task WriteListAsync(HttpContext context, ResourceType type, string? ns, ListQuery query)
    {
        string? startAfter = null;
        if (query.Continue is not null)
        {
            (_, startAfter) = ListQuery.DecodeContinue(query.Continue);
        }
        var (items, listRv) = _state.Store.List(type.StorageKey, ns, startAfter);
        if (query.ResourceVersionMatch == "Exact" && query.ResourceVersion != listRv.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Expired($"too old resource version: {query.ResourceVersion} ({listRv})");
        }
        var selected = items.Where(query.Matches).ToList();
        string? continueToken = null;
        long? remaining = null;
        if (query.Limit is { } limit && selected.Count > limit)
        {
            var last = selected[limit - 1];
            continueToken = ListQuery.EncodeContinue(listRv, last.Namespace + "/" + last.Name);
            if (query.Labels.IsEverything && query.Fields.IsEverything)
            {
                remaining = selected.Count - limit;
            }
            selected = selected.GetRange(0, limit);
        }
        if (TableConverter.WantsTable(context.Request.Headers.Accept.ToString()))
        {
            var table = TableConverter.Table(type, selected.Select(s => Present(type, s.ToNode())), listRv, continueToken,
                _state.Time.GetUtcNow(), context.Request.Query["includeObject"].ToString());
            if (remaining is { } count)
            {
                ((JsonObject)table["metadata"]!)["remainingItemCount"] = count;
            }
            await JsonResponses.WriteAsync(context, 200, table);
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream());
        writer.WriteStartObject();
        writer.WriteString("apiVersion", type.GroupVersion);
        writer.WriteString("kind", type.ListKind);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", listRv.ToString(CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }
        if (remaining is { } left)
        {
            writer.WriteNumber("remainingItemCount", left);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var item in selected)
        {
            if (item.ApiVersion == type.GroupVersion && !EventViews.IsCoreEvent(type))
            {
                writer.WriteRawValue(item.Json, skipInputValidation: true);
            }
            else
            {
                Present(type, item.ToNode()).WriteTo(writer);
            }
            if (writer.BytesPending > 32 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
