using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.OpenApi;
using ContactOperator.Emulators.Kubernetes.Protobuf;
using ContactOperator.Emulators.Kubernetes.Storage;
using ContactOperator.Emulators.Kubernetes.Watch;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Emulators.Kubernetes.Http;

/// <summary>Routes every request: discovery, OpenAPI, and the resource verbs.</summary>
internal sealed partial class ApiHandler
{
    private readonly ClusterState _state;
    private readonly ResourceWriter _writer;
    private readonly ResourceReader _reader;
    private readonly WatchStreamer _watch;
    private readonly OpenApiDocuments _openApi;
    private readonly ILogger _logger;

    public ApiHandler(ClusterState state, ILogger logger)
    {
        _state = state;
        _writer = new ResourceWriter(state);
        _reader = new ResourceReader(state);
        _watch = new WatchStreamer(state);
        _openApi = new OpenApiDocuments(state.Registry);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context);
        }
        catch (ApiException ex)
        {
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, ex);
            }
        }
        catch (JsonException ex)
        {
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, ApiException.BadRequest($"the body of the request could not be decoded: {ex.Message}"));
            }
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, ApiException.BadRequest($"the body of the request could not be decoded as YAML: {ex.Message}"));
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // client went away
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // any other failure is a bug in the emulator: answer like the real server does (500 Status) instead of dropping the connection
            LogUnexpected(_logger, context.Request.Method, context.Request.Path, ex);
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteErrorAsync(context, ApiException.Internal(ex.Message));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);

    private async Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var accept = context.Request.Headers.Accept.ToString();
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (segments.Length == 0)
        {
            await JsonResponses.WriteAsync(context, 200, new JsonObject
            {
                ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/readyz", "/version"),
            });
            return;
        }
        switch (segments[0])
        {
            case "version" when segments.Length == 1:
                await JsonResponses.WriteAsync(context, 200, Discovery.Version());
                return;
            case "healthz" or "livez" or "readyz":
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok");
                return;
            case "openapi":
                await _openApi.ServeAsync(context, segments);
                return;
            case "api":
                if (segments.Length == 1 && isGet)
                {
                    await WriteDiscoveryAsync(context, accept, Discovery.LegacyCore(context.Request.Host.Value ?? "127.0.0.1"), core: true);
                    return;
                }
                if (segments[1] != "v1")
                {
                    throw ApiException.NotFoundPath();
                }
                if (segments.Length == 2)
                {
                    await JsonResponses.WriteAsync(context, 200, Discovery.ResourceList(_state.Registry, "", "v1"));
                    return;
                }
                await ServeResourceAsync(context, ResourcePath.Parse("", "v1", segments.AsSpan(2)));
                return;
            case "apis":
                if (segments.Length == 1 && isGet)
                {
                    await WriteDiscoveryAsync(context, accept, Discovery.GroupList(_state.Registry), core: false);
                    return;
                }
                if (segments.Length == 2)
                {
                    await JsonResponses.WriteAsync(context, 200, Discovery.SingleGroup(_state.Registry, segments[1]) ?? throw ApiException.NotFoundPath());
                    return;
                }
                if (!_state.Registry.ServesGroupVersion(segments[1], segments[2]))
                {
                    throw ApiException.NotFoundPath();
                }
                if (segments.Length == 3)
                {
                    await JsonResponses.WriteAsync(context, 200, Discovery.ResourceList(_state.Registry, segments[1], segments[2]));
                    return;
                }
                await ServeResourceAsync(context, ResourcePath.Parse(segments[1], segments[2], segments.AsSpan(3)));
                return;
            default:
                throw ApiException.NotFoundPath();
        }
    }

    private async Task WriteDiscoveryAsync(HttpContext context, string accept, JsonObject legacy, bool core)
    {
        context.Response.Headers.Vary = "Accept";
        if (Discovery.WantsAggregated(accept))
        {
            await JsonResponses.WriteAsync(context, 200, Discovery.Aggregated(_state.Registry, core), contentType: Discovery.AggregatedContentType);
            return;
        }
        await JsonResponses.WriteAsync(context, 200, legacy);
    }

    private async Task ServeResourceAsync(HttpContext context, ResourcePath? path)
    {
        if (path is null)
        {
            throw ApiException.NotFoundPath();
        }
        var type = _state.Registry.Find(path.Group, path.Version, path.Plural) ?? throw ApiException.NotFoundPath();
        if (path.Namespace is not null && !type.Namespaced)
        {
            throw ApiException.NotFoundPath();
        }
        if (path.Subresource is not null && !(path.Subresource == "status" && type.HasStatusSubresource) && !(path.Subresource == "scale" && type.Scale is not null))
        {
            throw ApiException.NotFoundPath();
        }
        var ns = path.Namespace ?? "";
        var method = context.Request.Method;
        var ct = context.RequestAborted;
        if (type.Deprecated)
        {
            JsonResponses.AddWarnings(context, [type.DeprecationWarning ?? $"{type.GroupVersion} {type.Kind} is deprecated"]);
        }
        if (HttpMethods.IsGet(method))
        {
            if (path.Name is null)
            {
                var query = ListQuery.Parse(context.Request.Query, type);
                if (query.Watch)
                {
                    await _watch.StreamAsync(context, type, path.Namespace, query);
                    return;
                }
                await _reader.WriteListAsync(context, type, path.Namespace, query);
                return;
            }
            if (path.Subresource == "scale")
            {
                await JsonResponses.WriteAsync(context, 200, ScaleSubresource.Read(type, _reader.Get(type, ns, path.Name)));
                return;
            }
            await _reader.WriteItemAsync(context, type, ns, path.Name);
            return;
        }
        if (path.Namespace is null && type.Namespaced)
        {
            throw ApiException.MethodNotAllowed(method);
        }
        var options = WriteOptionsFrom(context);
        WriteResult result;
        if (HttpMethods.IsPost(method) && path.Name is null)
        {
            result = await _writer.CreateAsync(type, ns, await ReadObjectAsync(context), options, ct);
        }
        else if (HttpMethods.IsPut(method) && path.Name is not null)
        {
            var body = await ReadObjectAsync(context);
            if (path.Subresource == "scale")
            {
                result = await _writer.PatchAsync(type, ns, path.Name, null, options, "Update", current => ScaleSubresource.Write(type, current!, body), ct);
            }
            else
            {
                result = await _writer.UpdateAsync(type, ns, path.Name, body, path.Subresource, options, ct);
            }
        }
        else if (HttpMethods.IsPatch(method) && path.Name is not null)
        {
            result = await PatchHandler.PatchAsync(context, _writer, _state, type, ns, path.Name, path.Subresource, options);
        }
        else if (HttpMethods.IsDelete(method) && path.Name is not null)
        {
            var (delete, dryRun) = await ReadDeleteOptionsAsync(context);
            result = await _writer.DeleteAsync(type, ns, path.Name, delete, options with { DryRun = options.DryRun || dryRun }, ct);
        }
        else if (HttpMethods.IsDelete(method))
        {
            var (delete, dryRun) = await ReadDeleteOptionsAsync(context);
            result = await DeleteCollectionAsync(type, path.Namespace, ListQuery.Parse(context.Request.Query, type), delete, options with { DryRun = options.DryRun || dryRun }, ct);
        }
        else
        {
            throw ApiException.MethodNotAllowed(method);
        }
        if (path.Subresource == "scale" && result.Body["kind"]?.GetValue<string>() != "Status")
        {
            await JsonResponses.WriteAsync(context, result.StatusCode, ScaleSubresource.Read(type, result.Body), options.Warnings);
            return;
        }
        var presented = result.Body["kind"]?.GetValue<string>() == "Status" ? result.Body : ResourceReader.Present(type, result.Body);
        if (TableConverter.WantsTable(context.Request.Headers.Accept.ToString()) && presented["kind"]?.GetValue<string>() != "Status")
        {
            presented = TableConverter.Table(type, [presented], Meta.ResourceVersion(presented) is { } rv && long.TryParse(rv, out var r) ? r : 0,
                null, _state.Time.GetUtcNow(), context.Request.Query["includeObject"].ToString());
        }
        await JsonResponses.WriteAsync(context, result.StatusCode, presented, options.Warnings);
    }

    private async Task<WriteResult> DeleteCollectionAsync(ResourceType type, string? ns, ListQuery query, DeleteOptions delete,
        WriteOptions options, CancellationToken ct)
    {
        var (items, _) = _state.Store.List(type.StorageKey, ns);
        var deleted = new JsonArray();
        foreach (var item in items.Where(query.Matches))
        {
            try
            {
                var outcome = await _writer.DeleteAsync(type, item.Namespace, item.Name, delete, options, ct);
                deleted.Add(outcome.Body["kind"]?.GetValue<string>() == "Status" ? ResourceReader.Present(type, item.ToNode()) : ResourceReader.Present(type, outcome.Body));
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // deleted concurrently
            }
        }
        var list = new JsonObject
        {
            ["apiVersion"] = type.GroupVersion,
            ["kind"] = type.ListKind,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _state.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
        return new WriteResult(list, 200);
    }

    private static WriteOptions WriteOptionsFrom(HttpContext context)
    {
        var query = context.Request.Query;
        var dryRun = query["dryRun"];
        if (dryRun.Count > 0 && dryRun.Any(v => v != "All"))
        {
            throw ApiException.BadRequest($"dryRun: Unsupported value: \"{dryRun}\": supported values: \"All\"");
        }
        var validation = query["fieldValidation"].ToString() switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => throw ApiException.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            var agent = context.Request.Headers.UserAgent.ToString();
            var slash = agent.IndexOf('/', StringComparison.Ordinal);
            manager = agent.Length == 0 ? "unknown" : slash > 0 ? agent[..slash] : agent;
        }
        return new WriteOptions
        {
            DryRun = dryRun.Count > 0,
            FieldManager = manager,
            FieldValidation = validation,
            Force = query["force"].ToString() is "true" or "1",
        };
    }

    internal static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var bytes = await ReadBodyAsync(context);
        if (bytes.Length == 0)
        {
            throw ApiException.BadRequest("the body of the request is empty; an object is required");
        }
        var contentType = (context.Request.ContentType ?? "application/json").Split(';')[0].Trim();
        if (KubernetesProtobuf.IsProtobuf(contentType))
        {
            return KubernetesProtobuf.Decode(bytes);
        }
        JsonNode? node = contentType is "application/yaml" or "application/x-yaml" or "text/yaml"
            ? YamlJson.Parse(Encoding.UTF8.GetString(bytes))
            : JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        return node as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
    }

    private static async Task<(DeleteOptions Options, bool DryRun)> ReadDeleteOptionsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var policy = query["propagationPolicy"].ToString();
        string? uid = null;
        string? rv = null;
        var dryRun = false;
        var bytes = await ReadBodyAsync(context);
        var body = bytes.Length == 0 ? null
            : KubernetesProtobuf.IsProtobuf(context.Request.ContentType) ? KubernetesProtobuf.Decode(bytes) : JsonNode.Parse(bytes) as JsonObject;
        if (body is not null)
        {
            if (Meta.String(body, "propagationPolicy") is { } bodyPolicy)
            {
                policy = bodyPolicy;
            }
            if (body["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o) && policy.Length == 0)
            {
                policy = o ? "Orphan" : "Background";
            }
            if (body["preconditions"] is JsonObject preconditions)
            {
                uid = Meta.String(preconditions, "uid");
                rv = Meta.String(preconditions, "resourceVersion");
            }
            if (body["dryRun"] is JsonArray dry)
            {
                if (dry.Any(d => d?.GetValue<string>() != "All"))
                {
                    throw ApiException.BadRequest("dryRun: Unsupported value: supported values: \"All\"");
                }
                dryRun = dry.Count > 0;
            }
        }
        if (policy.Length > 0 && policy is not ("Background" or "Foreground" or "Orphan"))
        {
            throw ApiException.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        return (new DeleteOptions { PropagationPolicy = policy.Length == 0 ? "Background" : policy, PreconditionUid = uid, PreconditionResourceVersion = rv }, dryRun);
    }
}
