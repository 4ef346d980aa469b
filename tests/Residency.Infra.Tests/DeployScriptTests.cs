using System.Diagnostics;
using Residency.Infra.Tests.Compiler;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>
/// infra/deploy.sh guards. The az CLI cannot reach Azure China here, so a stand-in <c>az</c> on PATH answers
/// <c>cloud show</c> with a chosen cloud and <c>bicep version</c> with a chosen version, and records every call;
/// the script itself runs for real.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private readonly string sandbox = Directory.CreateTempSubdirectory("deploy-sh-").FullName;

    public void Dispose() => Directory.Delete(sandbox, recursive: true);

    [Fact]
    public void Refuses_when_the_active_cloud_is_not_Azure_China()
    {
        var (exitCode, _, stderr, calls) = RunDeploy("AzureCloud", "prod", "--yes");

        Assert.Equal(1, exitCode);
        Assert.Contains("not AzureChinaCloud", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.StartsWith("deployment", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_parameter_file_outside_China_North()
    {
        var parameters = Path.Combine(InfraBuild.FixtureDirectory, "Deploy", "east-region.bicepparam");

        var (exitCode, _, stderr, calls) = RunDeploy("AzureChinaCloud", parameters, "--yes");

        Assert.Equal(1, exitCode);
        Assert.Contains("location 'chinaeast2'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.StartsWith("deployment", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_Bicep_version_other_than_the_pinned_one()
    {
        var (exitCode, _, stderr, calls) = RunDeploy("AzureChinaCloud", "prod", "--yes", bicepVersion: "0.30.3");

        Assert.Equal(1, exitCode);
        Assert.Contains($"az bicep install --version v{BicepVersionPin.Version}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.StartsWith("deployment", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_what_if_then_create_at_subscription_scope_in_China_North()
    {
        var (exitCode, _, stderr, calls) = RunDeploy("AzureChinaCloud", "prod", "--yes");

        Assert.True(exitCode == 0, stderr);
        var deployments = calls.Where(c => c.StartsWith("deployment", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, deployments.Count);
        Assert.StartsWith("deployment sub what-if ", deployments[0], StringComparison.Ordinal);
        Assert.StartsWith("deployment sub create ", deployments[1], StringComparison.Ordinal);
        Assert.All(deployments, c =>
        {
            Assert.Contains("--location chinanorth3 ", c, StringComparison.Ordinal);
            Assert.Contains("main.prod.bicepparam", c, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Does_not_create_when_the_operator_declines()
    {
        var (exitCode, stdout, _, calls) = RunDeploy("AzureChinaCloud", "dev", input: "n\n");

        Assert.Equal(1, exitCode);
        Assert.Contains("cancelled", stdout, StringComparison.Ordinal);
        Assert.Contains(calls, c => c.StartsWith("deployment sub what-if", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.StartsWith("deployment sub create", StringComparison.Ordinal));
    }

    private (int ExitCode, string Stdout, string Stderr, List<string> Calls) RunDeploy(
        string cloud, string target, string? flag = null, string input = "", string? bicepVersion = null)
    {
        bicepVersion ??= BicepVersionPin.Version;
        var log = Path.Combine(sandbox, "az-calls.log");
        var fakeAz = Path.Combine(sandbox, "az");
        File.WriteAllText(fakeAz, $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{log}}'
            case "$1 $2" in
              "cloud show") echo '{{cloud}}' ;;
              "bicep version") echo 'Bicep CLI version {{bicepVersion}} (b34271ac51)' ;;
              "account show") printf 'test-subscription\n00000000-0000-0000-0000-000000000000\n' ;;
            esac
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fakeAz, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InfraBuild.InfraDirectory, "deploy.sh"));
        start.ArgumentList.Add(target);
        if (flag is not null)
        {
            start.ArgumentList.Add(flag);
        }

        start.Environment["PATH"] = $"{sandbox}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var calls = File.Exists(log) ? File.ReadAllLines(log).ToList() : [];
        return (process.ExitCode, stdout.Result, stderr.Result, calls);
    }
}
