namespace Residency.Infra.Tests.Invariants;

/// <summary>One broken invariant: the rule, the .bicep file and line it comes from, and what is wrong.</summary>
internal sealed record Finding(string Rule, string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: [{Rule}] {Message}";
}
