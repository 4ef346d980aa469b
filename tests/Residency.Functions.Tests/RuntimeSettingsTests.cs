using System.Text.Json;
using Residency.Development;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>
/// The runtime settings the built handler starts with, read from its runtimeconfig.json: a project file that names an
/// MSBuild property wrongly is silently ignored (the server GC ran for weeks that way).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Handler_runs_the_workstation_gc_without_dynamic_pgo()
    {
        var settings = ConfigProperties(Path.ChangeExtension(BuildPaths.Handler, ".runtimeconfig.json"));

        Assert.False(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    private static JsonElement ConfigProperties(string path)
    {
        Assert.True(File.Exists(path), path + " is missing: build the solution first");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
