using Residency.Infra.Tests.Compiler;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The real compiler and linter accept infra/ with no warning, and really run (each fault fixture fails).</summary>
public class CompilerTests
{
    public static TheoryData<string> ParameterFiles() => new(InfraBuild.ParameterFiles);

    [Fact]
    public void Main_and_every_module_build_without_errors_or_warnings()
    {
        var run = InfraBuild.Infra.Run;

        Assert.True(run.IsClean, run.Report());
        Assert.NotNull(InfraBuild.Infra.Template(InfraBuild.MainFile));
        Assert.All(Directory.EnumerateFiles(Path.Combine(InfraBuild.InfraDirectory, "modules"), "*.bicep"),
            module => Assert.NotNull(InfraBuild.Infra.Template(module)));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Parameter_file_builds_without_errors_or_warnings(string parameterFile)
    {
        var run = InfraBuild.Parameters;

        Assert.True(run.IsClean, run.Report());
        Assert.Empty(run.In(Path.Combine(InfraBuild.InfraDirectory, parameterFile)));
        Assert.Contains("\"location\"", InfraBuild.ParametersJson(parameterFile), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_passes_with_bicepconfig_rules_and_warnings_as_errors()
    {
        var run = InfraBuild.Lint;

        Assert.True(run.IsClean, run.Report());
    }

    [Fact]
    public void Lint_warnings_count_although_the_linter_exits_0()
    {
        var run = BicepCompiler.Run("lint", Path.Combine(InfraBuild.FixtureDirectory, "Compiler", "unknown-property.bicep"), "--config", InfraBuild.BicepConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.False(run.IsClean);
        Assert.Contains(run.Diagnostics, d => d.Code == "BCP037" && d.Level == "Warning" && d.Line == 18);
    }

    /// <summary>Each fixture holds one fault the compiler must report, at the line of the fault, with infra's bicepconfig.json.</summary>
    [Theory]
    [InlineData("syntax-error.bicep", "BCP018", 12)]
    [InlineData("wrong-type.bicep", "BCP036", 18)]
    [InlineData("unknown-property.bicep", "BCP037", 18)]
    [InlineData("unknown-api-version.bicep", "BCP081", 9)]
    public void Compiler_reports_the_fault_at_its_line(string fixture, string code, int line)
    {
        var fixtures = InfraBuild.CompilerFixtures;
        var file = Path.Combine(InfraBuild.FixtureDirectory, "Compiler", fixture);

        var diagnostics = fixtures.Run.In(file).ToList();

        Assert.False(fixtures.Run.IsClean);
        Assert.Contains(diagnostics, d => d.Code == code && d.Line == line);
        Assert.All(diagnostics, d => Assert.Contains(d.Level, new[] { "Error", "Warning" }));
    }

    [Fact]
    public void A_failed_build_reports_file_line_and_code()
    {
        var report = InfraBuild.CompilerFixtures.Run.Report();

        Assert.Matches(@"syntax-error\.bicep\(12,1\) : Error BCP018: ", report);
    }

    [Fact]
    public void No_compiler_is_a_failure_that_names_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-bicep-{Guid.NewGuid():N}");

        var notLinux = Assert.Throws<InvalidOperationException>(() => CompilerLocation.Find(null, missing, isLinuxX64: false, searchPath: missing));
        var badPath = Assert.Throws<InvalidOperationException>(() => CompilerLocation.Find(missing, missing, isLinuxX64: true, searchPath: null));
        var noPackage = Assert.Throws<InvalidOperationException>(() => CompilerLocation.Find(null, missing, isLinuxX64: true, searchPath: null));

        Assert.Contains(CompilerLocation.PathVariable, notLinux.Message, StringComparison.Ordinal);
        Assert.Contains(CompilerLocation.PathVariable, badPath.Message, StringComparison.Ordinal);
        Assert.Contains(CompilerLocation.PathVariable, noPackage.Message, StringComparison.Ordinal);
        Assert.Contains(CompilerLocation.PackageId, notLinux.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiler_used_is_the_version_pinned_in_Directory_Packages_props()
    {
        Assert.Equal(BicepVersionPin.Version, CompilerLocation.PinnedVersion);
        Assert.Contains($"Bicep CLI version {BicepVersionPin.Version} ", BicepCompiler.Run("--version").Stdout, StringComparison.Ordinal);
    }
}
