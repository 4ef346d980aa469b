using System.Text.Json.Nodes;

namespace Residency.Infra.Tests.Arm;

/// <summary>
/// Every string literal a template value can draw on: its literals, and those of the parameters (passed values,
/// defaults, allowed values) and variables it reads, followed through the templates. An over-approximation, for
/// questions like "are these the vehicle-* containers?" where loops make exact values unknowable.
/// </summary>
internal static class ReachableStrings
{
    public static IReadOnlySet<string> Of(JsonNode? json, TemplateScope scope)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Visit(json, scope, found, new HashSet<(string, TemplateScope)>(), 0);
        return found;
    }

    private static void Visit(JsonNode? json, TemplateScope scope, HashSet<string> found, HashSet<(string, TemplateScope)> seen, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (json)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Visit(value, scope, found, seen, depth + 1);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, scope, found, seen, depth + 1);
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text):
                if (ArmExpression.IsExpression(text))
                {
                    Visit(ArmExpression.Parse(text), scope, found, seen, depth + 1);
                }
                else
                {
                    found.Add(ArmExpression.Literal(text));
                }

                break;
        }
    }

    private static void Visit(ArmExpression expression, TemplateScope scope, HashSet<string> found, HashSet<(string, TemplateScope)> seen, int depth)
    {
        switch (expression)
        {
            case ArmExpression.StringLiteral s:
                found.Add(s.Value);
                break;
            case ArmExpression.Member m:
                Visit(m.Target, scope, found, seen, depth + 1);
                break;
            case ArmExpression.Index ix:
                Visit(ix.Target, scope, found, seen, depth + 1);
                Visit(ix.Key, scope, found, seen, depth + 1);
                break;
            case ArmExpression.Call { Function: var f, Arguments: [ArmExpression.StringLiteral name] } when f.Equals("parameters", StringComparison.OrdinalIgnoreCase):
                if (seen.Add(("p:" + name.Value, scope)))
                {
                    var declaration = scope.ParameterDeclaration(name.Value);
                    Visit(declaration?["defaultValue"], scope, found, seen, depth + 1);
                    Visit(declaration?["allowedValues"], scope, found, seen, depth + 1);
                    if (scope.TryGetArgument(name.Value, out var passed, out var passedScope))
                    {
                        Visit(passed, passedScope!, found, seen, depth + 1);
                    }
                }

                break;
            case ArmExpression.Call { Function: var f, Arguments: [ArmExpression.StringLiteral name] } when f.Equals("variables", StringComparison.OrdinalIgnoreCase):
                if (seen.Add(("v:" + name.Value, scope)))
                {
                    Visit(scope.Variable(name.Value, out _), scope, found, seen, depth + 1);
                    var loops = scope.Template["variables"]?["copy"] as JsonArray ?? [];
                    foreach (var loop in loops.OfType<JsonObject>().Where(l => l["name"]?.GetValue<string>() == name.Value))
                    {
                        Visit(loop["input"], scope, found, seen, depth + 1);
                    }
                }

                break;
            case ArmExpression.Call call:
                foreach (var argument in call.Arguments)
                {
                    Visit(argument, scope, found, seen, depth + 1);
                }

                break;
        }
    }
}
