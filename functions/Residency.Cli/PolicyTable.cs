using Residency.Classification;

namespace Residency.Cli;

/// <summary>Renders a policy as a fixed-width table followed by the legal reference of each rule.</summary>
internal static class PolicyTable
{
    private static readonly string[] Header = ["RULE", "MATCH", "WHEN", "LEVEL", "CATEGORY", "ACTION"];

    public static void Write(ClassificationPolicy policy, TextWriter output)
    {
        output.WriteLine($"policy {policy.Id} version {policy.Version}");
        output.WriteLine($"sha256 {policy.Sha256}");
        output.WriteLine();

        var rows = new List<string[]> { Header };
        foreach (var rule in policy.Rules.Append(policy.Fallback))
        {
            var match = rule.Path ?? (rule.Detector is null ? "(any field no rule names)" : $"detector {rule.Detector}");
            rows.Add([rule.Id, match, rule.When?.Describe() ?? "-", DataLevels.ToName(rule.Level), rule.Category, rule.Action.Describe()]);
        }

        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Math.Min(row[i].Length, i == 2 ? 40 : 60));
            }
        }

        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => (cell.Length > widths[i] ? cell[..(widths[i] - 1)] + "…" : cell).PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine("GEOFENCES (positions inside are classified by the 'geofence' detector rule)");
        if (policy.Geofences.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var geofence in policy.Geofences)
        {
            output.WriteLine($"  {geofence.Id}: {geofence.Vertices.Count} vertices, datum {geofence.Datum}{(geofence.Name is null ? string.Empty : " - " + geofence.Name)}");
        }

        output.WriteLine();
        output.WriteLine("REFERENCES");
        foreach (var rule in policy.Rules.Append(policy.Fallback))
        {
            output.WriteLine($"  {rule.Id}: {rule.Reference}");
        }
    }
}
