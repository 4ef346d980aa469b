using System.Globalization;
using System.Text.Json;
using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Types;

/// <summary>
/// What the Bicep compiler would say about types, checked against the type index: each Type@version exists,
/// each property written in a literal object exists at that position, no read-only property is written, required
/// properties are present, and literals fit the declared type (a string assigned to a union of literals is one of
/// them). Module parameters and .bicepparam assignments are checked against the parameters they target.
/// Expressions whose value is only known at deploy time are not judged.
/// </summary>
internal sealed class TypeConformance
{
    public const string UnknownType = "type-unknown";
    public const string UnknownProperty = "unknown-property";
    public const string ReadOnlyProperty = "read-only-property";
    public const string MissingRequired = "missing-required";
    public const string NotAMember = "not-a-member";
    public const string WrongType = "wrong-type";
    public const string MissingFile = "missing-file";
    public const string WrongScope = "wrong-scope";

    private const int RequiredFlag = 1;
    private const int ReadOnlyFlag = 2;

    // Keys Bicep adds to every resource body; they are not part of the resource type.
    private static readonly HashSet<string> ResourceKeywords = new(StringComparer.Ordinal) { "parent", "scope", "dependsOn" };

    private readonly TypeIndex index;
    private readonly Func<string, BicepDocument?> documentAt;

    /// <param name="index">The type index.</param>
    /// <param name="documentAt">Finds the parsed document of a full path (modules and using targets).</param>
    public TypeConformance(TypeIndex index, Func<string, BicepDocument?> documentAt)
    {
        this.index = index;
        this.documentAt = documentAt;
    }

    public IReadOnlyList<Finding> Check(BicepDocument document)
    {
        var findings = new Context(document, []);
        foreach (var resource in document.Resources)
        {
            CheckResource(resource, findings);
        }

        findings.Found.AddRange(ArgumentConformance.Check(document, documentAt));
        return findings.Found;
    }

    private void CheckResource(ResourceDeclaration resource, Context context)
    {
        if (resource.ApiVersion is null || !index.TryGetResource(resource.TypeReference, out var body, out var writable))
        {
            var known = index.VersionsOf(resource.FullType);
            var hint = known.Count > 0 ? $"; the index has {string.Join(", ", known)}" : "; the type is not in the index";
            context.Add(UnknownType, resource.Node, $"'{resource.TypeReference}' (resource '{resource.Symbol}') is not in the type index{hint}");
            return;
        }

        if (!resource.IsExisting && writable == 0)
        {
            context.Add(UnknownType, resource.Node, $"'{resource.TypeReference}' is read-only: it can only be referenced with 'existing'");
        }
        else if (!resource.IsExisting && writable > 0 && BicepDocument.Property(resource.Body, "scope") is null
            && (writable & ScopeFlag(context.Document.TargetScope)) == 0)
        {
            context.Add(WrongScope, resource.Node,
                $"'{resource.TypeReference}' cannot be deployed at {context.Document.TargetScope ?? "resourceGroup"} scope");
        }

        if (resource.Body is null)
        {
            return;
        }

        if (resource.IsExisting)
        {
            // An existing reference only names the resource: check the keys, not required or read-only flags.
            var properties = PropertiesOf(body, resource.Body, context, resource.Symbol).Properties;
            foreach (var (name, key, _, _) in BicepDocument.Properties(resource.Body))
            {
                if (!ResourceKeywords.Contains(name) && properties is not null && !properties.ContainsKey(name))
                {
                    context.Add(UnknownProperty, key, $"'{name}' is not a property of {resource.TypeReference}");
                }
            }

            return;
        }

        CheckObject(body, resource.Body, resource.Symbol, context, topLevel: true);
    }

    /// <summary>The type index's scope bit for a targetScope (tenant 1, managementGroup 2, subscription 4, resourceGroup 8).</summary>
    private static int ScopeFlag(string? targetScope) => targetScope switch
    {
        "tenant" => 1,
        "managementGroup" => 2,
        "subscription" => 4,
        _ => 8,
    };

    private void CheckValue(TypeRef type, BicepNode value, string path, Context context)
    {
        // Follow values built elsewhere: a variable, or the arrays and objects concat() and union() combine.
        if (context.Depth < 16 && Composed(value, context.Document) is { Count: > 0 } parts)
        {
            context.Depth++;
            foreach (var part in parts)
            {
                CheckValue(type, part, path, context);
            }

            context.Depth--;
            return;
        }

        switch (type.Kind)
        {
            case "ObjectType":
            case "DiscriminatedObjectType":
                if (value.Type == "object")
                {
                    CheckObject(type, value, path, context, topLevel: false);
                }
                else if (LiteralKind(value) is { } kind and not "null")
                {
                    context.Add(WrongType, value, $"{path} expects an object, not {kind}");
                }

                break;
            case "ArrayType":
                CheckArray(type, value, path, context);
                break;
            case "UnionType":
                CheckUnion(type, value, path, context);
                break;
            case "StringLiteralType":
            {
                var expected = type.Element.GetProperty("value").GetString();
                var kind = LiteralKind(value);
                if (BicepString.LiteralValue(value) is { } literal && literal != expected)
                {
                    context.Add(NotAMember, value, $"{path} must be '{expected}', not '{literal}'");
                }
                else if (kind is not (null or "string" or "null"))
                {
                    context.Add(WrongType, value, $"{path} expects the string '{expected}', not {kind}");
                }

                break;
            }

            case "StringType":
                CheckString(type, value, path, context);
                break;
            case "IntegerType":
                CheckInteger(type, value, path, context);
                break;
            case "BooleanType":
                if (LiteralKind(value) is { } other and not ("boolean" or "null"))
                {
                    context.Add(WrongType, value, $"{path} expects a boolean, not {other}");
                }

                break;
            default:
                break; // AnyType and function types accept anything.
        }
    }

    private void CheckObject(TypeRef type, BicepNode obj, string path, Context context, bool topLevel)
    {
        var (properties, additional) = PropertiesOf(type, obj, context, path);
        if (properties is null)
        {
            return;
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, key, value, _) in BicepDocument.Properties(obj))
        {
            written.Add(name);
            if (topLevel && ResourceKeywords.Contains(name))
            {
                continue;
            }

            var propertyPath = $"{path}.{name}";
            if (key.Type == "string" && BicepString.LiteralValue(key) is null)
            {
                // An interpolated key is only known at deploy time: it can only be a dictionary entry.
                if (additional is { } entryType)
                {
                    CheckValue(entryType, value, $"{path}[*]", context);
                }

                continue;
            }

            if (properties.TryGetValue(name, out var property))
            {
                if ((property.Flags & ReadOnlyFlag) != 0)
                {
                    context.Add(ReadOnlyProperty, key, $"{propertyPath} is read-only");
                    continue;
                }

                CheckValue(property.Type, value, propertyPath, context);
            }
            else if (additional is { } dictionaryValue)
            {
                CheckValue(dictionaryValue, value, propertyPath, context);
            }
            else
            {
                var near = properties.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? string.Empty : $" (did you mean '{near}'?)";
                context.Add(UnknownProperty, key, $"{propertyPath} is not a property of {TypeName(type)}{hint}");
            }
        }

        foreach (var (name, property) in properties)
        {
            if ((property.Flags & RequiredFlag) != 0 && (property.Flags & ReadOnlyFlag) == 0 && !written.Contains(name))
            {
                context.Add(MissingRequired, obj, $"{path} lacks the required property '{name}'");
            }
        }
    }

    /// <summary>The properties an object literal may hold: an ObjectType's, or a discriminated type's base plus its chosen element.</summary>
    private static (Dictionary<string, (TypeRef Type, int Flags)>? Properties, TypeRef? Additional) PropertiesOf(TypeRef type, BicepNode obj, Context context, string path)
    {
        var properties = new Dictionary<string, (TypeRef Type, int Flags)>(StringComparer.Ordinal);
        var element = type.Element;
        if (type.Kind == "ObjectType")
        {
            AddProperties(type, element, "properties", properties);
            TypeRef? additional = element.TryGetProperty("additionalProperties", out var extra) ? type.Follow(extra) : null;
            return (properties, additional);
        }

        if (type.Kind != "DiscriminatedObjectType")
        {
            return (null, null);
        }

        var discriminator = element.GetProperty("discriminator").GetString()!;
        AddProperties(type, element, "baseProperties", properties);
        var elements = element.GetProperty("elements");
        var chosen = BicepDocument.Property(obj, discriminator);
        var chosenValue = BicepString.LiteralValue(chosen);
        if (chosenValue is not null)
        {
            if (!elements.TryGetProperty(chosenValue, out var variant))
            {
                var names = string.Join(", ", elements.EnumerateObject().Select(p => $"'{p.Name}'"));
                context.Add(NotAMember, chosen!, $"{path}.{discriminator} must be one of {names}, not '{chosenValue}'");
                return (null, null);
            }

            var variantType = type.Follow(variant);
            AddProperties(variantType, variantType.Element, "properties", properties);
            return (properties, null);
        }

        // The variant is decided at deploy time: accept the properties of every variant, require none of them.
        foreach (var variant in elements.EnumerateObject())
        {
            var variantType = type.Follow(variant.Value);
            var variantProperties = new Dictionary<string, (TypeRef Type, int Flags)>(StringComparer.Ordinal);
            AddProperties(variantType, variantType.Element, "properties", variantProperties);
            foreach (var (name, property) in variantProperties)
            {
                properties.TryAdd(name, (property.Type, property.Flags & ~RequiredFlag));
            }
        }

        return (properties, null);
    }

    private static void AddProperties(TypeRef owner, JsonElement element, string member, Dictionary<string, (TypeRef Type, int Flags)> into)
    {
        if (!element.TryGetProperty(member, out var properties))
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var flags = property.Value.TryGetProperty("flags", out var f) ? f.GetInt32() : 0;
            into[property.Name] = (owner.Follow(property.Value.GetProperty("type")), flags);
        }
    }

    private void CheckArray(TypeRef type, BicepNode value, string path, Context context)
    {
        var item = type.Follow(type.Element.GetProperty("itemType"));
        switch (value.Type)
        {
            case "array":
                var position = 0;
                foreach (var entry in value.CodeChildren.Where(c => c.Type != "decorators"))
                {
                    CheckValue(item, entry, $"{path}[{position++}]", context);
                }

                break;
            case "for_statement":
                var body = value.FieldChild("body");
                body = body?.Type == "if_statement" ? body.Child("object") : body;
                if (body is not null)
                {
                    CheckValue(item, body, $"{path}[*]", context);
                }

                break;
            default:
                if (LiteralKind(value) is { } kind and not "null")
                {
                    context.Add(WrongType, value, $"{path} expects an array, not {kind}");
                }

                break;
        }
    }

    private void CheckUnion(TypeRef type, BicepNode value, string path, Context context)
    {
        var members = Flatten(type).ToList();
        var kind = LiteralKind(value);
        if (kind is null or "null" || members.Any(m => m.Kind == "AnyType"))
        {
            return;
        }

        switch (kind)
        {
            case "string":
                if (members.Any(m => m.Kind == "StringType"))
                {
                    return;
                }

                var literals = members.Where(m => m.Kind == "StringLiteralType").Select(m => m.Element.GetProperty("value").GetString()!).ToList();
                if (literals.Count == 0)
                {
                    context.Add(WrongType, value, $"{path} does not accept a string");
                }
                else if (BicepString.LiteralValue(value) is { } literal && !literals.Contains(literal, StringComparer.Ordinal))
                {
                    var near = literals.FirstOrDefault(l => string.Equals(l, literal, StringComparison.OrdinalIgnoreCase));
                    var hint = near is null ? string.Empty : $" (did you mean '{near}'?)";
                    context.Add(NotAMember, value, $"{path} must be one of {string.Join(", ", literals.Select(l => $"'{l}'"))}, not '{literal}'{hint}");
                }

                return;
            case "object":
            case "array":
                var candidates = members.Where(m => kind == "array" ? m.Kind == "ArrayType" : m.Kind is "ObjectType" or "DiscriminatedObjectType").ToList();
                if (candidates.Count == 0)
                {
                    context.Add(WrongType, value, $"{path} does not accept {kind}");
                    return;
                }

                List<Finding>? best = null;
                foreach (var candidate in candidates)
                {
                    var trial = new Context(context.Document, []);
                    CheckValue(candidate, value, path, trial);
                    if (trial.Found.Count == 0)
                    {
                        return;
                    }

                    best ??= trial.Found;
                }

                context.Found.AddRange(best!);
                return;
            default:
                var accepts = kind == "boolean" ? "BooleanType" : "IntegerType";
                if (!members.Any(m => m.Kind == accepts))
                {
                    context.Add(WrongType, value, $"{path} does not accept {kind}");
                }

                return;
        }
    }

    /// <summary>The pieces an expression is made of: a variable's value, concat()/union() arguments, ternary branches.</summary>
    private static List<BicepNode>? Composed(BicepNode value, BicepDocument document)
    {
        if (value.Type == "identifier" && document.Variables.TryGetValue(value.Text ?? string.Empty, out var variable))
        {
            return [variable.Value];
        }

        if (value.Type == "call_expression" && value.FieldChild("function")?.Text is "concat" or "union")
        {
            return value.FieldChild("arguments")?.CodeChildren.ToList();
        }

        if (value.Type == "ternary_expression" && value.FieldChild("consequence") is { } yes && value.FieldChild("alternative") is { } no)
        {
            return [yes, no];
        }

        if (value.Type == "parenthesized_expression")
        {
            return value.CodeChildren.ToList();
        }

        return null;
    }

    private static IEnumerable<TypeRef> Flatten(TypeRef union)
    {
        foreach (var element in union.Element.GetProperty("elements").EnumerateArray())
        {
            var member = union.Follow(element);
            if (member.Kind == "UnionType")
            {
                foreach (var inner in Flatten(member))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return member;
            }
        }
    }

    private static void CheckString(TypeRef type, BicepNode value, string path, Context context)
    {
        var kind = LiteralKind(value);
        if (kind is not (null or "string" or "null"))
        {
            context.Add(WrongType, value, $"{path} expects a string, not {kind}");
            return;
        }

        if (BicepString.LiteralValue(value) is not { } literal)
        {
            return;
        }

        if (type.Element.TryGetProperty("minLength", out var min) && literal.Length < min.GetInt64())
        {
            context.Add(WrongType, value, $"{path} must be at least {min.GetInt64()} characters");
        }

        if (type.Element.TryGetProperty("maxLength", out var max) && literal.Length > max.GetInt64())
        {
            context.Add(WrongType, value, $"{path} must be at most {max.GetInt64()} characters");
        }
    }

    private static void CheckInteger(TypeRef type, BicepNode value, string path, Context context)
    {
        var kind = LiteralKind(value);
        if (kind is not (null or "integer" or "null"))
        {
            context.Add(WrongType, value, $"{path} expects an integer, not {kind}");
            return;
        }

        if (kind != "integer" || !long.TryParse(IntegerText(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return;
        }

        if (type.Element.TryGetProperty("minValue", out var min) && number < min.GetInt64())
        {
            context.Add(WrongType, value, $"{path} must be at least {min.GetInt64()}, not {number}");
        }

        if (type.Element.TryGetProperty("maxValue", out var max) && number > max.GetInt64())
        {
            context.Add(WrongType, value, $"{path} must be at most {max.GetInt64()}, not {number}");
        }
    }

    private static string? IntegerText(BicepNode value) =>
        value.Type == "number" ? value.Text : $"-{value.Child("number")?.Text}";

    /// <summary>The kind of a literal (string, integer, boolean, object, array, null); null for an expression.</summary>
    private static string? LiteralKind(BicepNode value) => value.Type switch
    {
        "string" => "string",
        "number" => "integer",
        "unary_expression" when value.CodeChildren.Count() == 2 && value.Child("number") is not null
            && value.Children.Any(c => c.Field == "operator" && c.Text == "-") => "integer",
        "boolean" => "boolean",
        "null" => "null",
        "object" => "object",
        "array" or "for_statement" => "array",
        _ => null,
    };

    private static string TypeName(TypeRef type) =>
        type.Element.TryGetProperty("name", out var name) ? name.GetString()! : type.Kind;

    /// <summary>Where findings go: the document they are reported against and the list they collect in.</summary>
    private sealed record Context(BicepDocument Document, List<Finding> Found)
    {
        public int Depth { get; set; }

        public void Add(string rule, BicepNode node, string message) => Found.Add(Finding.At(rule, Document.DisplayPath, node, message));
    }
}
