using System.Text.Json.Nodes;

namespace Residency.Infra.Tests.Arm;

/// <summary>
/// One template of a compiled deployment: the root template, or a module's nested template together with the
/// deployment resource that passes it its parameters, and the .bicep file it was compiled from.
/// </summary>
internal sealed class TemplateScope
{
    private readonly Func<string, string?> sourceOfHash;

    private TemplateScope(JsonObject template, string sourceFile, TemplateScope? parent, JsonObject? deployment,
        IReadOnlyDictionary<string, JsonNode?>? parameterValues, Func<string, string?> sourceOfHash)
    {
        Template = template;
        SourceFile = sourceFile;
        Parent = parent;
        Deployment = deployment;
        ParameterValues = parameterValues;
        this.sourceOfHash = sourceOfHash;
    }

    public JsonObject Template { get; }

    /// <summary>The .bicep file this template was compiled from (full path).</summary>
    public string SourceFile { get; }

    public TemplateScope? Parent { get; }

    /// <summary>The Microsoft.Resources/deployments resource of <see cref="Parent"/> that deploys this template.</summary>
    public JsonObject? Deployment { get; }

    /// <summary>Root only: the values a parameter file gives; null when any value may be passed (no parameter file).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? ParameterValues { get; }

    public bool IsSubscriptionDeployment =>
        Template["$schema"]?.GetValue<string>().Contains("subscriptionDeploymentTemplate", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The root of a compiled file. <paramref name="sourceOfHash"/> names the .bicep file a nested template's hash came from.</summary>
    public static TemplateScope Root(JsonObject template, string sourceFile, Func<string, string?> sourceOfHash,
        IReadOnlyDictionary<string, JsonNode?>? parameterValues = null) =>
        new(template, sourceFile, null, null, parameterValues, sourceOfHash);

    /// <summary>The resources of this template (not of its modules), in the order the compiler emitted them.</summary>
    public IReadOnlyList<JsonObject> Resources => Template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>().ToList(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>().ToList(),
        _ => [],
    };

    /// <summary>This template and every nested one below it.</summary>
    public IEnumerable<TemplateScope> SelfAndModules()
    {
        yield return this;
        foreach (var deployment in Resources.Where(IsNestedDeployment))
        {
            var template = (JsonObject)deployment["properties"]!["template"]!;
            var hash = template["metadata"]?["_generator"]?["templateHash"]?.GetValue<string>();
            var source = (hash is null ? null : sourceOfHash(hash)) ?? SourceFile;
            var module = new TemplateScope(template, source, this, deployment, null, sourceOfHash);
            foreach (var scope in module.SelfAndModules())
            {
                yield return scope;
            }
        }
    }

    public static bool IsNestedDeployment(JsonObject resource) =>
        TypeOf(resource).Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
        && resource["properties"]?["template"] is JsonObject;

    public static string TypeOf(JsonObject resource) => resource["type"]?.GetValue<string>() ?? string.Empty;

    public JsonObject? ParameterDeclaration(string name) => Get(Template["parameters"], name) as JsonObject;

    public JsonNode? Variable(string name, out bool found)
    {
        var variables = Template["variables"] as JsonObject;
        found = variables is not null && variables.Any(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        return Get(variables, name);
    }

    /// <summary>The value passed for a parameter: by the parent's deployment resource, or by the parameter file at the root.</summary>
    public bool TryGetArgument(string name, out JsonNode? value, out TemplateScope? valueScope)
    {
        value = null;
        valueScope = Parent;
        if (Deployment is not null)
        {
            var argument = Get(Deployment["properties"]?["parameters"], name) as JsonObject;
            value = argument?["value"];
            return argument is not null && argument.ContainsKey("value");
        }

        valueScope = this;
        return ParameterValues is not null && ParameterValues.TryGetValue(name, out value);
    }

    /// <summary>True when nothing outside the template bounds a parameter it does not receive: the root with no parameter file.</summary>
    public bool IsOpenRoot => Parent is null && ParameterValues is null;

    /// <summary>A property by name, ignoring case as ARM does.</summary>
    public static JsonNode? Get(JsonNode? node, string name) =>
        node is JsonObject obj ? obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value : null;
}
