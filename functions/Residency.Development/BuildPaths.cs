using System.Reflection;

namespace Residency.Development;

/// <summary>
/// Where the built handler and the pinned Node.js tools are: paths written into this assembly at build time
/// (Residency.Development.csproj), so nothing searches the repository at run time.
/// </summary>
public static class BuildPaths
{
    /// <summary>The handler's entry assembly (<c>Residency.Functions.dll</c>) built with this one.</summary>
    public static string Handler => Existing(BuildPath("Residency.HandlerPath"), "the handler (dotnet build functions/Residency.Functions)");

    /// <summary>The folder holding the pinned package.json and package-lock.json of the Node.js tools (Azurite).</summary>
    public static string NodeTools => BuildPath("Residency.NodeToolsDirectory");

    private static string BuildPath(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"This build of Residency.Development does not name {key}.");

    private static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new DevelopmentHostException($"{what} is not at {path}: build it first.");
}
