using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;

namespace Residency.Infra.Tests.Compiler;

/// <summary>
/// The .bicep files of one folder compiled in one <c>bicep build --pattern</c> run, with the compiler's diagnostics.
/// A module's nested template carries the same template hash as the module compiled alone, which is how a nested
/// template is traced back to its .bicep file.
/// </summary>
internal sealed class CompiledFiles
{
    private readonly Dictionary<string, string> sourceByHash = new(StringComparer.Ordinal);
    private readonly string sourceDirectory;
    private readonly string outputDirectory;

    private CompiledFiles(string sourceDirectory, string outputDirectory, CompilerRun run)
    {
        this.sourceDirectory = sourceDirectory;
        this.outputDirectory = outputDirectory;
        Run = run;
        foreach (var output in Directory.EnumerateFiles(outputDirectory, "*.json", SearchOption.AllDirectories))
        {
            var hash = JsonNode.Parse(File.ReadAllText(output))?["metadata"]?["_generator"]?["templateHash"]?.GetValue<string>();
            if (hash is not null)
            {
                sourceByHash.TryAdd(hash, SourceOf(output));
            }
        }
    }

    public CompilerRun Run { get; }

    /// <summary>Compiles every .bicep file under the folder; <paramref name="config"/> replaces bicepconfig.json discovery.</summary>
    public static CompiledFiles Build(string sourceDirectory, string outputDirectory, string? config = null)
    {
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }

        Directory.CreateDirectory(outputDirectory);
        var pattern = Path.Combine(Path.GetFullPath(sourceDirectory), "**", "*.bicep");
        string[] arguments = config is null
            ? ["build", "--pattern", pattern, "--outdir", outputDirectory]
            : ["build", "--pattern", pattern, "--outdir", outputDirectory, "--config", config];
        return new CompiledFiles(Path.GetFullPath(sourceDirectory), Path.GetFullPath(outputDirectory), BicepCompiler.Run(arguments));
    }

    /// <summary>The compiled template of a .bicep file under the folder, or null when it did not compile.</summary>
    public JsonObject? Template(string bicepFile)
    {
        var output = Path.ChangeExtension(Path.Combine(outputDirectory, Path.GetRelativePath(sourceDirectory, Path.GetFullPath(bicepFile))), ".json");
        return File.Exists(output) ? JsonNode.Parse(File.ReadAllText(output))!.AsObject() : null;
    }

    /// <summary>The file's template as the root of a deployment, its modules traced to their .bicep files.</summary>
    public TemplateScope Scope(string bicepFile, IReadOnlyDictionary<string, JsonNode?>? parameterValues = null) =>
        TemplateScope.Root(Template(bicepFile) ?? throw new InvalidOperationException($"{bicepFile} did not compile:{Environment.NewLine}{Run.Report()}"),
            Path.GetFullPath(bicepFile), SourceOfHash, parameterValues);

    public string? SourceOfHash(string hash) => sourceByHash.GetValueOrDefault(hash);

    private string SourceOf(string output) =>
        Path.ChangeExtension(Path.Combine(sourceDirectory, Path.GetRelativePath(outputDirectory, output)), ".bicep");
}
