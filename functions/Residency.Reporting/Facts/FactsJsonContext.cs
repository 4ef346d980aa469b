using System.Text.Json;
using System.Text.Json.Serialization;

namespace Residency.Reporting.Facts;

/// <summary>
/// Source-generated reading of the facts file, strict like every document people write here: an unknown member (a typo)
/// or a member twice is an error naming its path; comments are allowed.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ReportFacts))]
internal sealed partial class FactsJsonContext : JsonSerializerContext;
