using System.Text.Json;
using Residency.Testing;

namespace Residency.Infra.Tests.Types;

/// <summary>
/// The Bicep type index (Azure/bicep-types-az <c>types.json</c> files, one per provider and API version) kept in
/// ../shared/bicep-types, or wherever BICEP_TYPES_DIR points. Resource types are looked up as <c>Type@version</c>.
/// </summary>
internal sealed class TypeIndex
{
    public const string DirectoryVariable = "BICEP_TYPES_DIR";

    private readonly Dictionary<string, (TypeRef Body, int WritableScopes)> resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SortedSet<string>> versions = new(StringComparer.OrdinalIgnoreCase);

    private TypeIndex(string directory)
    {
        Directory = directory;
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "types.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var file = new TypeFile(path, json.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray());
            for (var i = 0; i < file.Types.Length; i++)
            {
                var element = file.Types[i];
                if (element.GetProperty("$type").GetString() != "ResourceType")
                {
                    continue;
                }

                var name = element.GetProperty("name").GetString()!;
                var body = new TypeRef(file, i).Follow(element.GetProperty("body"));
                var writable = element.TryGetProperty("writableScopes", out var scopes) ? scopes.GetInt32() : -1;
                resources[name] = (body, writable);
                var at = name.IndexOf('@', StringComparison.Ordinal);
                var type = name[..at];
                if (!versions.TryGetValue(type, out var set))
                {
                    versions[type] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(name[(at + 1)..]);
            }
        }

        if (resources.Count == 0)
        {
            throw new InvalidOperationException($"The Bicep type index at {directory} holds no resource types (types.json files).");
        }
    }

    public string Directory { get; }

    public int ResourceTypeCount => resources.Count;

    /// <summary>The index at BICEP_TYPES_DIR, or at ../shared/bicep-types beside the repository.</summary>
    public static TypeIndex Load() => Load(Environment.GetEnvironmentVariable(DirectoryVariable));

    /// <summary>The index in the given folder, or at ../shared/bicep-types beside the repository when none is given.</summary>
    public static TypeIndex Load(string? configured)
    {
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "bicep-types"))
            : Path.GetFullPath(configured);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"The Bicep type index was not found at {directory}. Set {DirectoryVariable} to the folder holding the " +
                "bicep-types-az types.json files (CI sets it to ../shared/bicep-types); it is never copied into the repository.");
        }

        return new TypeIndex(directory);
    }

    public bool TryGetResource(string typeReference, out TypeRef body, out int writableScopes)
    {
        if (resources.TryGetValue(typeReference, out var entry))
        {
            (body, writableScopes) = entry;
            return true;
        }

        body = default;
        writableScopes = 0;
        return false;
    }

    /// <summary>The API versions the index holds for a resource type (empty when the type is unknown).</summary>
    public IReadOnlyCollection<string> VersionsOf(string fullType) =>
        versions.TryGetValue(fullType, out var set) ? set : [];
}

/// <summary>One types.json file: a JSON array whose elements refer to each other as <c>{"$ref": "#/N"}</c>.</summary>
internal sealed record TypeFile(string Path, JsonElement[] Types);

/// <summary>A type in a types.json file.</summary>
internal readonly record struct TypeRef(TypeFile File, int Index)
{
    public JsonElement Element => File.Types[Index];

    /// <summary>ObjectType, DiscriminatedObjectType, ArrayType, UnionType, StringLiteralType, StringType, ...</summary>
    public string Kind => Element.GetProperty("$type").GetString()!;

    /// <summary>Resolves a <c>{"$ref": "#/N"}</c> found in this type's file.</summary>
    public TypeRef Follow(JsonElement reference)
    {
        var text = reference.GetProperty("$ref").GetString()!;
        return new TypeRef(File, int.Parse(text.AsSpan(text.LastIndexOf('/') + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
