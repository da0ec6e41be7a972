using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ContactOperator.Emulators.Kubernetes.Http;
using ContactOperator.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;

namespace ContactOperator.Emulators.Kubernetes.Watch;

/// <summary>
/// Serves <c>?watch=true</c>: newline-delimited JSON events (one compact object per line, flushed per batch),
/// synthetic ADDED for "any"/"most recent" starts, exact resume from a resourceVersion, bookmarks, timeouts,
/// 410 ERROR events for expired versions, and the streaming-list protocol (<c>sendInitialEvents</c>).
/// </summary>
internal sealed class WatchStreamer
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromMinutes(1);
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly ClusterState _state;

    public WatchStreamer(ClusterState state) => _state = state;

    public async Task StreamAsync(HttpContext context, ResourceType type, string? ns, ListQuery query)
    {
        if (query.SendInitialEvents == true && (query.ResourceVersionMatch != "NotOlderThan" || !query.AllowBookmarks))
        {
            throw new ApiException(422, "Invalid",
                "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch=NotOlderThan and allowWatchBookmarks=true");
        }
        long? from = null;
        if (query.ResourceVersion is { } rv && rv != "0")
        {
            if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw ApiException.BadRequest($"invalid resource version: \"{rv}\"");
            }
            from = parsed;
        }
        // unset or "0" → synthetic ADDED for the current state; N → exact resume; sendInitialEvents overrides
        var synthetic = query.SendInitialEvents ?? from is null;
        var table = TableConverter.WantsTable(context.Request.Headers.Accept.ToString());
        var includeObject = context.Request.Query["includeObject"].ToString();
        var ct = context.RequestAborted;
        using var timeout = query.TimeoutSeconds is { } seconds && seconds > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), _state.Time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);

        WatchSubscription subscription;
        List<StoredObject> initial = [];
        long snapshotRv = 0;
        try
        {
            if (synthetic)
            {
                (subscription, initial, snapshotRv) = _state.Store.SubscribeWithSnapshot(type.StorageKey, ns);
            }
            else
            {
                subscription = _state.Store.Subscribe(type.StorageKey, ns, from ?? _state.Store.CurrentResourceVersion);
            }
        }
        catch (WatchExpiredException expired)
        {
            await StartAsync(context);
            var error = StatusObjects.Failure(410, "Expired", expired.Message, null);
            await WriteEventAsync(context, "ERROR", error, ct);
            return;
        }
        using var _ = subscription;
        await StartAsync(context);
        var first = true;
        await using var tick = _state.Time.CreateTimer(_ => subscription.Publish(BookmarkTick), null,
            query.AllowBookmarks ? BookmarkInterval : Timeout.InfiniteTimeSpan, query.AllowBookmarks ? BookmarkInterval : Timeout.InfiniteTimeSpan);
        try
        {
            foreach (var item in initial.Where(query.Matches))
            {
                await WriteEventAsync(context, "ADDED", Render(type, item, table, includeObject, ref first), linked.Token, flush: false);
            }
            if (query.SendInitialEvents == true)
            {
                var bookmark = Bookmark(type, snapshotRv);
                ((JsonObject)bookmark["metadata"]!)["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                await WriteEventAsync(context, "BOOKMARK", bookmark, linked.Token, flush: false);
            }
            await context.Response.Body.FlushAsync(linked.Token);
            var reader = subscription.Reader;
            while (await reader.WaitToReadAsync(linked.Token))
            {
                while (reader.TryRead(out var e))
                {
                    if (ReferenceEquals(e, BookmarkTick))
                    {
                        if (_state.Store.BookmarkRevision(subscription) is { } bookmarkRv)
                        {
                            await WriteEventAsync(context, "BOOKMARK", Bookmark(type, bookmarkRv), linked.Token, flush: false);
                        }
                        continue;
                    }
                    var matchesNow = query.Matches(e.Object);
                    var matchedBefore = e.Previous is not null && query.Matches(e.Previous);
                    var wireType = e.Type switch
                    {
                        WatchEventType.Added => matchesNow ? "ADDED" : null,
                        WatchEventType.Deleted => matchedBefore || matchesNow ? "DELETED" : null,
                        _ => (matchesNow, matchedBefore) switch
                        {
                            (true, true) => "MODIFIED",
                            (true, false) => "ADDED",
                            (false, true) => "DELETED",
                            _ => null,
                        },
                    };
                    if (wireType is not null)
                    {
                        await WriteEventAsync(context, wireType, Render(type, e.Object, table, includeObject, ref first), linked.Token, flush: false);
                    }
                }
                await context.Response.Body.FlushAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            if (query.AllowBookmarks && _state.Store.BookmarkRevision(subscription) is { } finalRv)
            {
                await WriteEventAsync(context, "BOOKMARK", Bookmark(type, finalRv), ct);
            }
            return;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (subscription.Dropped)
        {
            context.Abort();
            return;
        }
        catch (ChannelClosedException) when (subscription.Dropped)
        {
            context.Abort();
            return;
        }
        if (subscription.Dropped)
        {
            context.Abort();
        }
    }

    private static readonly WatchEvent BookmarkTick = new(WatchEventType.Modified, "", StoredObject.From(new JsonObject(), 0), null);

    private static async Task StartAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private JsonObject Render(ResourceType type, StoredObject stored, bool table, string includeObject, ref bool first)
    {
        var obj = ResourceReader.Present(type, stored.ToNode());
        if (!table)
        {
            return obj;
        }
        var rendered = TableConverter.Table(type, [obj], stored.ResourceVersion, null, _state.Time.GetUtcNow(), includeObject, includeColumns: first);
        first = false;
        return rendered;
    }

    private static JsonObject Bookmark(ResourceType type, long resourceVersion) => new()
    {
        ["kind"] = type.Kind,
        ["apiVersion"] = type.GroupVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
    };

    private static async Task WriteEventAsync(HttpContext context, string type, JsonNode obj, CancellationToken ct, bool flush = true)
    {
        var stream = context.Response.Body;
        await using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }
        await stream.WriteAsync(Newline, ct);
        if (flush)
        {
            await stream.FlushAsync(ct);
        }
    }
}
