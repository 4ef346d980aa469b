using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Checks;

/// <summary>One problem a check found: the rule it breaks, where, and what is wrong.</summary>
internal sealed record Finding(string Rule, string File, int Line, string Message)
{
    public static Finding At(string rule, string file, BicepNode node, string message) => new(rule, file, node.Line, message);

    public override string ToString() => $"{File}:{Line}: [{Rule}] {Message}";
}
