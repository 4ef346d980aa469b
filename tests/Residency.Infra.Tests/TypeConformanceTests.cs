using System.Text.RegularExpressions;
using Xunit;

namespace Residency.Infra.Tests;

public class TypeConformanceTests
{
    public static TheoryData<string> InfraFilePaths() => new(InfraFiles.InfraRelativePaths());

    [Fact]
    public void Type_index_is_found_and_loaded()
    {
        Assert.True(InfraFiles.TypeIndex.ResourceTypeCount > 100, InfraFiles.TypeIndex.Directory);
    }

    [Theory]
    [MemberData(nameof(InfraFilePaths))]
    public void Infra_file_conforms_to_the_type_index(string relativePath)
    {
        var document = InfraFiles.Document(InfraFiles.Infra(relativePath));

        var findings = InfraFiles.TypeChecker().Check(document);

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public void Readme_records_every_api_version_in_use()
    {
        var readme = File.ReadAllText(Path.Combine(InfraFiles.InfraDirectory, "README.md"));
        var inUse = InfraFiles.InfraDocuments()
            .SelectMany(d => d.Resources)
            .Select(r => $"{r.FullType.Split('/')[0]}/{r.FullType.Split('/')[1]}@{r.ApiVersion}")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.NotEmpty(inUse);
        Assert.All(inUse, reference => Assert.Contains(reference, readme, StringComparison.OrdinalIgnoreCase));
        Assert.All(inUse.Select(r => r.Split('/')[0]).Distinct(StringComparer.OrdinalIgnoreCase),
            provider => Assert.Matches(ProviderShowCommand(provider), readme));
    }

    private static Regex ProviderShowCommand(string provider) =>
        new($"az provider show (-n|--namespace) {Regex.Escape(provider)}\\b", RegexOptions.IgnoreCase);
}
