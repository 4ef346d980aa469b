using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Residency.Infra.Tests.Arm;
using Residency.Infra.Tests.Compiler;

namespace Residency.Infra.Tests.Invariants;

/// <summary>
/// Maps a compiled resource back to its declaration in the .bicep file, with the declarations the compiler reports
/// (<see cref="DeclarationGraph"/>). The compiler emits the resources of one type in declaration order, nested child
/// declarations first, so the n-th compiled resource of a type is the n-th such declaration.
/// </summary>
internal static class SourceLocator
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Declaration>> Declarations = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string[]> Lines = new(StringComparer.Ordinal);

    /// <summary>The declaration a compiled resource came from, or null when the compiler reports none of its type.</summary>
    public static Declaration? DeclarationOf(TemplateScope scope, JsonObject resource)
    {
        var type = TemplateScope.TypeOf(resource);
        var sameType = scope.Resources.Where(r => TemplateScope.TypeOf(r).Equals(type, StringComparison.OrdinalIgnoreCase)).ToList();
        var all = Declarations.GetOrAdd(scope.SourceFile, DeclarationGraph.Of);
        var declared = all.Where(d => !d.IsExisting && d.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.IsNestedIn(all) ? 0 : 1)
            .ThenBy(d => d.StartLine)
            .ToList();
        var index = sameType.FindIndex(r => ReferenceEquals(r, resource));
        return declared.Count == sameType.Count ? declared[index] : declared.FirstOrDefault();
    }

    /// <summary>
    /// The line of a property inside the resource's declaration (each name of the path found below the one before),
    /// or of the declaration when the property is not written there.
    /// </summary>
    public static int Line(TemplateScope scope, JsonObject resource, params string[] path)
    {
        if (DeclarationOf(scope, resource) is not { } declaration)
        {
            return 1;
        }

        var lines = LinesOf(scope.SourceFile);
        var found = declaration.StartLine;
        var from = declaration.StartLine;
        foreach (var name in path)
        {
            var pattern = new Regex($@"^\s*'?{Regex.Escape(name)}'?\s*:", RegexOptions.IgnoreCase);
            var line = Enumerable.Range(from, Math.Max(0, Math.Min(declaration.EndLine, lines.Length) - from + 1))
                .FirstOrDefault(l => pattern.IsMatch(lines[l - 1]));
            if (line == 0)
            {
                break;
            }

            found = from = line;
        }

        return found;
    }

    /// <summary>The first line of a file that holds the text (any case), or 1.</summary>
    public static int LineOf(string file, string text)
    {
        var index = Array.FindIndex(LinesOf(file), l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
        return index + 1 > 0 ? index + 1 : 1;
    }

    public static string Describe(TemplateScope scope, JsonObject resource) =>
        DeclarationOf(scope, resource) is { } d ? $"'{d.Symbol}' ({d.Type})" : TemplateScope.TypeOf(resource);

    private static string[] LinesOf(string file) => Lines.GetOrAdd(file, File.ReadAllLines);
}
