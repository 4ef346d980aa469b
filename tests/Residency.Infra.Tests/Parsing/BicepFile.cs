namespace Residency.Infra.Tests.Parsing;

/// <summary>A parsed Bicep or .bicepparam file: its path (absolute and as shown in messages) and its tree.</summary>
internal sealed record BicepFile(string FullPath, string DisplayPath, BicepNode Root)
{
    public bool IsParameterFile => FullPath.EndsWith(".bicepparam", StringComparison.OrdinalIgnoreCase);
}
