using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;
using Residency.Infra.Tests.Types;
using Residency.Testing;

namespace Residency.Infra.Tests;

/// <summary>
/// The infra/ files and the fault fixtures, parsed once per test run in a single Node.js process, plus the
/// shared inputs of the checks (bicepconfig.json host list, type index).
/// </summary>
internal static class InfraFiles
{
    private static readonly Lazy<IReadOnlyDictionary<string, BicepFile>> ParsedFiles = new(ParseAll);
    private static readonly Lazy<TypeIndex> LazyTypeIndex = new(TypeIndex.Load);
    private static readonly Lazy<HostPolicy> LazyHosts = new(() => HostPolicy.Load(Path.Combine(InfraDirectory, "bicepconfig.json")));

    public static string InfraDirectory => Path.Combine(RepoPaths.Root, "infra");

    public static string FixtureDirectory => Path.Combine(RepoPaths.Root, "tests", "Residency.Infra.Tests", "Fixtures");

    public static HostPolicy Hosts => LazyHosts.Value;

    public static TypeIndex TypeIndex => LazyTypeIndex.Value;

    /// <summary>Paths of infra/**/*.bicep and *.bicepparam relative to infra/, for theory data.</summary>
    public static IReadOnlyList<string> InfraRelativePaths() =>
        BicepFilesUnder(InfraDirectory).Select(p => Path.GetRelativePath(InfraDirectory, p).Replace('\\', '/')).ToList();

    public static BicepFile Infra(string relativePath) => Get(Path.Combine(InfraDirectory, relativePath));

    public static BicepFile Fixture(string name) => Get(Path.Combine(FixtureDirectory, name));

    public static BicepDocument Document(BicepFile file) => DocumentAt(file.FullPath)!;

    public static IReadOnlyList<BicepDocument> InfraDocuments() =>
        InfraRelativePaths().Select(p => Document(Infra(p))).ToList();

    /// <summary>The parsed document of a full path, or null when that file was not part of the batch.</summary>
    public static BicepDocument? DocumentAt(string fullPath) =>
        ParsedFiles.Value.TryGetValue(Path.GetFullPath(fullPath), out var file) ? Documents.GetOrAdd(file) : null;

    public static TypeConformance TypeChecker() => new(TypeIndex, DocumentAt);

    private static BicepFile Get(string path) =>
        ParsedFiles.Value.TryGetValue(Path.GetFullPath(path), out var file)
            ? file
            : throw new FileNotFoundException($"{path} was not parsed (is it under infra/ or the fixture folder?).", path);

    private static IReadOnlyDictionary<string, BicepFile> ParseAll() =>
        TreeSitterBicep.Parse(BicepFilesUnder(InfraDirectory).Concat(BicepFilesUnder(FixtureDirectory)).ToList());

    private static IEnumerable<string> BicepFilesUnder(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".bicep", StringComparison.Ordinal) || p.EndsWith(".bicepparam", StringComparison.Ordinal))
                .Select(Path.GetFullPath)
                .Order(StringComparer.Ordinal)
            : [];

    /// <summary>One document per parsed file, built on first use.</summary>
    private static class Documents
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, BicepDocument> ByPath = new(StringComparer.Ordinal);

        public static BicepDocument GetOrAdd(BicepFile file) => ByPath.GetOrAdd(file.FullPath, _ => BicepDocument.From(file));
    }
}
