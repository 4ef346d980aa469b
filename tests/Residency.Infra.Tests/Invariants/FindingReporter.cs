using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;

namespace Residency.Infra.Tests.Invariants;

/// <summary>Collects the findings of one template, naming its .bicep file relative to the display root and the line of each resource.</summary>
internal sealed class FindingReporter(TemplateScope scope, string displayRoot, List<Finding> findings)
{
    public TemplateScope Scope { get; } = scope;

    public string File { get; } = Path.GetRelativePath(displayRoot, scope.SourceFile).Replace('\\', '/');

    public void Add(string rule, JsonObject resource, string[] path, string message) =>
        findings.Add(new Finding(rule, File, SourceLocator.Line(Scope, resource, path), $"{SourceLocator.Describe(Scope, resource)}: {message}"));

    public void AddAt(string rule, int line, string message) => findings.Add(new Finding(rule, File, line, message));

    /// <summary>The property must be provably the expected value; missing, other or unknown is a finding.</summary>
    public void RequireValue(JsonObject resource, string rule, object expected, params string[] path)
    {
        JsonNode? node = resource;
        foreach (var name in path)
        {
            node = TemplateScope.Get(node, name);
        }

        var dotted = string.Join('.', path);
        var expectedJson = expected switch
        {
            bool b => b ? "true" : "false",
            _ => JsonValue.Create(expected.ToString())!.ToJsonString(),
        };
        if (node is null)
        {
            Add(rule, resource, [], $"{dotted} must be {expectedJson}; it is not set");
            return;
        }

        var possible = PossibleValues.Of(node, Scope);
        if (possible is null)
        {
            Add(rule, resource, path, $"{dotted} must be {expectedJson}; the template does not show that {node.ToJsonString()} is");
        }
        else if (!possible.All(c => c.Json?.ToJsonString() == expectedJson))
        {
            Add(rule, resource, path, $"{dotted} must be {expectedJson}; it can be {Show(possible)}");
        }
    }

    public static string Show(IReadOnlyList<Candidate>? values) => Show(values?.Select(c => c.Json?.ToJsonString() ?? "null").ToList());

    public static string Show(IReadOnlyList<string>? values) =>
        values is null ? "unknown (the template does not show it)" : string.Join(" or ", values);
}
