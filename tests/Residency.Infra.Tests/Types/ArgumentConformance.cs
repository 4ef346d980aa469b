using System.Globalization;
using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Types;

/// <summary>
/// Module <c>params</c> and .bicepparam assignments against the parameters of the file they target: each name
/// is declared there, required parameters are given, and values whose type is knowable (literals, the caller's
/// parameters, module outputs) match the declared type, <c>@allowed</c> list and length or value bounds.
/// </summary>
internal static class ArgumentConformance
{
    private static readonly HashSet<string> ModuleKeys = new(StringComparer.Ordinal) { "name", "scope", "params", "dependsOn" };

    public static IReadOnlyList<Finding> Check(BicepDocument document, Func<string, BicepDocument?> documentAt)
    {
        var findings = new List<Finding>();
        foreach (var module in document.Modules)
        {
            foreach (var (name, key, _, _) in BicepDocument.Properties(module.Body))
            {
                if (!ModuleKeys.Contains(name))
                {
                    findings.Add(Finding.At(TypeConformance.UnknownProperty, document.DisplayPath, key,
                        $"'{name}' is not a module property (name, scope, params, dependsOn)"));
                }
            }

            var target = Resolve(document, module.Path, documentAt);
            if (target is null)
            {
                findings.Add(Finding.At(TypeConformance.MissingFile, document.DisplayPath, module.Node,
                    $"module '{module.Symbol}' refers to '{module.Path}', which was not found"));
                continue;
            }

            var arguments = BicepDocument.Property(module.Body, "params");
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, key, value, _) in BicepDocument.Properties(arguments))
            {
                given.Add(name);
                CheckArgument(document, target, name, key, value, $"module '{module.Symbol}'", documentAt, findings);
            }

            RequireArguments(document, target, given, arguments ?? module.Body ?? module.Node, $"module '{module.Symbol}'", findings);
        }

        if (document.UsingPath is { } usingPath)
        {
            var target = Resolve(document, usingPath, documentAt);
            if (target is null)
            {
                findings.Add(Finding.At(TypeConformance.MissingFile, document.DisplayPath, document.File.Root,
                    $"'using {usingPath}' refers to a file that was not found"));
                return findings;
            }

            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var assignment in document.Parameters.Values)
            {
                given.Add(assignment.Name);
                var key = assignment.Node.Child("identifier") ?? assignment.Node;
                CheckArgument(document, target, assignment.Name, key, assignment.DefaultValue, target.DisplayPath, documentAt, findings);
            }

            RequireArguments(document, target, given, document.File.Root, target.DisplayPath, findings);
        }

        return findings;
    }

    private static void CheckArgument(
        BicepDocument caller, BicepDocument target, string name, BicepNode key, BicepNode? value, string owner,
        Func<string, BicepDocument?> documentAt, List<Finding> findings)
    {
        void Add(string rule, BicepNode at, string message) => findings.Add(Finding.At(rule, caller.DisplayPath, at, $"{owner}: {message}"));

        if (!target.Parameters.TryGetValue(name, out var parameter))
        {
            Add(TypeConformance.UnknownProperty, key, $"'{name}' is not a parameter of {target.DisplayPath}");
            return;
        }

        if (value is null)
        {
            return;
        }

        var expected = PrimitiveType(parameter.TypeNode);
        var actual = ValueType(caller, value, documentAt);
        if (expected is not null && actual is not null && expected != actual)
        {
            Add(TypeConformance.WrongType, value, $"'{name}' is {expected}, but is given {actual}");
            return;
        }

        if (BicepString.LiteralValue(value) is { } literal)
        {
            if (BicepDocument.AllowedValues(parameter) is { } allowed && !allowed.Contains(literal, StringComparer.Ordinal))
            {
                Add(TypeConformance.NotAMember, value, $"'{name}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}, not '{literal}'");
            }

            CheckBound(parameter, "minLength", literal.Length, (limit, length) => length < limit, "at least {0} characters", value, Add);
            CheckBound(parameter, "maxLength", literal.Length, (limit, length) => length > limit, "at most {0} characters", value, Add);
        }
        else if (value.Type == "number" && long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            CheckBound(parameter, "minValue", number, (limit, n) => n < limit, "at least {0}", value, Add);
            CheckBound(parameter, "maxValue", number, (limit, n) => n > limit, "at most {0}", value, Add);
        }
    }

    private static void CheckBound(
        ParameterDeclaration parameter, string decorator, long actual, Func<long, long, bool> violates, string requirement,
        BicepNode value, Action<string, BicepNode, string> add)
    {
        var argument = parameter.FindDecorator(decorator)?.Arguments is { Count: > 0 } arguments ? arguments[0] : null;
        if (argument?.Type == "number" && long.TryParse(argument.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit)
            && violates(limit, actual))
        {
            add(TypeConformance.WrongType, value, $"'{parameter.Name}' must be {string.Format(CultureInfo.InvariantCulture, requirement, limit)}");
        }
    }

    private static void RequireArguments(BicepDocument caller, BicepDocument target, HashSet<string> given, BicepNode at, string owner, List<Finding> findings)
    {
        foreach (var parameter in target.Parameters.Values)
        {
            if (parameter.DefaultValue is null && !parameter.IsNullable && !given.Contains(parameter.Name))
            {
                findings.Add(Finding.At(TypeConformance.MissingRequired, caller.DisplayPath, at,
                    $"{owner}: the required parameter '{parameter.Name}' of {target.DisplayPath} is not given"));
            }
        }
    }

    /// <summary>The declared primitive type (string, int, bool, object, array), or null for anything richer.</summary>
    private static string? PrimitiveType(BicepNode? type) =>
        type?.CodeChildren.SingleOrDefault() is { Type: "primitive_type" } primitive ? primitive.Text : null;

    /// <summary>The type of a value when it is knowable without deploying: a literal, a parameter, a module output.</summary>
    private static string? ValueType(BicepDocument caller, BicepNode value, Func<string, BicepDocument?> documentAt)
    {
        switch (value.Type)
        {
            case "string":
                return "string";
            case "number":
                return "int";
            case "boolean":
                return "bool";
            case "object":
                return "object";
            case "array":
            case "for_statement":
                return "array";
            case "identifier" when caller.Parameters.TryGetValue(value.Text ?? string.Empty, out var parameter) && !caller.File.IsParameterFile:
                return PrimitiveType(parameter.TypeNode);
            case "member_expression":
                // module.outputs.name: the type of that output in the module's file.
                var outputs = value.FieldChild("object");
                var symbol = outputs?.FieldChild("object");
                if (outputs?.Type == "member_expression" && outputs.FieldChild("property")?.Text == "outputs" && symbol?.Type == "identifier"
                    && caller.Modules.FirstOrDefault(m => m.Symbol == symbol.Text) is { } module
                    && Resolve(caller, module.Path, documentAt) is { } target)
                {
                    var name = value.FieldChild("property")?.Text;
                    var output = target.File.Root.CodeChildren.FirstOrDefault(o => o.Type == "output_declaration" && o.Child("identifier")?.Text == name);
                    return PrimitiveType(output?.Child("type"));
                }

                return null;
            default:
                return null;
        }
    }

    private static BicepDocument? Resolve(BicepDocument from, string relativePath, Func<string, BicepDocument?> documentAt)
    {
        var directory = Path.GetDirectoryName(from.File.FullPath)!;
        return documentAt(Path.GetFullPath(Path.Combine(directory, relativePath)));
    }
}
