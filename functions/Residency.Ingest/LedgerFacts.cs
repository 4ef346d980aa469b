using Residency.Classification;
using Residency.Storage.Batches;

namespace Residency.Ingest;

/// <summary>
/// What a classified upload adds to its day's ledger, read from the classifier's report: fields per category,
/// the persons it names (kind and keyed hash, never a value), positions the policy's geofence rule matched, and
/// exterior camera frames (<c>$.camera[*]</c> tagged <c>exterior-media</c>).
/// </summary>
internal static class LedgerFacts
{
    /// <summary>The category camera frames of the vehicle's surroundings carry in every policy.</summary>
    public const string ExteriorMedia = "exterior-media";

    public static EventFacts From(ClassifiedUpload upload, string? geofenceRuleId)
    {
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        int areas = 0, frames = 0;
        foreach (var field in upload.Fields)
        {
            categories[field.Category] = categories.GetValueOrDefault(field.Category) + field.Count;
            areas += field.RuleId == geofenceRuleId ? field.Count : 0;
            frames += field.Path == "$.camera[*]" && field.Category == ExteriorMedia ? field.Count : 0;
        }

        var subjects = upload.Subjects.Select(s => new SubjectKey(s.Kind, s.Hash)).ToList();
        return new EventFacts(categories.Select(c => new CategoryCount(c.Key, c.Value)).ToList(), subjects, areas, frames);
    }
}
