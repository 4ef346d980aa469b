using Residency.Infra.Tests.Arm;
using Residency.Infra.Tests.Invariants;
using Residency.Testing;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The residency invariants hold on the compiled main.json and on what each parameter file deploys.</summary>
public class ResidencyTests
{
    public static TheoryData<string> ParameterFiles() => new(InfraBuild.ParameterFiles);

    public static TheoryData<string> Modules() =>
        new(Directory.EnumerateFiles(Path.Combine(InfraBuild.InfraDirectory, "modules"), "*.bicep").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Fact]
    public void Compiled_main_template_and_its_modules_keep_every_invariant()
    {
        var main = InfraBuild.Infra.Scope(InfraBuild.MainFile);

        var findings = ResidencyInvariants.Check(main, RepoPaths.Root).Concat(AllowedLocationsPolicy.Check(main, RepoPaths.Root)).ToList();

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    /// <summary>
    /// A module on its own, for every value its parameters allow (not only those main.bicep passes today): a
    /// geo-redundant SKU in its @allowed list, or a setting left to an open parameter, fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_compiled_alone_keeps_every_invariant_for_any_value_it_allows(string module)
    {
        var findings = ResidencyInvariants.Check(InfraBuild.Module(module), RepoPaths.Root);

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void What_a_parameter_file_deploys_keeps_every_invariant(string parameterFile)
    {
        var deployment = InfraBuild.ParameterScope(parameterFile);

        var findings = ResidencyInvariants.Check(deployment, RepoPaths.Root).Concat(AllowedLocationsPolicy.Check(deployment, RepoPaths.Root)).ToList();

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
        Assert.Contains(deployment.ParameterValues!["location"]!.GetValue<string>(), ResidencyInvariants.ChinaNorth);
        Assert.Empty(PublicCloudHosts.In(InfraBuild.ParametersJson(parameterFile)!.Replace(SchemaHost, string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_module_is_traced_to_its_bicep_file()
    {
        var modules = InfraBuild.Infra.Scope(InfraBuild.MainFile).SelfAndModules().Skip(1).Select(s => Path.GetFileName(s.SourceFile)).ToHashSet(StringComparer.Ordinal);

        var files = Directory.EnumerateFiles(Path.Combine(InfraBuild.InfraDirectory, "modules"), "*.bicep").Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(files, modules);
    }

    [Fact]
    public void Every_compiled_resource_maps_to_one_declaration_of_its_type()
    {
        foreach (var scope in InfraBuild.Infra.Scope(InfraBuild.MainFile).SelfAndModules())
        {
            var resources = scope.Resources.Where(r => !TemplateScope.IsNestedDeployment(r)).ToList();
            var declarations = resources.Select(r => SourceLocator.DeclarationOf(scope, r)).ToList();

            Assert.All(declarations, (d, i) => Assert.Equal(TemplateScope.TypeOf(resources[i]), d?.Type, StringComparer.OrdinalIgnoreCase));
            Assert.Equal(declarations.Count, declarations.Distinct().Count());
        }
    }

    [Fact]
    public void Main_location_parameter_allows_only_China_North_and_defaults_to_chinanorth3()
    {
        var location = InfraBuild.Infra.Template(InfraBuild.MainFile)!["parameters"]!["location"]!;

        Assert.Equal(["chinanorth3", "chinanorth2"], location["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("chinanorth3", location["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Resources_are_located_by_the_parameter_except_the_global_dns_zones()
    {
        var located = InfraBuild.Infra.Scope(InfraBuild.MainFile).SelfAndModules()
            .SelectMany(s => s.Resources.Where(r => r["location"] is not null))
            .ToList();

        Assert.True(located.Count >= 14, $"only {located.Count} located resources");
        Assert.All(located.Where(r => r["location"]!.GetValue<string>() == "global"),
            r => Assert.Contains(TemplateScope.TypeOf(r), ResidencyInvariants.GlobalTypes));
    }

    private const string SchemaHost = "https://schema.management.azure.com/";
}
