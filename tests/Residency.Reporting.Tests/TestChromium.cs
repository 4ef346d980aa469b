using System.Formats.Tar;
using System.IO.Compression;
using Residency.Testing;

namespace Residency.Reporting.Tests;

/// <summary>
/// The Chromium the page tests drive: <c>RESIDENCY_CHROMIUM</c>, else Debian's <c>chromium</c> on PATH (CI installs it),
/// else the Chromium build inside the npm package <c>@sparticuz/chromium</c> pinned in tests/package.json (unpacked once
/// into the build output with the few libraries it ships). None: the test fails saying how to install one.
/// </summary>
internal static class TestChromium
{
    public const string HowToInstall =
        "no Chromium for the page tests: apt-get install -y chromium (Debian; .ci/run installs it), or set RESIDENCY_CHROMIUM to a Chromium " +
        "executable, or run npm ci in tests/ for the pinned @sparticuz/chromium fallback.";

    private static readonly string[] Names = ["chromium", "chromium-browser"];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The executable and the environment it needs (the npm build's libraries), or an exception saying how to get one.</summary>
    public static async Task<(string Executable, string Origin, IReadOnlyDictionary<string, string> Environment)> FindAsync()
    {
        if (Environment.GetEnvironmentVariable("RESIDENCY_CHROMIUM") is { Length: > 0 } named)
        {
            // Named on purpose (CI names Debian's): no fallback may hide that it is missing.
            return File.Exists(named)
                ? (named, "RESIDENCY_CHROMIUM", new Dictionary<string, string>())
                : throw new InvalidOperationException($"RESIDENCY_CHROMIUM names {named}, which does not exist. " + HowToInstall);
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name))).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return (onPath, "PATH (Debian's chromium)", new Dictionary<string, string>());
        }

        var package = Path.Combine(RepoPaths.Root, "tests", "node_modules", "@sparticuz", "chromium", "bin");
        if (File.Exists(Path.Combine(package, "chromium.br")))
        {
            var (executable, libraries) = await UnpackAsync(package);
            return (executable, "npm @sparticuz/chromium", new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = libraries });
        }

        throw new InvalidOperationException(HowToInstall);
    }

    // The package ships Chromium brotli-compressed, and the NSS libraries it links against as a tar (al2023.tar.br).
    private static async Task<(string Executable, string Libraries)> UnpackAsync(string package)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "sparticuz-chromium");
        var executable = Path.Combine(folder, "chromium");
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(executable))
            {
                Directory.CreateDirectory(folder);
                await using (var input = new BrotliStream(File.OpenRead(Path.Combine(package, "chromium.br")), CompressionMode.Decompress))
                await using (var output = File.Create(executable + ".part"))
                {
                    await input.CopyToAsync(output);
                }

                await using (var tar = new BrotliStream(File.OpenRead(Path.Combine(package, "al2023.tar.br")), CompressionMode.Decompress))
                {
                    await TarFile.ExtractToDirectoryAsync(tar, folder, overwriteFiles: true);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(executable + ".part", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                File.Move(executable + ".part", executable);
            }
        }
        finally
        {
            Gate.Release();
        }

        return (executable, Path.Combine(folder, "lib"));
    }
}
