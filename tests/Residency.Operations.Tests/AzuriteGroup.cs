using Residency.Testing;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>One Azurite for every Azurite-backed test class of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}
