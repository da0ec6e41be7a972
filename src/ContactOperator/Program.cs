using System.CommandLine;
using ContactOperator.Commands;

var root = new RootCommand("ContactOperator: runs an Amazon Connect contact center declaratively from Kubernetes resources.")
{
    RunCommand.Create(),
    GenerateCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
