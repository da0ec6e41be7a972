using System.CommandLine;
using ContactOperator.Commands;

var root = new RootCommand("ContactOperator: runs an Amazon Connect contact center declaratively from Kubernetes resources.")
{
    RunCommand.Create(),
    GenerateCommand.Create(),
};
// Signals are handled by the commands that run (ShutdownSignals), so a graceful drain is never cut short.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
