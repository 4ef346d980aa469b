using System.Diagnostics;
using System.Text.Json;
using Residency.Testing;

namespace Residency.Infra.Tests.Parsing;

/// <summary>
/// Runs parse-bicep.mjs (web-tree-sitter + tree-sitter-bicep from tests/node_modules) once for a batch of files
/// and turns its JSON into <see cref="BicepNode"/> trees.
/// </summary>
internal static class TreeSitterBicep
{
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Parsing", "parse-bicep.mjs");

    /// <summary>Parses every file in one Node.js process; the result is keyed by full path.</summary>
    public static IReadOnlyDictionary<string, BicepFile> Parse(IReadOnlyCollection<string> fullPaths)
    {
        var grammar = Path.Combine(RepoPaths.NodeTools, "node_modules", "tree-sitter-bicep", "tree-sitter-bicep.wasm");
        if (!File.Exists(grammar))
        {
            throw new InvalidOperationException(
                $"{grammar} is missing: build the solution first (it installs the pinned Node.js tools with npm ci in tests/).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(RepoPaths.NodeTools);
        foreach (var path in fullPaths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ProcessLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"parse-bicep.mjs did not finish within {ProcessLimit}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"parse-bicep.mjs failed with exit code {process.ExitCode}: {stderr.Result}");
        }

        using var json = JsonDocument.Parse(stdout.Result);
        var files = new Dictionary<string, BicepFile>(StringComparer.Ordinal);
        foreach (var file in json.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString()!;
            files[path] = new BicepFile(path, DisplayPath(path), ToNode(file.GetProperty("tree"), depth: 0));
        }

        return files;
    }

    private static string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(RepoPaths.Root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative.Replace('\\', '/');
    }

    private static BicepNode ToNode(JsonElement element, int depth)
    {
        if (depth > 2000)
        {
            throw new InvalidOperationException("Syntax tree is nested too deeply.");
        }

        List<BicepNode>? children = null;
        if (element.TryGetProperty("k", out var kids))
        {
            children = new List<BicepNode>(kids.GetArrayLength());
            foreach (var kid in kids.EnumerateArray())
            {
                children.Add(ToNode(kid, depth + 1));
            }
        }

        return new BicepNode(
            element.GetProperty("t").GetString()!,
            element.GetProperty("r").GetInt32(),
            element.GetProperty("c").GetInt32(),
            element.TryGetProperty("f", out var field) ? field.GetString() : null,
            element.TryGetProperty("m", out _),
            element.TryGetProperty("x", out var text) ? text.GetString() : null,
            children);
    }
}
