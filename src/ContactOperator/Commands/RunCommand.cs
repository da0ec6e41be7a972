using System.CommandLine;

namespace ContactOperator.Commands;

/// <summary>`contact-operator run`: the container's entry point. Owned by the runtime work (issue 4).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the operator against a Kubernetes cluster.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("run: not implemented yet");
            return 1;
        });
        return command;
    }
}
