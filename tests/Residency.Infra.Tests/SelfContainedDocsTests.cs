using System.Text.RegularExpressions;
using Residency.Testing;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>
/// The repository explains itself: code, docs and infra cite only files in the repository (no design notes or
/// references kept elsewhere), and every relative link in the docs points at a file that exists.
/// </summary>
public sealed partial class SelfContainedDocsTests
{
    private static readonly string[] Folders = ["functions", "docs", "infra", "tests", "build", "samples"];

    [Fact]
    public void Nothing_cites_a_file_outside_the_repository()
    {
        var citing = Files().Where(f => OutsideCitation().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f)).ToList();

        Assert.Empty(citing);
    }

    [Fact]
    public void Every_relative_link_in_the_docs_names_a_file_that_exists()
    {
        var broken = new List<string>();
        foreach (var doc in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Append(Path.Combine(RepoPaths.Root, "README.md")))
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(doc)))
            {
                var target = link.Groups["path"].Value;
                if (!target.Contains("://", StringComparison.Ordinal) && !File.Exists(Path.Combine(Path.GetDirectoryName(doc)!, target)))
                {
                    broken.Add($"{Path.GetFileName(doc)}: {target}");
                }
            }
        }

        Assert.Empty(broken);
    }

    private static IEnumerable<string> Files() =>
        Folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.*", SearchOption.AllDirectories))
            .Append(Path.Combine(RepoPaths.Root, "README.md"))
            .Where(f => Path.GetExtension(f) is ".cs" or ".md" or ".bicep" or ".json" or ".sh" or ".csproj" or ".targets"
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal)
                && !f.EndsWith(nameof(SelfContainedDocsTests) + ".cs", StringComparison.Ordinal));

    [GeneratedRegex(@"design\.md|\.\./shared/|reference/regulations\.md|reference/functions-custom-handler\.md")]
    private static partial Regex OutsideCitation();

    [GeneratedRegex(@"\]\((?<path>[^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex MarkdownLink();
}
