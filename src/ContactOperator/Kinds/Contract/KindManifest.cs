using ContactOperator.Admission;

namespace ContactOperator.Kinds.Contract;

/// <summary>
/// What the operator does with a kind's objects through the API server, beyond listing and watching them and patching
/// their status. The chart's RBAC rules for the kind are generated from it (<c>contact-operator generate manifests</c>).
/// </summary>
public sealed record KindAccess
{
    /// <summary>A finalizer added and removed by patching the object (every kind whose deletion the operator holds).</summary>
    public bool Finalizer { get; init; } = true;

    /// <summary>Single objects read fresh from the API server (get), not only from the informer's cache.</summary>
    public bool ReadsFresh { get; init; }

    /// <summary>The RBAC verbs on the kind's objects (its status subresource always gets patch).</summary>
    public IReadOnlyList<string> Verbs =>
        [.. ReadsFresh ? ["get"] : Array.Empty<string>(), "list", "watch", .. Finalizer ? ["patch"] : Array.Empty<string>()];
}

/// <summary>
/// How the admission webhooks treat a kind: every kind is validated (its own rules and the cross-object rules); the
/// webhook configurations are generated from this (<c>contact-operator generate manifests</c>).
/// </summary>
public sealed record KindAdmission
{
    /// <summary>
    /// failurePolicy Fail: a write is refused while the webhook is unavailable. Off by default, because the controllers
    /// run the same validators and report InvalidSpec; on for a kind whose refused edit cannot be undone cheaply.
    /// </summary>
    public bool FailsClosed { get; init; }

    /// <summary>The mutating webhook's change to an object of the kind; null for a kind the webhook does not mutate.</summary>
    public Func<AdmissionReviewRequest, AdmissionDecision>? Mutate { get; init; }

    public string FailurePolicy => FailsClosed ? "Fail" : "Ignore";
}
