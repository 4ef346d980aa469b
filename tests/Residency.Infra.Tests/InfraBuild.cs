using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using Residency.Infra.Tests.Compiler;
using Residency.Testing;

namespace Residency.Infra.Tests;

/// <summary>
/// What the tests compile, each once per run: infra/ (build and lint), each parameter file (build-params), and the
/// fixture folders. Outputs go under the test output folder.
/// </summary>
internal static class InfraBuild
{
    private static readonly Lazy<CompiledFiles> LazyInfra = new(() => CompiledFiles.Build(InfraDirectory, OutputFolder("infra")));
    private static readonly Lazy<CompilerRun> LazyLint = new(() => BicepCompiler.Run("lint", "--pattern", Path.Combine(InfraDirectory, "**", "*.bicep")));
    private static readonly Lazy<CompiledFiles> LazyCompilerFixtures = new(() =>
        CompiledFiles.Build(Path.Combine(FixtureDirectory, "Compiler"), OutputFolder("compiler-fixtures"), BicepConfig));
    private static readonly Lazy<CompiledFiles> LazyResidencyFixtures = new(() =>
        CompiledFiles.Build(Path.Combine(FixtureDirectory, "Residency"), OutputFolder("residency-fixtures")));
    private static readonly Lazy<CompilerRun> LazyParameters = new(() => BicepCompiler.Run(
        "build-params", "--pattern", Path.Combine(InfraDirectory, "*.bicepparam"), "--outdir", Directory.CreateDirectory(OutputFolder("parameters")).FullName));

    public static string InfraDirectory => Path.Combine(RepoPaths.Root, "infra");

    public static string MainFile => Path.Combine(InfraDirectory, "main.bicep");

    public static string BicepConfig => Path.Combine(InfraDirectory, "bicepconfig.json");

    public static string FixtureDirectory => Path.Combine(RepoPaths.Root, "tests", "Residency.Infra.Tests", "Fixtures");

    public static IReadOnlyList<string> ParameterFiles => ["main.dev.bicepparam", "main.prod.bicepparam"];

    /// <summary>infra/**/*.bicep compiled with infra/bicepconfig.json (found by the compiler, as for a deployment).</summary>
    public static CompiledFiles Infra => LazyInfra.Value;

    public static CompilerRun Lint => LazyLint.Value;

    /// <summary>Fixtures/Compiler, compiled with infra/bicepconfig.json: each file holds one compiler-level fault.</summary>
    public static CompiledFiles CompilerFixtures => LazyCompilerFixtures.Value;

    /// <summary>Fixtures/Residency (its own bicepconfig.json turns the linter off): each file breaks one residency invariant.</summary>
    public static CompiledFiles ResidencyFixtures => LazyResidencyFixtures.Value;

    public static string ModuleFile(string name) => Path.Combine(InfraDirectory, "modules", name);

    /// <summary><c>bicep build-params</c> of every infra/*.bicepparam, in one run.</summary>
    public static CompilerRun Parameters => LazyParameters.Value;

    /// <summary>The parameters JSON that build-params wrote for a parameter file, or null when it did not build.</summary>
    public static string? ParametersJson(string parameterFile)
    {
        _ = Parameters;
        var output = Path.Combine(OutputFolder("parameters"), Path.ChangeExtension(parameterFile, ".json"));
        return File.Exists(output) ? File.ReadAllText(output) : null;
    }

    /// <summary>main.json as a parameter file deploys it: a root scope that knows the file's values (defaults for the rest).</summary>
    public static TemplateScope ParameterScope(string parameterFile)
    {
        var json = ParametersJson(parameterFile) ?? throw new InvalidOperationException($"{parameterFile} did not build:{Environment.NewLine}{Parameters.Report()}");
        var parameters = JsonNode.Parse(json)!["parameters"]!.AsObject();
        var values = parameters.ToDictionary(p => p.Key, p => p.Value?["value"], StringComparer.OrdinalIgnoreCase);
        return Infra.Scope(MainFile, values);
    }

    /// <summary>The compiled template of an infra module (its own compilation, as nested in main.json).</summary>
    public static TemplateScope Module(string name) => Infra.Scope(ModuleFile(name));

    private static string OutputFolder(string name) => Path.Combine(AppContext.BaseDirectory, "bicep-out", name);
}
