using Residency.Infra.Tests.Checks;
using Xunit;

namespace Residency.Infra.Tests;

public class CompilerRuleTests
{
    public static TheoryData<string> InfraFilePaths() => new(InfraFiles.InfraRelativePaths());

    /// <summary>Start-time values, unused declarations and secret-looking parameters, as the compiler and linter judge them.</summary>
    [Theory]
    [MemberData(nameof(InfraFilePaths))]
    public void Infra_file_passes_the_compiler_and_linter_rules(string relativePath)
    {
        var findings = CompilerRules.Check(InfraFiles.Document(InfraFiles.Infra(relativePath)));

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }
}
