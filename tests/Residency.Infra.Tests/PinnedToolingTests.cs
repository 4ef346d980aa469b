using Residency.Infra.Tests.Compiler;
using Residency.Testing;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>CI, the deployment script, its docs and the workflow use the one Bicep version the tests run, and nothing reads ../shared.</summary>
public class PinnedToolingTests
{
    [Theory]
    [InlineData("infra/README.md")]
    [InlineData("infra/deploy.sh")]
    [InlineData(".github/workflows/deploy-infra.yml")]
    [InlineData(".ci/run")]
    [InlineData("README.md")]
    public void Every_bicep_install_names_a_version(string file)
    {
        var unpinned = File.ReadAllLines(Path.Combine(RepoPaths.Root, file))
            .Where(l => l.Contains("az bicep install", StringComparison.Ordinal) && !l.Contains("--version", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(unpinned);
    }

    [Fact]
    public void Deployment_docs_name_the_pinned_version()
    {
        var readme = File.ReadAllText(Path.Combine(InfraBuild.InfraDirectory, "README.md"));

        Assert.Contains($"az bicep install --version v{BicepVersionPin.Version}", readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("infra/deploy.sh")]
    [InlineData(".github/workflows/deploy-infra.yml")]
    public void Scripts_read_the_version_from_Directory_Packages_props(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));

        Assert.Contains("Azure.Bicep.CommandLine.linux-x64", text, StringComparison.Ordinal);
        Assert.Contains("Directory.Packages.props", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_reads_the_shared_folder_or_a_type_index()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal)
                && !f.EndsWith(nameof(PinnedToolingTests) + ".cs", StringComparison.Ordinal))
            .Append(Path.Combine(RepoPaths.Root, ".ci", "run"));

        var readers = sources.Where(f => File.ReadAllText(f) is var t
            && (t.Contains("BICEP_TYPES_DIR", StringComparison.Ordinal) || t.Contains("shared/bicep-types", StringComparison.Ordinal))).ToList();

        Assert.Empty(readers);
    }
}
