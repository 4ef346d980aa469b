using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Model;

/// <summary>A decorator such as <c>@allowed([...])</c>: its name and argument nodes.</summary>
internal sealed record Decorator(string Name, IReadOnlyList<BicepNode> Arguments, BicepNode Node);

/// <summary>A <c>param</c> of a .bicep file, or a <c>param name = value</c> of a .bicepparam file.</summary>
internal sealed record ParameterDeclaration(string Name, BicepNode? TypeNode, BicepNode? DefaultValue, IReadOnlyList<Decorator> Decorators, BicepNode Node)
{
    public Decorator? FindDecorator(string name) => Decorators.FirstOrDefault(d => d.Name == name);

    /// <summary>True when the type is nullable (<c>string?</c>), so the parameter may be left out.</summary>
    public bool IsNullable => TypeNode?.DescendantsAndSelf().Any(n => n.Type == "nullable_type") == true;
}

/// <summary>A <c>var</c> declaration.</summary>
internal sealed record VariableDeclaration(string Name, BicepNode Value, BicepNode Node);

/// <summary>
/// A resource declaration, top level or nested in a parent's body, with its fully qualified type
/// (nested <c>'containers'</c> becomes <c>Microsoft.Storage/storageAccounts/blobServices/containers</c>).
/// </summary>
internal sealed record ResourceDeclaration(
    string Symbol,
    string FullType,
    string? ApiVersion,
    bool IsExisting,
    BicepNode? Body,
    ResourceDeclaration? Parent,
    BicepNode Node)
{
    public string TypeReference => ApiVersion is null ? FullType : $"{FullType}@{ApiVersion}";
}

/// <summary>A module declaration: its path and its literal body (name, scope, params, dependsOn).</summary>
internal sealed record ModuleDeclaration(string Symbol, string Path, BicepNode? Body, BicepNode Node);
