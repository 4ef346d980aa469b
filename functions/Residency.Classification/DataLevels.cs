namespace Residency.Classification;

/// <summary>Converts <see cref="DataLevel"/> to and from its lowercase name ("general".."important").</summary>
public static class DataLevels
{
    /// <summary>All levels, lowest first.</summary>
    public static IReadOnlyList<DataLevel> All { get; } = [DataLevel.General, DataLevel.Personal, DataLevel.Sensitive, DataLevel.Important];

    /// <summary>The lowercase name of a level, as used in JSON, container names and blob tags.</summary>
    public static string ToName(DataLevel level) => level switch
    {
        DataLevel.General => "general",
        DataLevel.Personal => "personal",
        DataLevel.Sensitive => "sensitive",
        DataLevel.Important => "important",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown data level."),
    };

    /// <summary>Parses a lowercase level name; returns false for anything else.</summary>
    public static bool TryParse(string name, out DataLevel level)
    {
        switch (name)
        {
            case "general": level = DataLevel.General; return true;
            case "personal": level = DataLevel.Personal; return true;
            case "sensitive": level = DataLevel.Sensitive; return true;
            case "important": level = DataLevel.Important; return true;
            default: level = default; return false;
        }
    }

    internal static ReadOnlySpan<byte> ToUtf8Name(DataLevel level) => level switch
    {
        DataLevel.General => "general"u8,
        DataLevel.Personal => "personal"u8,
        DataLevel.Sensitive => "sensitive"u8,
        _ => "important"u8,
    };
}
