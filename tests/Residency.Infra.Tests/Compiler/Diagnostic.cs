using System.Text.RegularExpressions;

namespace Residency.Infra.Tests.Compiler;

/// <summary>One compiler or linter diagnostic as the Bicep CLI prints it: <c>file(line,column) : Level code: message</c>.</summary>
internal sealed partial record Diagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    /// <summary>Every diagnostic in the CLI's output, each once (<c>--pattern</c> runs may print one twice).</summary>
    public static IReadOnlyList<Diagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(line => Pattern().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new Diagnostic(
                Path.GetFullPath(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["level"].Value, m.Groups["code"].Value, m.Groups["message"].Value))
            .Distinct()
            .ToList();

    public override string ToString() => $"{File}({Line},{Column}) : {Level} {Code}: {Message}";

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$")]
    private static partial Regex Pattern();
}
