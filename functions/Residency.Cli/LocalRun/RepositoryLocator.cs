namespace Residency.Cli.LocalRun;

/// <summary>Finds the repository (the folder holding Functions.sln) from the working directory or the program's location.</summary>
internal static class RepositoryLocator
{
    public static string? FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
