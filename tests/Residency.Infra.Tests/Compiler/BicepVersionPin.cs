using System.Text.RegularExpressions;
using Residency.Testing;

namespace Residency.Infra.Tests.Compiler;

/// <summary>The one pinned Bicep version: the Azure.Bicep.CommandLine.linux-x64 entry of Directory.Packages.props.</summary>
internal static partial class BicepVersionPin
{
    public static string Version { get; } =
        PackageVersion().Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Packages.props"))) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"Directory.Packages.props has no PackageVersion for {CompilerLocation.PackageId}.");

    [GeneratedRegex(@"Include=""Azure\.Bicep\.CommandLine\.linux-x64""\s+Version=""([^""]+)""")]
    private static partial Regex PackageVersion();
}
