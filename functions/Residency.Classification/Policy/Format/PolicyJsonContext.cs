using System.Text.Json;
using System.Text.Json.Serialization;

namespace Residency.Classification.Policy.Format;

/// <summary>
/// Source-generated JSON metadata of the policy model (no reflection, AOT-safe), with the format's reading options: comments
/// allowed, no trailing commas, names exactly as written. The strict settings stop at the first problem, so they are the
/// backstop: <see cref="ShapeCheck"/> walks the same metadata first and reports every problem at once.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PolicyDocument))]
[JsonSerializable(typeof(FieldCondition))]
[JsonSerializable(typeof(CombinedCondition))]
[JsonSerializable(typeof(RuleActionKind))]
[JsonSerializable(typeof(SubjectKind))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
