using Residency.Infra.Tests.Compiler;
using Residency.Infra.Tests.Invariants;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>
/// Residency settings removed from the modules of a copy of infra/: the copy still compiles cleanly, and the checks
/// on its compiled main.json report each removal with the module, the line of its resource and the invariant.
/// (One copy, one compile: each removal is in a different resource, so each finding is its own.)
/// </summary>
public sealed class RemovedSettingTests : IDisposable
{
    private static readonly (string Module, string Setting, string Rule)[] Removals =
    [
        ("dataStorage.bicep", "allowSharedKeyAccess: false", ResidencyInvariants.StorageSharedKey),
        ("dataStorage.bicep", "isVersioningEnabled: true", ResidencyInvariants.StorageVersioning),
        ("hostStorage.bicep", "publicNetworkAccess: 'Disabled'", ResidencyInvariants.StoragePublicNetwork),
        ("eventHubs.bicep", "disableLocalAuth: true", ResidencyInvariants.EventHubsLocalAuth),
        ("keyVault.bicep", "enablePurgeProtection: true", ResidencyInvariants.KeyVaultPurgeProtection),
    ];

    private readonly string copy = Directory.CreateTempSubdirectory("infra-copy-").FullName;

    public void Dispose() => Directory.Delete(copy, recursive: true);

    [Fact]
    public void Each_removed_setting_is_reported_with_module_line_and_invariant()
    {
        var infra = Path.Combine(copy, "infra");
        CopyDirectory(InfraBuild.InfraDirectory, infra);
        var expected = Removals.Select(r => $"infra/modules/{r.Module}:{Remove(Path.Combine(infra, "modules", r.Module), r.Setting)}: [{r.Rule}] ").ToList();

        var compiled = CompiledFiles.Build(infra, Path.Combine(copy, "out"));
        var findings = ResidencyInvariants.Check(compiled.Scope(Path.Combine(infra, "main.bicep")), copy).Select(f => f.ToString()).ToList();

        Assert.True(compiled.Run.IsClean, compiled.Run.Report());
        // hostStorage.bicep is deployed twice (ingest's and operations' host storage): each deployment reports it, alike.
        Assert.True(findings.Distinct().Count() == expected.Count, string.Join(Environment.NewLine, findings));
        Assert.All(expected, e => Assert.Contains(findings, f => f.StartsWith(e, StringComparison.Ordinal)));
    }

    /// <summary>Deletes the setting's line and returns the line of the resource declaration it was in.</summary>
    private static int Remove(string file, string setting)
    {
        var lines = File.ReadAllLines(file).ToList();
        var removed = lines.FindIndex(l => l.Trim() == setting);
        Assert.True(removed >= 0, $"{file} has no line '{setting}'");
        lines.RemoveAt(removed);
        File.WriteAllLines(file, lines);
        return lines.FindLastIndex(removed - 1, l => l.TrimStart().StartsWith("resource ", StringComparison.Ordinal)) + 1;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
