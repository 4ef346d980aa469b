namespace Residency.Storage;

/// <summary>The seven containers of the residency account: one per data level, quarantine, the audit ledger and the vehicle index.</summary>
public static class ResidencyContainers
{
    /// <summary>Fragments classified <c>general</c>.</summary>
    public const string General = "vehicle-general";

    /// <summary>Fragments classified <c>personal</c>.</summary>
    public const string Personal = "vehicle-personal";

    /// <summary>Fragments classified <c>sensitive</c>.</summary>
    public const string Sensitive = "vehicle-sensitive";

    /// <summary>Fragments classified <c>important</c>.</summary>
    public const string Important = "vehicle-important";

    /// <summary>Events that could not be stored as fragments (raw bytes + reason); treated as <c>important</c>.</summary>
    public const string Quarantine = "vehicle-quarantine";

    /// <summary>Write-once: one commit record per committed batch and one receipt per deletion request.</summary>
    public const string Audit = "vehicle-audit";

    /// <summary>Vehicle index markers (where a vehicle's data is) and the per-partition commit heads.</summary>
    public const string Index = "vehicle-index";

    /// <summary>All seven, in creation order.</summary>
    public static IReadOnlyList<string> All { get; } = [General, Personal, Sensitive, Important, Quarantine, Audit, Index];

    /// <summary>The four level containers, lowest level first.</summary>
    public static IReadOnlyList<string> Levels { get; } = [General, Personal, Sensitive, Important];

    /// <summary>The level names, lowest first.</summary>
    public static IReadOnlyList<string> LevelNames { get; } = ["general", "personal", "sensitive", "important"];

    /// <summary>The container for a level name (<c>general</c>..<c>important</c>); <see cref="ArgumentException"/> otherwise.</summary>
    public static string ForLevel(string levelName) => levelName switch
    {
        "general" => General,
        "personal" => Personal,
        "sensitive" => Sensitive,
        "important" => Important,
        _ => throw new ArgumentException(
            $"Unknown data level '{levelName}': expected general, personal, sensitive or important.", nameof(levelName)),
    };
}
