using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Checks;

/// <summary>
/// Compiler and linter rules that need no type information: values that must be known when the deployment
/// starts (loop sources, conditions, resource and module names), unused parameters and variables, and
/// parameters named like secrets without <c>@secure()</c>.
/// </summary>
internal static class CompilerRules
{
    public const string RuntimeValue = "runtime-value";
    public const string Unused = "unused-declaration";
    public const string SecretParameter = "secret-parameter";

    private const int MaxDepth = 16;

    // A resource's id, name, type and apiVersion are known at the start; everything else is read at deploy time.
    private static readonly HashSet<string> StartTimeResourceProperties = new(StringComparer.Ordinal) { "id", "name", "type", "apiVersion" };
    private static readonly string[] SecretWords = ["password", "pwd", "secret", "accountkey", "acctkey"];

    public static IReadOnlyList<Finding> Check(BicepDocument document)
    {
        var findings = new List<Finding>();
        CheckStartTimeValues(document, findings);
        if (!document.File.IsParameterFile)
        {
            CheckUnused(document, findings);
            CheckSecretNames(document, findings);
        }

        return findings;
    }

    private static void CheckStartTimeValues(BicepDocument document, List<Finding> findings)
    {
        var resources = document.Resources.Select(r => r.Symbol).ToHashSet(StringComparer.Ordinal);
        var modules = document.Modules.Select(m => m.Symbol).ToHashSet(StringComparer.Ordinal);

        void Require(BicepNode? expression, string what)
        {
            if (expression is not null && FindRuntime(document, expression, resources, modules, 0) is { } runtime)
            {
                findings.Add(Finding.At(RuntimeValue, document.DisplayPath, expression,
                    $"{what} must be known when the deployment starts, but uses '{runtime}'"));
            }
        }

        foreach (var node in document.File.Root.DescendantsAndSelf())
        {
            if (node.Type == "for_statement")
            {
                Require(LoopSource(node), "a for-expression's array");
            }
            else if (node.Type == "if_statement")
            {
                Require(node.Child("parenthesized_expression"), "a condition");
            }
        }

        foreach (var resource in document.Resources)
        {
            Require(BicepDocument.Property(resource.Body, "name"), $"the name of resource '{resource.Symbol}'");
            Require(BicepDocument.Property(resource.Body, "scope"), $"the scope of resource '{resource.Symbol}'");
        }

        foreach (var module in document.Modules)
        {
            Require(BicepDocument.Property(module.Body, "name"), $"the name of module '{module.Symbol}'");
            Require(BicepDocument.Property(module.Body, "scope"), $"the scope of module '{module.Symbol}'");
        }
    }

    /// <summary>The expression after <c>in</c>: the child that is neither the loop variable(s) nor the body.</summary>
    private static BicepNode? LoopSource(BicepNode loop) =>
        loop.CodeChildren.FirstOrDefault(c => c.Field is null && c.Type != "for_loop_parameters" && c.Type != "loop_variable");

    /// <summary>The first deploy-time-only reference inside an expression (following variables), or null.</summary>
    private static string? FindRuntime(BicepDocument document, BicepNode expression, HashSet<string> resources, HashSet<string> modules, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        foreach (var node in expression.DescendantsAndSelf())
        {
            switch (node.Type)
            {
                case "member_expression":
                    var target = node.FieldChild("object");
                    var property = node.FieldChild("property")?.Text ?? string.Empty;
                    var symbol = RootSymbol(target);
                    if (symbol is not null && target!.Type != "member_expression")
                    {
                        if (modules.Contains(symbol) && property == "outputs")
                        {
                            return $"{symbol}.outputs";
                        }

                        if (resources.Contains(symbol) && !StartTimeResourceProperties.Contains(property))
                        {
                            return $"{symbol}.{property}";
                        }
                    }

                    break;
                case "call_expression":
                    var function = node.FieldChild("function")?.Text ?? string.Empty;
                    if (function == "reference" || function.StartsWith("list", StringComparison.Ordinal))
                    {
                        return $"{function}()";
                    }

                    break;
                case "identifier" when node.Field is not "function" && document.Variables.TryGetValue(node.Text ?? string.Empty, out var variable):
                    if (FindRuntime(document, variable.Value, resources, modules, depth + 1) is { } found)
                    {
                        return found;
                    }

                    break;
                default:
                    break;
            }
        }

        return null;
    }

    /// <summary>The symbol an access starts from: <c>x</c>, <c>x[i]</c> or <c>x::child</c>.</summary>
    private static string? RootSymbol(BicepNode? node) => node?.Type switch
    {
        "identifier" => node.Text,
        "subscript_expression" => RootSymbol(node.FieldChild("object")),
        "resource_expression" => RootSymbol(node.FieldChild("object")),
        _ => null,
    };

    private static void CheckUnused(BicepDocument document, List<Finding> findings)
    {
        var used = document.File.Root.DescendantsAndSelf()
            .Where(n => n.Type == "identifier" && n.Field != "function")
            .Select(n => n.Text ?? string.Empty)
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = document.File.Root.DescendantsAndSelf()
            .Where(n => n.Type == "object_property")
            .Select(p => p.CodeChildren.FirstOrDefault())
            .Where(k => k?.Type == "identifier")
            .Select(k => k!.Text ?? string.Empty)
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // A declaration is used when its name occurs as an identifier more often than as its own declaration plus
        // the object keys that happen to share the name.
        int References(string name) => used.GetValueOrDefault(name) - 1 - keys.GetValueOrDefault(name);

        foreach (var parameter in document.Parameters.Values.Where(p => References(p.Name) <= 0))
        {
            findings.Add(Finding.At(Unused, document.DisplayPath, parameter.Node, $"parameter '{parameter.Name}' is never used"));
        }

        foreach (var variable in document.Variables.Values.Where(v => References(v.Name) <= 0))
        {
            findings.Add(Finding.At(Unused, document.DisplayPath, variable.Node, $"variable '{variable.Name}' is never used"));
        }
    }

    private static void CheckSecretNames(BicepDocument document, List<Finding> findings)
    {
        foreach (var parameter in document.Parameters.Values)
        {
            var word = SecretWords.FirstOrDefault(w => parameter.Name.Contains(w, StringComparison.OrdinalIgnoreCase));
            if (word is not null && parameter.FindDecorator("secure") is null)
            {
                findings.Add(Finding.At(SecretParameter, document.DisplayPath, parameter.Node,
                    $"parameter '{parameter.Name}' looks like a secret ('{word}') but is not @secure()"));
            }
        }
    }
}
