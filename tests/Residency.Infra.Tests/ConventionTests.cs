using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Residency.Infra.Tests.Arm;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>Azure Verified Modules conventions, checked on the compiled templates.</summary>
public class ConventionTests
{
    private static IEnumerable<(string File, TemplateScope Scope)> Templates() =>
        Directory.EnumerateFiles(InfraBuild.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(InfraBuild.InfraDirectory, f), InfraBuild.Infra.Scope(f)));

    [Fact]
    public void Every_parameter_has_a_description()
    {
        var undocumented = Templates()
            .SelectMany(t => (t.Scope.Template["parameters"] as JsonObject ?? [])
                .Where(p => string.IsNullOrWhiteSpace(p.Value?["metadata"]?["description"]?.GetValue<string>()))
                .Select(p => $"{t.File}: {p.Key}"))
            .ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Every_module_outputs_name_and_resource_id_and_takes_location_and_tags_when_it_places_resources()
    {
        var modules = Templates().Where(t => t.File.StartsWith("modules", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, m =>
        {
            var outputs = m.Scope.Template["outputs"]!.AsObject();
            Assert.True(outputs.ContainsKey("name") && outputs.ContainsKey("resourceId"), $"{m.File} outputs: {string.Join(", ", outputs.Select(o => o.Key))}");
            var located = m.Scope.Resources.Where(r => r["location"] is not null).ToList();
            Assert.True(located.Count == 0 || m.Scope.ParameterDeclaration("tags") is not null, $"{m.File} needs a tags parameter");
            Assert.All(located, r => Assert.True(r["tags"] is not null, $"{m.File}: {TemplateScope.TypeOf(r)} has no tags"));
        });
    }

    [Fact]
    public void Role_assignments_have_deterministic_guid_names()
    {
        var assignments = InfraBuild.Infra.Scope(InfraBuild.MainFile).SelfAndModules()
            .SelectMany(s => s.Resources.Where(r => TemplateScope.TypeOf(r) == "Microsoft.Authorization/roleAssignments"))
            .ToList();

        Assert.True(assignments.Count >= 6, $"{assignments.Count} role assignments");
        Assert.All(assignments, a => Assert.StartsWith("[guid(", a["name"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_records_every_api_version_in_use()
    {
        var readme = File.ReadAllText(Path.Combine(InfraBuild.InfraDirectory, "README.md"));
        var inUse = InfraBuild.Infra.Scope(InfraBuild.MainFile).SelfAndModules()
            .SelectMany(s => s.Resources.Where(r => !TemplateScope.IsNestedDeployment(r)))
            .Select(r => $"{string.Join('/', TemplateScope.TypeOf(r).Split('/').Take(2))}@{r["apiVersion"]!.GetValue<string>()}")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.NotEmpty(inUse);
        Assert.All(inUse, reference => Assert.Contains(reference, readme, StringComparison.OrdinalIgnoreCase));
        Assert.All(inUse.Select(r => r.Split('/')[0]).Distinct(StringComparer.OrdinalIgnoreCase),
            provider => Assert.Matches(new Regex($@"az provider show (-n|--namespace) {Regex.Escape(provider)}\b", RegexOptions.IgnoreCase), readme));
    }
}
