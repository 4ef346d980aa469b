using Residency.Infra.Tests.Model;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>Azure Verified Modules conventions the infra follows.</summary>
public class ConventionTests
{
    [Fact]
    public void Every_parameter_has_a_description()
    {
        var undocumented = InfraFiles.InfraDocuments()
            .Where(d => !d.File.IsParameterFile)
            .SelectMany(d => d.Parameters.Values.Where(p => p.FindDecorator("description") is null).Select(p => $"{d.DisplayPath}: {p.Name}"))
            .ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Every_module_outputs_name_and_resource_id_and_takes_tags()
    {
        var modules = InfraFiles.InfraDocuments().Where(d => d.DisplayPath.StartsWith("infra/modules/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, module =>
        {
            var outputs = module.File.Root.CodeChildren.Where(c => c.Type == "output_declaration")
                .Select(o => o.Child("identifier")?.Text).ToHashSet();
            Assert.True(outputs.Contains("name") && outputs.Contains("resourceId"), $"{module.DisplayPath} outputs: {string.Join(", ", outputs)}");
            var located = module.Resources.Any(r => !r.IsExisting && BicepDocument.Property(r.Body, "location")?.Text == "location");
            Assert.True(!located || module.Parameters.ContainsKey("location"), $"{module.DisplayPath} needs a location parameter");
            Assert.True(!module.Resources.Any(r => BicepDocument.Property(r.Body, "location") is not null) || module.Parameters.ContainsKey("tags"),
                $"{module.DisplayPath} needs a tags parameter");
        });
    }

    [Fact]
    public void Role_assignments_have_deterministic_guid_names()
    {
        var assignments = InfraFiles.InfraDocuments()
            .SelectMany(d => d.Resources.Where(r => r.FullType == "Microsoft.Authorization/roleAssignments"))
            .ToList();

        Assert.True(assignments.Count >= 6, $"{assignments.Count} role assignments");
        Assert.All(assignments, a =>
        {
            var name = BicepDocument.Property(a.Body, "name");
            Assert.Equal("call_expression", name?.Type);
            Assert.Equal("guid", name!.FieldChild("function")?.Text);
        });
    }

    [Fact]
    public void Every_located_resource_carries_tags()
    {
        var untagged = InfraFiles.InfraDocuments()
            .SelectMany(d => d.Resources
                .Where(r => !r.IsExisting && BicepDocument.Property(r.Body, "location") is not null && BicepDocument.Property(r.Body, "tags") is null)
                .Select(r => $"{d.DisplayPath}: {r.Symbol}"))
            .ToList();

        Assert.Empty(untagged);
    }
}
