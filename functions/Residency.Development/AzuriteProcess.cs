using System.Diagnostics;
using System.Text;

namespace Residency.Development;

/// <summary>
/// Runs the pinned Azurite Blob service (npm package <c>azurite</c>) from a node_modules folder on a free loopback
/// port with a temporary workspace; disposing it stops the process tree and deletes the workspace.
/// </summary>
public sealed class AzuriteProcess : IAzurite
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _workspace;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, string workspace, int port, bool https, string version, StringBuilder output)
    {
        _process = process;
        _workspace = workspace;
        _output = output;
        BlobEndpoint = DevelopmentAccount.BlobEndpoint(port, https);
        ConnectionString = DevelopmentAccount.ConnectionString(BlobEndpoint);
        Description = $"npm azurite {version} as node process {process.Id}";
    }

    /// <inheritdoc />
    public AzuriteSource Source => AzuriteSource.NpmProcess;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string ConnectionString { get; }

    /// <inheritdoc />
    public Uri BlobEndpoint { get; }

    /// <summary>The temporary folder Azurite keeps its data in; deleted on dispose.</summary>
    public string WorkspaceDirectory => _workspace;

    /// <summary>The id of the node process running Azurite.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts Azurite from <c>{nodeToolsDirectory}/node_modules/azurite</c> and waits until it answers HTTP.
    /// Throws <see cref="InvalidOperationException"/> saying what is missing when node or the package is not there.
    /// </summary>
    public static Task<AzuriteProcess> StartAsync(string nodeToolsDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(nodeToolsDirectory, new AzuriteOptions(), cancellationToken);

    /// <summary>Starts Azurite with <paramref name="options"/> (https and bearer tokens, in-memory data).</summary>
    public static async Task<AzuriteProcess> StartAsync(
        string nodeToolsDirectory, AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeToolsDirectory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var package = new NpmAzurite(nodeToolsDirectory);
        var mainScript = package.BlobMainScript;
        if (!package.IsInstalled)
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {mainScript} is missing. Run 'npm ci' in {nodeToolsDirectory} " +
                "(building tests/Residency.Testing does it), or set AZURITE_CONNECTION_STRING to a running Azurite.");
        }

        var version = package.InstalledVersion() ?? "(version unknown)";
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            // The port is free when chosen; another process may still take it first, so a failed start retries on a new one.
            var port = FreePort.Next();
            var workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
            var output = new StringBuilder();
            Process process;
            try
            {
                var arguments = options.BlobArguments(port, workspace, options.CertificatePath, options.KeyPath);
                process = StartNode(mainScript, arguments, workspace, output);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                TryDeleteDirectory(workspace);
                throw new InvalidOperationException(
                    "Node.js was not found on PATH; Azurite needs Node.js 20 or later (or set AZURITE_CONNECTION_STRING).", e);
            }

            var azurite = new AzuriteProcess(process, workspace, port, options.Https, version, output);
            try
            {
                await azurite.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
                return azurite;
            }
            catch (Exception e) when (e is TimeoutException || (e is InvalidOperationException && azurite.LostThePortRace()))
            {
                lastFailure = e;
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        throw new InvalidOperationException($"Azurite did not start after {StartAttempts} attempts.", lastFailure);
    }

    /// <summary>Stops the Azurite process tree and deletes its workspace.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not stopping: nothing more to do from here.
        }
        finally
        {
            _process.Dispose();
            TryDeleteDirectory(_workspace);
        }
    }

    private static Process StartNode(string mainScript, List<string> arguments, string workspace, StringBuilder output)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        startInfo.ArgumentList.Add(mainScript);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {_process.ExitCode} before answering: {Tail()}");
            }

            if (await AzuriteProbe.AnswersAsync(BlobEndpoint, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Azurite did not answer on {BlobEndpoint} within {StartTimeout.TotalSeconds:0} s: {Tail()}");
    }

    private bool LostThePortRace()
    {
        lock (_output)
        {
            return _output.ToString().Contains("EADDRINUSE", StringComparison.Ordinal);
        }
    }

    private string Tail()
    {
        lock (_output)
        {
            var text = _output.ToString().Trim();
            return text.Length == 0 ? "(no output)" : text[Math.Max(0, text.Length - 2000)..];
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
