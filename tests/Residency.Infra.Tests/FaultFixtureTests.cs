using Residency.Infra.Tests.Invariants;
using Residency.Testing;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>
/// Each file under Fixtures/Residency compiles and breaks one invariant; the checks on its compiled JSON report
/// exactly that rule, in the file and at the line marked FAULT (for a module fixture, in the module).
/// </summary>
public class FaultFixtureTests
{
    [Theory]
    [InlineData("location-literal.bicep", ResidencyInvariants.Location, "location-literal.bicep")]
    [InlineData("location-east.bicep", ResidencyInvariants.Location, "location-east.bicep")]
    [InlineData("location-global.bicep", ResidencyInvariants.Location, "location-global.bicep")]
    [InlineData("location-module.bicep", ResidencyInvariants.Location, "modules/any-location.bicep")]
    [InlineData("modules/any-location.bicep", ResidencyInvariants.Location, "modules/any-location.bicep")]
    [InlineData("storage-shared-key.bicep", ResidencyInvariants.StorageSharedKey, "storage-shared-key.bicep")]
    [InlineData("storage-public-network.bicep", ResidencyInvariants.StoragePublicNetwork, "storage-public-network.bicep")]
    [InlineData("storage-blob-public-access.bicep", ResidencyInvariants.StorageBlobPublicAccess, "storage-blob-public-access.bicep")]
    [InlineData("storage-tls.bicep", ResidencyInvariants.StorageTls, "storage-tls.bicep")]
    [InlineData("storage-redundancy.bicep", ResidencyInvariants.StorageRedundancy, "storage-redundancy.bicep")]
    [InlineData("storage-soft-delete.bicep", ResidencyInvariants.StorageSoftDelete, "storage-soft-delete.bicep")]
    [InlineData("storage-versioning.bicep", ResidencyInvariants.StorageVersioning, "storage-versioning.bicep")]
    [InlineData("eventhubs-local-auth.bicep", ResidencyInvariants.EventHubsLocalAuth, "eventhubs-local-auth.bicep")]
    [InlineData("keyvault-purge-protection.bicep", ResidencyInvariants.KeyVaultPurgeProtection, "keyvault-purge-protection.bicep")]
    [InlineData("privileged-role.bicep", ResidencyInvariants.PrivilegedRole, "privileged-role.bicep")]
    [InlineData("privileged-custom-role.bicep", ResidencyInvariants.PrivilegedRole, "privileged-custom-role.bicep")]
    [InlineData("public-cloud-host.bicep", ResidencyInvariants.PublicCloudHost, "public-cloud-host.bicep")]
    [InlineData("policy-missing.bicep", ResidencyInvariants.AllowedLocationsPolicy, "policy-missing.bicep")]
    [InlineData("policy-regions.bicep", ResidencyInvariants.AllowedLocationsPolicy, "policy-regions.bicep")]
    public void Fixture_fault_is_caught_at_its_line(string fixture, string rule, string faultFile)
    {
        var findings = Check(fixture);

        var expectedFile = $"{FixtureRoot}/{faultFile}";
        var expectedLine = FaultLine(faultFile);
        Assert.True(findings.Count > 0 && findings.All(f => f.Rule == rule),
            $"expected only [{rule}] but found:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
        Assert.Contains(findings, f => f.File == expectedFile && f.Line == expectedLine);
    }

    [Fact]
    public void Every_residency_fixture_compiles_and_is_listed()
    {
        var directory = Path.Combine(InfraBuild.FixtureDirectory, "Residency");
        var listed = typeof(FaultFixtureTests).GetMethod(nameof(Fixture_fault_is_caught_at_its_line))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).ToHashSet();

        var files = Directory.EnumerateFiles(directory, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).ToList();

        Assert.All(files, f => Assert.Contains(f, listed));
        Assert.All(files, f => Assert.NotNull(InfraBuild.ResidencyFixtures.Template(Path.Combine(directory, f))));
    }

    private const string FixtureRoot = "tests/Residency.Infra.Tests/Fixtures/Residency";

    private static List<Finding> Check(string fixture)
    {
        var root = InfraBuild.ResidencyFixtures.Scope(Path.Combine(InfraBuild.FixtureDirectory, "Residency", fixture));
        var findings = ResidencyInvariants.Check(root, RepoPaths.Root).ToList();
        if (root.IsSubscriptionDeployment)
        {
            findings.AddRange(AllowedLocationsPolicy.Check(root, RepoPaths.Root));
        }

        return findings;
    }

    private static int FaultLine(string fixture) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(InfraBuild.FixtureDirectory, "Residency", fixture)), l => l.Contains("FAULT", StringComparison.Ordinal)) + 1;
}
