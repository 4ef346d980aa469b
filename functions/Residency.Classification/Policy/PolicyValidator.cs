using System.Text.RegularExpressions;
using Residency.Classification.Detectors;
using Residency.Classification.Policy.Format;

namespace Residency.Classification.Policy;

/// <summary>
/// Checks what a well-formed policy document means: values, ranges and the rules taken together (unique ids, one rule
/// without <c>when</c> per path, envelope and VIN rules, geofences). Collects every error; each names its rule, geofence or
/// setting. A rule with errors of its own stays out of the checks across rules, which would only repeat them.
/// </summary>
internal sealed partial class PolicyValidator
{
    private readonly List<string> _errors = [];

    public static List<string> Validate(PolicyDocument policy)
    {
        var validator = new PolicyValidator();
        validator.CheckPolicy(policy);
        return validator._errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex TagSafe();

    // The frame stage finds frames by a top-level array's name, the way uploads carry them.
    [GeneratedRegex(@"^\$\.[A-Za-z][A-Za-z0-9_]{0,62}\[\*\]$")]
    private static partial Regex FramePath();

    private void CheckPolicy(PolicyDocument policy)
    {
        Check(TagSafe().IsMatch(policy.Id), "the policy id must be 1-63 characters of [a-z0-9-].");
        Check(policy.Schema == VehicleUploadSchema.Name, $"the policy's schema must be '{VehicleUploadSchema.Name}' (the only schema this classifier reads).");
        Check(policy.Positions is null || policy.Positions.Latitude != policy.Positions.Longitude, "'positions': latitude and longitude must be different property names.");
        var geofenceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var geofence in policy.Geofences ?? [])
        {
            CheckGeofence(geofence, geofenceIds);
        }

        var fallback = CheckRule(policy.Fallback, isFallback: true) ? policy.Fallback : null;
        Check(fallback is not { Level: < DataLevel.Personal }, $"fallback rule '{policy.Fallback.Id}': level must be personal or higher, because a field no rule names fails closed.");
        var validRules = policy.Rules.Where(rule => CheckRule(rule, isFallback: false)).ToList();
        CheckAcrossRules(validRules, fallback, hasGeofences: policy.Geofences is { Count: > 0 });
    }

    private void CheckGeofence(GeofenceDocument geofence, HashSet<string> ids)
    {
        var where = $"geofence '{geofence.Id}'";
        Check(ids.Add(geofence.Id), $"{where}: the id is used by another geofence.");
        if (!Check((geofence.BoundingBox is null) != (geofence.Polygon is null), $"{where}: needs exactly one of 'boundingBox' or 'polygon'."))
        {
            return;
        }

        if (geofence.BoundingBox is { } box)
        {
            // Non-short-circuit '&': every coordinate out of range is reported.
            var inRange = InRange([box.South], "south", where, 90) & InRange([box.West], "west", where, 180)
                & InRange([box.North], "north", where, 90) & InRange([box.East], "east", where, 180);
            Check(!inRange || (box.South < box.North && box.West < box.East), $"{where}: boundingBox needs south < north and west < east.");
        }
        else if (Check(geofence.Polygon!.Count >= 3, $"{where}: polygon must be an array of at least 3 {{\"lat\", \"lon\"}} points."))
        {
            _ = InRange([.. geofence.Polygon.Select(p => p.Lat)], "lat", where, 90) & InRange([.. geofence.Polygon.Select(p => p.Lon)], "lon", where, 180);
        }
    }

    private bool InRange(double[] values, string name, string where, double limit) =>
        Check(values.All(v => Math.Abs(v) <= limit), $"{where}: '{name}' must lie between -{limit} and {limit}.");

    /// <summary>Checks one rule on its own; true when it has no errors.</summary>
    private bool CheckRule(RuleDocument rule, bool isFallback)
    {
        var errorsBefore = _errors.Count;
        var where = isFallback ? $"fallback rule '{rule.Id}'" : $"rule '{rule.Id}'";
        Check(TagSafe().IsMatch(rule.Id), $"{where}: the id must be 1-63 characters of [a-z0-9-].");
        Check(TagSafe().IsMatch(rule.Category), $"{where}: category '{rule.Category}' must be 1-63 characters of [a-z0-9-] (it becomes a blob tag).");
        Check(!string.IsNullOrWhiteSpace(rule.Reference), $"{where}: reference must name the legal source the rule implements.");
        var detector = CheckTarget(rule, where, isFallback);
        CheckAction(rule.Action, where);
        if (detector is { } kind && rule.Action.Type == RuleActionKind.Generalize)
        {
            Check(kind == DetectorKind.Coordinates && rule.Action.Grid is not null, kind == DetectorKind.Coordinates
                ? $"{where}: the coordinates detector can generalize only with 'grid' (it finds positions, not timestamps)."
                : $"{where}: generalize applies to numbers and timestamps, not to text a detector found (use mask, pseudonymize, keep or drop).");
        }

        if (rule.Identifies is { } identifies)
        {
            Check(rule is { Path: not null, When: null } && !isFallback,
                $"{where}: 'identifies' names what the values at a path are, so it belongs on a path rule without 'when' (not on {(isFallback ? "the fallback" : rule.Detector is not null ? "a detector rule" : "a conditional rule")}; '{SubjectKinds.ToName(identifies)}' was given).");
        }

        if (rule.When is not null)
        {
            if (Check(rule.Path is not null, $"{where}: 'when' is allowed only on path rules."))
            {
                CheckCondition(rule.When, where);
            }

            Check(rule.Action.Type is RuleActionKind.Keep or RuleActionKind.Drop or RuleActionKind.DeidentifyImage,
                $"{where}: a rule with 'when' classifies a whole node, so its action must be keep, drop or deidentify-image (not {NameOf(rule.Action.Type)}).");
        }

        if (rule.Action.Type == RuleActionKind.DeidentifyImage)
        {
            Check(rule.Path is not null && FramePath().IsMatch(rule.Path),
                $"{where}: deidentify-image applies to the elements of a top-level array of camera frames, such as $.camera[*] (not {rule.Path ?? (isFallback ? "the fallback" : "a detector")}).");
        }

        return _errors.Count == errorsBefore;
    }

    /// <summary>Checks what a rule matches (a path or a detector); returns the kind of a value detector.</summary>
    private DetectorKind? CheckTarget(RuleDocument rule, string where, bool isFallback)
    {
        if (isFallback)
        {
            Check(rule is { Path: null, Detector: null }, $"{where}: the fallback rule applies to unnamed fields and takes no 'path' or 'detector'.");
            return null;
        }

        if (!Check((rule.Path is null) != (rule.Detector is null), $"{where}: needs exactly one of 'path' or 'detector'."))
        {
            return null;
        }

        if (rule.Path is not null)
        {
            Check(PathSyntax.TryParse(rule.Path, out _, out var error), $"{where}: path '{rule.Path}' {error}.");
            return null;
        }

        var known = ValueDetectors.TryParse(rule.Detector!, out var kind);
        Check(known || rule.Detector == "geofence",
            $"{where}: detector '{rule.Detector}' is unknown (known: {string.Join(", ", ValueDetectors.All.Select(ValueDetectors.ToName))}, geofence).");
        return known ? kind : null;
    }

    private void CheckAction(ActionDocument action, string where)
    {
        Check(action.Grid is null or (> 0 and <= 10), $"{where}: action parameter 'grid' must be a number greater than 0 and at most 10.");
        Check(action.KeepFirst is null or (>= 0 and <= 64), $"{where}: action parameter 'keepFirst' must be a whole number from 0 to 64.");
        Check(action.KeepLast is null or (>= 0 and <= 64), $"{where}: action parameter 'keepLast' must be a whole number from 0 to 64.");
        Check(action.KeepFrom is null or { Length: 1 }, $"{where}: action parameter 'keepFrom' must be a single character.");
        var generalize = action.Type == RuleActionKind.Generalize;
        Check(!generalize || (action.Grid is null) != (action.Truncate is null), $"{where}: action generalize needs exactly one of 'grid' (numbers) or 'truncate' (timestamps).");
        Check(generalize || action is { Grid: null, Truncate: null }, $"{where}: 'grid' and 'truncate' apply only to action generalize.");
        Check(action.Type == RuleActionKind.Mask || action is { KeepFirst: null or 0, KeepLast: null or 0, KeepFrom: null },
            $"{where}: 'keepFirst', 'keepLast' and 'keepFrom' apply only to action mask.");
        Check(action.Type == RuleActionKind.DeidentifyImage || !action.HasImageOptions,
            $"{where}: 'detectors', 'blur', 'minConfidence' and 'tiling' apply only to action deidentify-image.");
        Check(action.Detectors is not { Count: 0 }, $"{where}: 'detectors' must name at least one of faces, plates, all-text.");
        Check(action.MinConfidence is null or (> 0 and < 1), $"{where}: action parameter 'minConfidence' must be a number between 0 and 1.");
    }

    private void CheckCondition(ConditionDocument condition, string where)
    {
        if (condition is CombinedCondition { Any: var any, All: var all })
        {
            Check(any is null || all is null, $"{where}: a condition takes one of 'any' or 'all', not both.");
            Check((any ?? all) is not { Count: 0 }, $"{where}: '{(any is null ? "all" : "any")}' must be a non-empty array of conditions.");
            foreach (var part in (any ?? []).Concat(all ?? []))
            {
                CheckCondition(part, where);
            }

            return;
        }

        var test = (FieldCondition)condition;
        Check(test.Field.Split('.').All(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')),
            $"{where}: condition field '{test.Field}' must be dotted property names (for example detections.faces).");
        Check((test.In is null ? 0 : 1) + (test.GreaterThan is null ? 0 : 1) + (test.Missing is null ? 0 : 1) == 1,
            $"{where}: condition on '{test.Field}' needs exactly one of 'in', 'greaterThan' or 'missing'.");
        Check(test.In is not { Count: 0 }, $"{where}: condition 'in' on '{test.Field}' must be a non-empty array of strings.");
        Check(test.Missing is not false, $"{where}: condition on '{test.Field}' has a wrong value ('in' takes strings, 'greaterThan' a number, 'missing' true).");
    }

    /// <summary>The checks across rules, over the rules that are valid on their own.</summary>
    private void CheckAcrossRules(List<RuleDocument> rules, RuleDocument? fallback, bool hasGeofences)
    {
        HashSet<string> ids = fallback is null ? [] : [fallback.Id];
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var detectors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            Check(ids.Add(rule.Id), $"rule '{rule.Id}': the id is used by another rule.");
            if (rule is { Path: { } path, When: null })
            {
                Check(paths.TryAdd(path, rule.Id), $"rule '{rule.Id}': path '{path}' is already matched by rule '{paths[path]}' (only one rule without 'when' per path).");
            }

            if (rule.Detector is { } detector)
            {
                Check(detectors.TryAdd(detector, rule.Id), $"rule '{rule.Id}': detector '{detector}' is already configured by rule '{detectors[detector]}'.");
            }

            CheckEnvelopeRule(rule);
        }

        Check(!hasGeofences || detectors.ContainsKey("geofence"), "the policy defines geofences but no rule with detector 'geofence' says how to classify positions inside them.");

        // Whatever the policy says, the raw VIN lives only in the personal fragment: the rule that applies to $.vin (its own,
        // else the fallback, as paths name fields below '$') must be personal and keep. Other fragments join on the vehicle key.
        if (fallback is not null && !rules.Any(r => r is { Path: "$.vin", When: null }))
        {
            Check(fallback is { Level: DataLevel.Personal, Action.Type: RuleActionKind.Keep },
                $"$.vin has no rule of its own, so fallback rule '{fallback.Id}' would make it {DataLevels.ToName(fallback.Level)} with action {NameOf(fallback.Action.Type)}: "
                + "add a rule for $.vin with level personal and action keep (the raw VIN lives only in the personal fragment).");
        }
    }

    private void CheckEnvelopeRule(RuleDocument rule)
    {
        var keeps = rule.Action.Type == RuleActionKind.Keep;
        Check(rule.Path is not ("$.messageId" or "$.capturedAt") || (rule.Level == DataLevel.General && keeps),
            $"rule '{rule.Id}': {rule.Path} travels in every fragment, so its rule must be level general with action keep.");
        Check(rule is not { Path: "$.vin", When: null } || (rule.Level == DataLevel.Personal && keeps),
            $"rule '{rule.Id}': $.vin must be level personal with action keep (the raw VIN lives only in the personal fragment).");
        Check(rule.When is null || rule.Path is not ("$.schema" or "$.messageId" or "$.capturedAt" or "$.vin"),
            $"rule '{rule.Id}': {rule.Path} is an envelope field and cannot have a 'when' condition.");
    }

    /// <summary>Records the error unless the check holds; returns whether it held.</summary>
    private bool Check(bool holds, string error)
    {
        if (!holds)
        {
            _errors.Add(error);
        }

        return holds;
    }

    private static string NameOf(RuleActionKind kind) => new RuleAction(kind).Name;
}
