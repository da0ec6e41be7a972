using System.Text;
using System.Text.Json;
using ContactOperator.Kinds;

namespace ContactOperator.Manifests;

/// <summary>
/// <c>eng/codegen/operations.json</c>: the operations eng/codegen/generate.py generates client methods for, one line each
/// (service signing name, operation, the retry safety the model cannot tell, who declares it), from the
/// <see cref="AwsOperationCatalog"/>. The generated clients therefore have exactly the declared operations.
/// </summary>
public static class CodegenOperations
{
    public const string Path = "eng/codegen/operations.json";

    public static string Json(IReadOnlyList<CataloguedAwsOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var text = new StringBuilder()
            .Append("{\n")
            .Append("  \"generatedBy\": \"bash eng/generate-manifests.sh, from the AWS operations the kinds and other AWS users declare (src/ContactOperator/Kinds/AwsOperationCatalog.cs). Do not edit; eng/codegen/generate.py reads it.\",\n")
            .Append("  \"operations\": [\n");
        for (var i = 0; i < operations.Count; i++)
        {
            text.Append("    ").Append(Line(operations[i])).Append(i < operations.Count - 1 ? ",\n" : "\n");
        }
        return text.Append("  ]\n}\n").ToString();
    }

    private static string Line(CataloguedAwsOperation operation)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("service", operation.Use.Service.SigningName);
            json.WriteString("operation", operation.Use.Operation);
            if (operation.Use.RetrySafety is { } safety)
            {
                json.WriteString("retrySafety", safety.ToString());
            }
            json.WriteStartArray("declaredBy");
            foreach (var user in operation.DeclaredBy)
            {
                json.WriteStringValue(user);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
