using System.CommandLine;
using ContactOperator.Crds;

namespace ContactOperator.Commands;

/// <summary>`contact-operator generate crds`: writes manifests derived from the C# types.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Generate manifests from the operator's types.");
        command.Subcommands.Add(CreateCrds());
        return command;
    }

    private static Command CreateCrds()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Directory the CRD files are written to.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("config", "crd", "bases")),
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 if the files in --output differ from the types.",
        };
        var command = new Command("crds", "Generate the CustomResourceDefinitions (apiextensions.k8s.io/v1) of every kind.") { output, check };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!;
            var crds = CrdGenerator.GenerateAll();
            if (parse.GetValue(check))
            {
                var stale = crds.Where(c => !File.Exists(Path.Combine(directory.FullName, c.FileName))
                    || File.ReadAllText(Path.Combine(directory.FullName, c.FileName)) != c.Yaml).ToList();
                foreach (var crd in stale)
                {
                    Console.Error.WriteLine($"out of date: {Path.Combine(directory.FullName, crd.FileName)}");
                }
                return stale.Count == 0 ? 0 : 1;
            }
            directory.Create();
            foreach (var crd in crds)
            {
                var path = Path.Combine(directory.FullName, crd.FileName);
                File.WriteAllText(path, crd.Yaml);
                Console.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return command;
    }
}
