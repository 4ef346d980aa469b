using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Checks;

/// <summary>Reports every ERROR and MISSING node tree-sitter-bicep produced while recovering from a syntax error.</summary>
internal static class SyntaxCheck
{
    public const string Rule = "syntax";

    public static IReadOnlyList<Finding> Check(BicepFile file) =>
        file.Root.DescendantsAndSelf()
            .Where(n => n.Type == "ERROR" || n.IsMissing)
            .Select(n => Finding.At(
                Rule,
                file.DisplayPath,
                n,
                n.IsMissing ? $"missing {n.Type} at column {n.Column}" : $"syntax error at column {n.Column}"))
            .ToList();
}
