using System.Text.Json;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>The operations app's runtimeconfig.json (copied beside these tests by the project reference): one GC heap.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Operations_app_runs_the_workstation_gc()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Residency.Operations.runtimeconfig.json");
        Assert.True(File.Exists(path), path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));

        Assert.False(document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
    }
}
