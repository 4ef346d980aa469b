using System.Diagnostics;
using System.Text.Json;

namespace Residency.Development;

/// <summary>
/// The Azurite npm package pinned in <c>{NodeToolsDirectory}/package-lock.json</c> (tests/ in this repository): its
/// version, its blob entry script, and installing it on demand so that only .NET and Node.js are needed.
/// </summary>
public sealed class NpmAzurite(string nodeToolsDirectory)
{
    private const string BlobMainRelativePath = "node_modules/azurite/dist/src/blob/main.js";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The folder holding package.json, package-lock.json and node_modules.</summary>
    public string NodeToolsDirectory { get; } = Path.GetFullPath(nodeToolsDirectory);

    /// <summary>The script <c>azurite-blob</c> runs.</summary>
    public string BlobMainScript => Path.Combine(NodeToolsDirectory, BlobMainRelativePath);

    /// <summary>True when the package is installed.</summary>
    public bool IsInstalled => File.Exists(BlobMainScript);

    /// <summary>The Azurite version the lock file pins (the default container image has the same tag).</summary>
    public string PinnedVersion()
    {
        var lockFile = Path.Combine(NodeToolsDirectory, "package-lock.json");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(lockFile));
            return document.RootElement.GetProperty("packages").GetProperty("node_modules/azurite").GetProperty("version").GetString()
                ?? throw new InvalidOperationException($"{lockFile} names no Azurite version.");
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The pinned Azurite version could not be read from {lockFile}: {e.Message}", e);
        }
    }

    /// <summary>The version installed in node_modules, or null when none is (or it cannot be read).</summary>
    public string? InstalledVersion()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(NodeToolsDirectory, "node_modules/azurite/package.json")));
            return document.RootElement.GetProperty("version").GetString();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Installs the pinned packages (<c>npm ci</c>, production dependencies, no install scripts) unless Azurite is
    /// already there. Serialized with the build's install through the same lock file.
    /// </summary>
    public async Task EnsureInstalledAsync(Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (IsInstalled)
        {
            return;
        }

        using var installLock = await AcquireInstallLockAsync(cancellationToken).ConfigureAwait(false);
        if (IsInstalled)
        {
            return;
        }

        log($"Azurite is not installed in {NodeToolsDirectory}: installing the pinned azurite {PinnedVersion()} with npm ci (once)...");
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = NodeToolsDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("npm was not found on PATH; installing Azurite needs Node.js 20 or later with npm.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(InstallTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0 || !IsInstalled)
            {
                throw new InvalidOperationException(
                    $"npm ci in {NodeToolsDirectory} failed (exit {process.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
            }
        }

        log($"Azurite {PinnedVersion()} installed.");
    }

    // The build's NodeTools.targets takes the same file with flock; .NET's exclusive FileShare.None is a flock too.
    private async Task<FileStream> AcquireInstallLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(NodeToolsDirectory, ".npm-install.lock");
        var deadline = DateTimeOffset.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
