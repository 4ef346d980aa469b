using System.Text.Json.Nodes;

namespace Residency.Infra.Tests.Arm;

/// <summary>
/// Every string literal a template value can draw on: its own, and those of the parameters (passed values, defaults,
/// allowed values) and variables (loops included) it reads, followed through the templates. An over-approximation for
/// questions like "is this a vehicle-* container?", where loops make the exact value unknowable.
/// </summary>
internal static class ReachableStrings
{
    public static IReadOnlySet<string> Of(JsonNode? json, TemplateScope scope)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Visit(json, scope, found, []);
        return found;
    }

    private static void Visit(JsonNode? json, TemplateScope scope, HashSet<string> found, HashSet<(string, TemplateScope)> seen)
    {
        switch (json)
        {
            case JsonObject obj:
                obj.Select(p => p.Value).ToList().ForEach(v => Visit(v, scope, found, seen));
                break;
            case JsonArray array:
                array.ToList().ForEach(v => Visit(v, scope, found, seen));
                break;
            case JsonValue value when value.TryGetValue(out string? text):
                if (ArmExpression.IsExpression(text))
                {
                    Visit(ArmExpression.Parse(text), scope, found, seen);
                }
                else
                {
                    found.Add(ArmExpression.Literal(text));
                }

                break;
        }
    }

    private static void Visit(ArmExpression expression, TemplateScope scope, HashSet<string> found, HashSet<(string, TemplateScope)> seen)
    {
        switch (expression)
        {
            case ArmExpression.StringLiteral s:
                found.Add(s.Value);
                break;
            case ArmExpression.Member m:
                Visit(m.Target, scope, found, seen);
                break;
            case ArmExpression.Index ix:
                Visit(ix.Target, scope, found, seen);
                Visit(ix.Key, scope, found, seen);
                break;
            case ArmExpression.Call { Arguments: [ArmExpression.StringLiteral name] } call when call.IsParameterReference(out _):
                if (seen.Add(("parameter " + name.Value, scope)))
                {
                    var declaration = scope.ParameterDeclaration(name.Value);
                    Visit(declaration?["defaultValue"], scope, found, seen);
                    Visit(declaration?["allowedValues"], scope, found, seen);
                    if (scope.TryGetArgument(name.Value, out var passed, out var passedScope))
                    {
                        Visit(passed, passedScope!, found, seen);
                    }
                }

                break;
            case ArmExpression.Call { Function: var f, Arguments: [ArmExpression.StringLiteral name] } when f.Equals("variables", StringComparison.OrdinalIgnoreCase):
                if (seen.Add(("variable " + name.Value, scope)))
                {
                    Visit(scope.Variable(name.Value, out _), scope, found, seen);
                    var loops = (scope.Template["variables"]?["copy"] as JsonArray ?? []).OfType<JsonObject>();
                    Visit(new JsonArray(loops.Where(l => l["name"]?.GetValue<string>() == name.Value).Select(l => l["input"]?.DeepClone()).ToArray()), scope, found, seen);
                }

                break;
            case ArmExpression.Call call:
                call.Arguments.ToList().ForEach(a => Visit(a, scope, found, seen));
                break;
        }
    }
}
