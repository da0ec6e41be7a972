namespace ContactOperator.Api;

/// <summary>The API group and version every ContactOperator custom resource belongs to.</summary>
public static class ApiGroup
{
    public const string Name = "connect.contact-operator.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Name + "/" + Version;
    public const string Category = "contactcenter";
}
