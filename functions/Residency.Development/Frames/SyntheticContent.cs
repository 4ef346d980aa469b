namespace Residency.Development.Frames;

/// <summary>What a synthetic frame shows.</summary>
public enum SyntheticContent
{
    /// <summary>A real face (the astronaut photo) in a road scene.</summary>
    Face,

    /// <summary>A licence plate on a car in a road scene.</summary>
    Plate,

    /// <summary>A road scene without faces or text: must not be altered.</summary>
    Clean,
}
