using BenchmarkDotNet.Running;

// Every benchmark in this assembly: `dotnet run -c Release --project benchmarks/ContactOperator.Benchmarks -- --filter '*'`.
// Harness-style measurements (not BenchmarkDotNet) are exposed as `-- harness <name>`.
if (args.Length > 0 && args[0] == "harness")
{
    return await ContactOperator.Benchmarks.Harnesses.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(ContactOperator.Benchmarks.Harnesses).Assembly).Run(args);
return 0;
