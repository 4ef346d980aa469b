namespace Residency.Cli.Vehicle;

/// <summary>Exit codes of <c>residency vehicle</c>: 0 ok, 1 failure (refused endpoint, storage or disk), 2 usage.</summary>
internal static class VehicleExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The endpoint was refused by the RegionGuard, or storage, authentication or the export folder failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: missing or conflicting options, a malformed VIN or key, <c>--delete</c> without <c>--yes</c>.</summary>
    public const int Usage = 2;
}
