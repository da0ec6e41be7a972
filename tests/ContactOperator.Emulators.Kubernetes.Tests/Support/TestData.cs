using System.Text.Json.Nodes;

namespace ContactOperator.Emulators.Kubernetes.Tests.Support;

public static class TestData
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string WidgetCrdPath => Path.Combine(Directory, "widget-crd.yaml");

    public static JsonObject WidgetCrd() => Yaml.ToJson(File.ReadAllText(WidgetCrdPath));

    public static JsonObject Widget(string name, string color = "red", string region = "eu-west-1") => new()
    {
        ["apiVersion"] = "test.contact-operator.io/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["color"] = color, ["region"] = region },
    };

    public static JsonObject ConfigMap(string name, string ns = "default", JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? new JsonObject() },
        ["data"] = new JsonObject { ["key"] = "value" },
    };
}
