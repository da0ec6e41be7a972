using System.Net;
using k8s.Models;

namespace ContactOperator.Runtime.Resources;

/// <summary>
/// The API server refused a request. The subclasses name the cases a controller branches on;
/// the message is the server's own (for example <c>widgets.test.io "a" not found</c>).
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException()
    {
    }

    public KubernetesApiException(string message)
        : base(message)
    {
    }

    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KubernetesApiException(HttpStatusCode statusCode, V1Status? status, string message, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status object the server sent, when it sent one.</summary>
    public V1Status? Status { get; }

    /// <summary>The machine-readable reason, for example <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>.</summary>
    public string? Reason => Status?.Reason;
}

/// <summary>404: the object (or its namespace, or the resource type) does not exist.</summary>
public sealed class ResourceNotFoundException : KubernetesApiException
{
    public ResourceNotFoundException()
    {
    }

    public ResourceNotFoundException(string message)
        : base(message)
    {
    }

    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceNotFoundException(V1Status? status, string message, Exception? innerException)
        : base(HttpStatusCode.NotFound, status, message, innerException)
    {
    }
}

/// <summary>409 Conflict: the object changed since it was read (stale resourceVersion); re-read and retry.</summary>
public sealed class ResourceConflictException : KubernetesApiException
{
    public ResourceConflictException()
    {
    }

    public ResourceConflictException(string message)
        : base(message)
    {
    }

    public ResourceConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceConflictException(V1Status? status, string message, Exception? innerException)
        : base(HttpStatusCode.Conflict, status, message, innerException)
    {
    }
}

/// <summary>409 AlreadyExists: a create found an object with that name.</summary>
public sealed class ResourceAlreadyExistsException : KubernetesApiException
{
    public ResourceAlreadyExistsException()
    {
    }

    public ResourceAlreadyExistsException(string message)
        : base(message)
    {
    }

    public ResourceAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceAlreadyExistsException(V1Status? status, string message, Exception? innerException)
        : base(HttpStatusCode.Conflict, status, message, innerException)
    {
    }
}

/// <summary>422 Invalid: the object failed validation; <see cref="Causes"/> names each offending field.</summary>
public sealed class ResourceInvalidException : KubernetesApiException
{
    public ResourceInvalidException()
    {
    }

    public ResourceInvalidException(string message)
        : base(message)
    {
    }

    public ResourceInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceInvalidException(V1Status? status, string message, Exception? innerException)
        : base((HttpStatusCode)422, status, message, innerException)
    {
    }

    /// <summary>One entry per failed field check (field path, reason such as <c>FieldValueInvalid</c>, message).</summary>
    public IReadOnlyList<V1StatusCause> Causes => Status?.Details?.Causes?.ToList() ?? [];
}

/// <summary>410 Gone / Expired: the requested resourceVersion is older than the server's history; relist.</summary>
public sealed class ResourceExpiredException : KubernetesApiException
{
    public ResourceExpiredException()
    {
    }

    public ResourceExpiredException(string message)
        : base(message)
    {
    }

    public ResourceExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceExpiredException(V1Status? status, string message, Exception? innerException)
        : base(HttpStatusCode.Gone, status, message, innerException)
    {
    }
}
