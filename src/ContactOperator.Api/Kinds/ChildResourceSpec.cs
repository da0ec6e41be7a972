namespace ContactOperator.Api.Kinds;

/// <summary>Names of the AWS-side limits shared by the resources that live inside an instance.</summary>
public static class ConnectLimits
{
    public const int NameMaxLength = 127;
    public const int DescriptionMaxLength = 250;
}
