using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContactOperator.Runtime.Resources;

/// <summary>Turns the client's raw HTTP errors into the typed exceptions controllers branch on.</summary>
public static class ApiErrors
{
    /// <summary>Maps a <see cref="HttpOperationException"/> (any non-2xx answer) to a <see cref="KubernetesApiException"/>.</summary>
    public static KubernetesApiException Map(HttpOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = exception.Response?.StatusCode ?? 0;
        var status = TryParseStatus(exception.Response?.Content);
        return FromStatus(code, status, exception);
    }

    /// <summary>Maps a Status object (from an error response or a watch ERROR event) to a typed exception.</summary>
    public static KubernetesApiException FromStatus(HttpStatusCode code, V1Status? status, Exception? inner = null)
    {
        if (code == 0 && status?.Code is int statusCode)
        {
            code = (HttpStatusCode)statusCode;
        }

        var message = string.IsNullOrWhiteSpace(status?.Message)
            ? $"the API server answered {(int)code} {status?.Reason ?? code.ToString()}"
            : status!.Message;
        return (int)code switch
        {
            404 => new ResourceNotFoundException(status, message, inner),
            409 when status?.Reason == "AlreadyExists" => new ResourceAlreadyExistsException(status, message, inner),
            409 => new ResourceConflictException(status, message, inner),
            410 => new ResourceExpiredException(status, message, inner),
            422 => new ResourceInvalidException(status, message + DescribeCauses(status), inner),
            _ when status?.Reason is "Expired" or "Gone" => new ResourceExpiredException(status, message, inner),
            _ => new KubernetesApiException(code, status, message, inner),
        };
    }

    internal static V1Status? TryParseStatus(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" || status?.Code is not null ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeCauses(V1Status? status)
    {
        var causes = status?.Details?.Causes;
        if (causes is null || causes.Count == 0 || status!.Message?.Contains(causes[0].Field ?? "\u0000", StringComparison.Ordinal) == true)
        {
            return "";
        }

        return " (" + string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}")) + ")";
    }
}
