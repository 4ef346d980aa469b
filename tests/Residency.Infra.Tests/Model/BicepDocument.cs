using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Model;

/// <summary>The declarations of one parsed file, with the small amount of evaluation the checks need.</summary>
internal sealed class BicepDocument
{
    private const int MaxResolveDepth = 16;

    private BicepDocument(BicepFile file)
    {
        File = file;
        var parameters = new Dictionary<string, ParameterDeclaration>(StringComparer.Ordinal);
        var variables = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
        var resources = new List<ResourceDeclaration>();
        var modules = new List<ModuleDeclaration>();
        List<Decorator> pending = [];

        foreach (var statement in file.Root.CodeChildren)
        {
            switch (statement.Type)
            {
                case "decorators":
                    pending.AddRange(ReadDecorators(statement));
                    continue;
                case "parameter_declaration":
                case "parameter_assignment":
                case "variable_declaration":
                {
                    var name = statement.Child("identifier")?.Text ?? string.Empty;
                    var parts = statement.CodeChildren.ToList();
                    if (statement.Type == "variable_declaration")
                    {
                        variables[name] = new VariableDeclaration(name, parts[^1], statement);
                    }
                    else
                    {
                        // param name type [= default]   |   param name = value (.bicepparam)
                        var valueIndex = statement.Type == "parameter_assignment" ? 1 : 2;
                        var value = parts.Count > valueIndex ? parts[^1] : null;
                        parameters[name] = new ParameterDeclaration(name, statement.Child("type"), value, pending, statement);
                    }

                    break;
                }

                case "resource_declaration":
                    AddResource(statement, parent: null, resources);
                    break;
                case "module_declaration":
                    modules.Add(new ModuleDeclaration(
                        statement.Child("identifier")?.Text ?? string.Empty,
                        BicepString.LiteralValue(statement.Child("string")) ?? string.Empty,
                        BodyObject(statement),
                        statement));
                    break;
                case "using_statement":
                    UsingPath = BicepString.LiteralValue(statement.Child("string"));
                    break;
                default:
                    break;
            }

            pending = [];
        }

        Parameters = parameters;
        Variables = variables;
        Resources = resources;
        Modules = modules;
        TargetScope = file.Root.CodeChildren.FirstOrDefault(s => s.Type == "target_scope_assignment") is { } scope
            ? BicepString.LiteralValue(scope.Child("string"))
            : null;
    }

    public BicepFile File { get; }

    public string DisplayPath => File.DisplayPath;

    public IReadOnlyDictionary<string, ParameterDeclaration> Parameters { get; }

    public IReadOnlyDictionary<string, VariableDeclaration> Variables { get; }

    /// <summary>Every resource, nested ones included, in source order (parents before children).</summary>
    public IReadOnlyList<ResourceDeclaration> Resources { get; }

    public IReadOnlyList<ModuleDeclaration> Modules { get; }

    /// <summary>The path of a .bicepparam file's <c>using</c> statement.</summary>
    public string? UsingPath { get; private set; }

    public string? TargetScope { get; }

    public static BicepDocument From(BicepFile file) => new(file);

    /// <summary>The literal object of a resource or module: <c>= {...}</c>, <c>= if (...) {...}</c> or <c>= [for ...: {...}]</c>.</summary>
    public static BicepNode? BodyObject(BicepNode declaration)
    {
        var value = declaration.CodeChildren.LastOrDefault();
        for (var depth = 0; value is not null && depth < 3; depth++)
        {
            switch (value.Type)
            {
                case "object":
                    return value;
                case "if_statement":
                    value = value.Child("object");
                    break;
                case "for_statement":
                    value = value.FieldChild("body");
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The properties of an object literal (decorators, comments and nested resources left out).</summary>
    public static IEnumerable<(string Name, BicepNode Key, BicepNode Value, BicepNode Property)> Properties(BicepNode? obj)
    {
        if (obj is null || obj.Type != "object")
        {
            yield break;
        }

        foreach (var property in obj.Children.Where(c => c.Type == "object_property"))
        {
            var parts = property.CodeChildren.ToList();
            if (parts.Count < 2 || parts[0].Type == "resource_declaration")
            {
                continue;
            }

            var key = parts[0];
            var name = key.Type == "string" ? BicepString.LiteralValue(key) ?? string.Empty : key.Text ?? string.Empty;
            yield return (name, key, parts[^1], property);
        }
    }

    /// <summary>The value of a property of an object literal, or null.</summary>
    public static BicepNode? Property(BicepNode? obj, string name) =>
        Properties(obj).Where(p => p.Name == name).Select(p => p.Value).FirstOrDefault();

    /// <summary>Follows a dotted path of properties through nested object literals.</summary>
    public static BicepNode? PropertyPath(BicepNode? obj, params string[] path)
    {
        var current = obj;
        foreach (var segment in path)
        {
            current = Property(current, segment);
        }

        return current;
    }

    /// <summary>
    /// The literal values an expression can take, when that is knowable without deploying: string literals,
    /// ternary branches, parameters restricted by <c>@allowed</c> (all members and the default) and variables.
    /// Null when any branch is not knowable.
    /// </summary>
    public IReadOnlyList<string>? PossibleStrings(BicepNode expression)
    {
        var values = new List<string>();
        return Collect(expression, 0) ? values : null;

        bool Collect(BicepNode node, int depth)
        {
            if (depth > MaxResolveDepth)
            {
                return false;
            }

            switch (node.Type)
            {
                case "string":
                    var literal = BicepString.LiteralValue(node);
                    if (literal is null)
                    {
                        return false;
                    }

                    values.Add(literal);
                    return true;
                case "parenthesized_expression":
                    return node.CodeChildren.All(c => Collect(c, depth + 1));
                case "ternary_expression":
                    return node.FieldChild("consequence") is { } yes && node.FieldChild("alternative") is { } no
                        && Collect(yes, depth + 1) && Collect(no, depth + 1);
                case "identifier":
                    if (Variables.TryGetValue(node.Text ?? string.Empty, out var variable))
                    {
                        return Collect(variable.Value, depth + 1);
                    }

                    if (Parameters.TryGetValue(node.Text ?? string.Empty, out var parameter)
                        && AllowedValues(parameter) is { } allowed)
                    {
                        values.AddRange(allowed);
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }
    }

    /// <summary>The string members of a parameter's <c>@allowed</c> list, or null when it has none (or a non-literal one).</summary>
    public static IReadOnlyList<string>? AllowedValues(ParameterDeclaration parameter)
    {
        var arguments = parameter.FindDecorator("allowed")?.Arguments;
        var array = arguments is { Count: > 0 } ? arguments[0] : null;
        if (array is null || array.Type != "array")
        {
            return null;
        }

        var values = new List<string>();
        foreach (var item in array.CodeChildren.Where(c => c.Type != "decorators"))
        {
            if (BicepString.LiteralValue(item) is not { } value)
            {
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>String literal values reachable from an expression through variables (for finding ids such as policy GUIDs).</summary>
    public IEnumerable<string> StringsIn(BicepNode expression, int depth = 0)
    {
        if (depth > MaxResolveDepth)
        {
            yield break;
        }

        foreach (var node in expression.DescendantsAndSelf())
        {
            if (node.Type == "string")
            {
                yield return BicepString.Pattern(node);
            }
            else if (node.Type == "identifier" && node.Field != "function" && Variables.TryGetValue(node.Text ?? string.Empty, out var variable))
            {
                foreach (var value in StringsIn(variable.Value, depth + 1))
                {
                    yield return value;
                }
            }
        }
    }

    private static IEnumerable<Decorator> ReadDecorators(BicepNode decorators)
    {
        foreach (var decorator in decorators.Children.Where(c => c.Type == "decorator"))
        {
            var call = decorator.Child("call_expression");
            var function = call?.FieldChild("function");
            var name = function?.Type == "member_expression" ? function.FieldChild("property")?.Text : function?.Text;
            var arguments = call?.FieldChild("arguments")?.CodeChildren.ToList() ?? [];
            yield return new Decorator(name ?? string.Empty, arguments, decorator);
        }
    }

    private static void AddResource(BicepNode declaration, ResourceDeclaration? parent, List<ResourceDeclaration> resources)
    {
        var typeString = BicepString.LiteralValue(declaration.Child("string")) ?? string.Empty;
        var at = typeString.IndexOf('@', StringComparison.Ordinal);
        var type = at < 0 ? typeString : typeString[..at];
        var version = at < 0 ? null : typeString[(at + 1)..];
        if (parent is not null && !type.Contains('/', StringComparison.Ordinal))
        {
            type = $"{parent.FullType}/{type}";
            version ??= parent.ApiVersion;
        }

        var body = BodyObject(declaration);
        var resource = new ResourceDeclaration(
            declaration.Child("identifier")?.Text ?? string.Empty,
            type,
            version,
            declaration.Children.Any(c => c.Type == "existing"),
            body,
            parent,
            declaration);
        resources.Add(resource);

        foreach (var property in body?.Children.Where(c => c.Type == "object_property") ?? [])
        {
            if (property.Child("resource_declaration") is { } nested)
            {
                AddResource(nested, resource, resources);
            }
        }
    }
}
