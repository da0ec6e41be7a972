using System.Reflection;
using ContactOperator.Aws.Core;

namespace ContactOperator.Aws.Tests;

/// <summary>The catalog of generated clients lists every generated client and all of its operations.</summary>
public sealed class AwsClientCatalogTests
{
    [Fact]
    public void Every_generated_operations_class_is_in_the_catalog_with_all_its_operations()
    {
        var generated = typeof(AwsClientCatalog).Assembly.GetTypes()
            .Select(t => t.GetField("Bindings", BindingFlags.Static | BindingFlags.NonPublic))
            .Where(f => f?.FieldType == typeof(IReadOnlyList<AwsOperationBinding>))
            .SelectMany(f => (IReadOnlyList<AwsOperationBinding>)f!.GetValue(null)!)
            .Select(b => (b.Operation.Service, b.Operation.Name))
            .ToHashSet();
        var catalogued = AwsClientCatalog.All.SelectMany(c => c.Operations.Select(o => (o.Service, o.Name))).ToHashSet();

        Assert.True(generated.Count >= 60, $"found only {generated.Count} generated operations");
        Assert.Equal(generated.Order(), catalogued.Order());
    }

    [Fact]
    public void Each_service_lists_only_its_own_operations()
    {
        foreach (var client in AwsClientCatalog.All)
        {
            Assert.NotEmpty(client.Operations);
            Assert.All(client.Operations, o => Assert.Equal(client.Service.ServiceId, o.Service));
        }
    }
}
