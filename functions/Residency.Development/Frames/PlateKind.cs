namespace Residency.Development.Frames;

/// <summary>The mainland plate designs the synthetic frames draw (GA 36-2018 colours and layouts, single-line front plates).</summary>
public enum PlateKind
{
    /// <summary>Small car: white characters on blue, 7 characters (京A·12345).</summary>
    Blue,

    /// <summary>Large vehicle: black on yellow, 7 characters.</summary>
    Yellow,

    /// <summary>Small new-energy car: black on a white-to-green gradient, 8 characters (D or F, then a letter or digit, then 4 digits).</summary>
    NewEnergySmall,

    /// <summary>Large new-energy vehicle: black on yellow and green, 8 characters (5 digits, then D or F).</summary>
    NewEnergyLarge,

    /// <summary>Trailer: black on yellow, ending in 挂.</summary>
    Trailer,

    /// <summary>Driving-school car: black on yellow, ending in 学.</summary>
    Learner,

    /// <summary>Police: black on white with a red 警.</summary>
    Police,
}
