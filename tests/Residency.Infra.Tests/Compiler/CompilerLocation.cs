using System.Reflection;
using System.Runtime.InteropServices;

namespace Residency.Infra.Tests.Compiler;

/// <summary>
/// Where the pinned Bicep compiler is: <c>BICEP_PATH</c> when set, else the binary of the
/// Azure.Bicep.CommandLine.linux-x64 package on linux-x64, else <c>bicep</c> on PATH. Finding none is an error
/// that names the settings, so no infra test can pass without a compiler.
/// </summary>
internal static class CompilerLocation
{
    public const string PathVariable = "BICEP_PATH";
    public const string PackageId = "Azure.Bicep.CommandLine.linux-x64";

    /// <summary>The package folder NuGet restored (…/azure.bicep.commandline.linux-x64/0.49.2), written into the assembly at build.</summary>
    public static string PackageDirectory { get; } =
        typeof(CompilerLocation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackageDirectory").Value ?? string.Empty;

    /// <summary>The pinned version: the last folder of the package path, as NuGet lays it out.</summary>
    public static string PinnedVersion => Path.GetFileName(PackageDirectory.TrimEnd('/', '\\'));

    public static string Find() => Find(
        Environment.GetEnvironmentVariable(PathVariable),
        PackageDirectory,
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
        Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The resolution itself, with every input given (so the failure can be tested).</summary>
    public static string Find(string? bicepPath, string packageDirectory, bool isLinuxX64, string? searchPath)
    {
        if (!string.IsNullOrWhiteSpace(bicepPath))
        {
            return File.Exists(bicepPath)
                ? bicepPath
                : throw new InvalidOperationException($"{PathVariable} is set to '{bicepPath}', which does not exist.");
        }

        var packaged = Path.Combine(packageDirectory, "tools", "bicep");
        if (isLinuxX64 && packageDirectory.Length > 0)
        {
            return File.Exists(packaged)
                ? packaged
                : throw new InvalidOperationException(
                    $"The {PackageId} package has no {packaged}: run 'dotnet restore', or set {PathVariable} to a bicep {PinnedVersion} binary.");
        }

        var names = OperatingSystem.IsWindows() ? new[] { "bicep.exe" } : ["bicep"];
        var onPath = (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            $"No Bicep compiler: the {PackageId} package applies only to linux-x64. Set {PathVariable} to a bicep " +
            $"{PinnedVersion} binary or put bicep {PinnedVersion} on PATH.");
    }
}
