using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Crd;
using ContactOperator.Emulators.Kubernetes.Http;

namespace ContactOperator.Emulators.Kubernetes.Storage;

/// <summary>Decode-time steps of a CR write: pruning (with field validation), defaulting and schema/CEL validation.</summary>
internal static class ObjectPipeline
{
    public static void PruneAndDefault(ResourceType type, JsonObject obj, WriteOptions options)
    {
        if (SecretData.Applies(type))
        {
            SecretData.MergeStringData(obj);
        }
        if (type.Schema is null)
        {
            return;
        }
        var removed = new List<string>();
        SchemaPruner.PruneRoot(obj, type.Schema, removed);
        if (removed.Count > 0 && options.FieldValidation != FieldValidation.Ignore)
        {
            if (options.FieldValidation == FieldValidation.Strict)
            {
                var fields = string.Join(", ", removed.Select(r => $"unknown field \"{r}\""));
                throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
            }
            options.Warnings.AddRange(removed.Select(r => $"unknown field \"{r}\""));
        }
        SchemaDefaulter.Apply(obj, type.Schema);
    }

    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (EventViews.IsCoreEvent(type))
        {
            EventViews.Validate(type, obj);
        }
        if (Admission.WebhookConfigurationValidator.Applies(type))
        {
            Admission.WebhookConfigurationValidator.Validate(type, obj);
        }
        var errors = MetadataValidator.Validate(obj, type);
        if (type.Schema is not null)
        {
            errors.AddRange(SchemaValidator.Validate(obj, type.Schema, old));
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type, Meta.Name(obj), errors);
        }
    }
}
