using System.Reflection;
using System.Text.Json;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>
/// The deployed app carries no development tooling: nothing in the handler's runtime closure (its deps.json, what
/// publish ships) is Azurite, Testcontainers or Docker code, and no deployed assembly of ours defines an Azurite type.
/// </summary>
public sealed class DeployedDependencyTests
{
    private static readonly string[] DevelopmentOnly = ["Residency.Development", "Testcontainers", "Docker.DotNet", "SSH.NET", "Renci.SshNet"];

    [Fact]
    public void The_handler_runtime_closure_holds_no_development_tooling()
    {
        var configuration = typeof(DeployedDependencyTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var depsFile = Path.Combine(RepoPaths.Root, "functions", "Residency.Functions", "bin", configuration, "net10.0", "Residency.Functions.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllBytes(depsFile));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();

        Assert.Contains("Residency.Storage", libraries);
        Assert.Contains("Residency.Ingest", libraries);
        Assert.DoesNotContain(libraries, name => DevelopmentOnly.Any(banned => name.StartsWith(banned, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void No_deployed_assembly_of_ours_defines_or_references_Azurite_code()
    {
        var deployed = DeployedResidencyAssemblies();

        Assert.Contains(deployed, assembly => assembly.GetName().Name == "Residency.Storage");
        foreach (var assembly in deployed)
        {
            Assert.DoesNotContain(assembly.GetTypes(), type => type.FullName!.Contains("Azurite", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference => DevelopmentOnly.Contains(reference.Name));
        }
    }

    // The handler and every assembly of ours it references, transitively.
    private static List<Assembly> DeployedResidencyAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(HandlerApp).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Residency.", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        return [.. found.Values];
    }
}
