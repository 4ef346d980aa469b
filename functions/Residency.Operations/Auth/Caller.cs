namespace Residency.Operations.Auth;

/// <summary>Who made a call the operations API accepted: the object id logged and recorded with every request.</summary>
/// <param name="ObjectId">The caller's Entra object id, or <see cref="DevelopmentCaller"/> for an unauthenticated loopback call in Development.</param>
public sealed record Caller(string ObjectId)
{
    /// <summary>The object id recorded for a Development call on loopback without a principal.</summary>
    public const string DevelopmentCaller = "development-loopback";
}
