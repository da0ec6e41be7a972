using System.Text.Json;
using ContactOperator.Api;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Admission.Webhooks;

/// <summary>
/// The validating webhook's decision for one request: the kind's own rules (<see cref="IContactResource.Validate"/>,
/// for every kind in <see cref="KindCatalog"/>), then the rules that need the old object or other objects.
/// </summary>
public sealed class ResourceAdmission
{
    private readonly Dictionary<string, IKindModule> kinds;
    private readonly IAdmissionObjects objects;
    private readonly IReadOnlyList<IAdmissionRule> rules;

    public ResourceAdmission(IAdmissionObjects objects, IReadOnlyList<IAdmissionRule>? rules = null)
    {
        this.objects = objects;
        this.rules = rules ?? [.. KindCatalog.All.SelectMany(k => k.AdmissionRules)];
        kinds = KindCatalog.All.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    }

    public async Task<AdmissionDecision> ValidateAsync(AdmissionReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation is not ("CREATE" or "UPDATE") || request.SubResource is not null || request.Group != ApiGroup.Name
            || !kinds.TryGetValue(request.Kind, out var module))
        {
            return AdmissionDecision.Allow();
        }
        if (request.NewObject is null)
        {
            return AdmissionDecision.Unreadable("request.object is missing");
        }
        IContactResource obj;
        try
        {
            obj = module.Read(request.NewObject.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            return AdmissionDecision.Unreadable($"the {request.Kind} cannot be read: {e.Message}");
        }

        var result = obj.Validate();
        if (!result.IsValid)
        {
            return AdmissionDecision.Deny(result.Errors.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToList());
        }

        var context = new AdmissionContext(request, obj, ReadOld(module, request), objects);
        try
        {
            foreach (var rule in rules)
            {
                await rule.CheckAsync(context, cancellationToken);
            }
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            // The API server could not answer a lookup: the object's own rules passed, and the controller checks the rest.
            context.Warnings.Add($"checks against other objects were skipped: {e.GetType().Name}");
        }
        return context.Problems.Count > 0 ? AdmissionDecision.Deny(context.Problems, context.Warnings) : AdmissionDecision.Allow(context.Warnings);
    }

    /// <summary>The stored object; one stored before a rule existed may not read as today's type, and then counts as absent.</summary>
    private static IContactResource? ReadOld(IKindModule module, AdmissionReviewRequest request)
    {
        if (request.OldObject is null)
        {
            return null;
        }
        try
        {
            return module.Read(request.OldObject.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

}
