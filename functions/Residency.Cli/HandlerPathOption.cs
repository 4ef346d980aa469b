using System.CommandLine;

namespace Residency.Cli;

/// <summary><c>--handler PATH</c> of the verbs that start the handler: a published one instead of the build output.</summary>
internal static class HandlerPathOption
{
    public static Option<FileInfo> Create() => new Option<FileInfo>("--handler")
    {
        Description = "The handler to start: a published executable (build/publish-functions.sh [--native] writes " +
            "artifacts/functions/app/handler/Residency.Functions), as production runs it, or an assembly; default the build output, which the JIT compiles.",
    }.AcceptExistingOnly();

    /// <summary>How the bench reports name the handler they ran, file name and kind (null: the build output).</summary>
    public static string Describe(string? path) => path is null ? "Residency.Functions.dll (assembly, JIT)"
        : Path.GetFileName(path) + (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? " (assembly, JIT)" : " (published executable)");
}
