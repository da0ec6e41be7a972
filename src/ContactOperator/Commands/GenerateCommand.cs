using System.CommandLine;

namespace ContactOperator.Commands;

/// <summary>`contact-operator generate crds|…`: writes manifests derived from the C# types.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Generate manifests from the operator's types.");
        return command;
    }
}
