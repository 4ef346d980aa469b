using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Residency.Classification.Policy;

/// <summary>Parses and validates a policy document, collecting every error (each names the rule or setting and what is wrong).</summary>
internal sealed partial class PolicyLoader
{
    private readonly List<string> _errors = [];

    public static PolicyDefinition Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new PolicyValidationException($"the policy is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }

        using (document)
        {
            try
            {
                // One document: comments and whitespace may follow it, nothing else (a second document would be ignored).
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                throw new PolicyValidationException($"the policy must be one JSON document, but more follows it (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
            }

            var loader = new PolicyLoader();
            PolicyShape.Check(document.RootElement, loader._errors);
            var definition = loader.Read(document.RootElement);
            if (loader._errors.Count > 0)
            {
                throw new PolicyValidationException(loader._errors);
            }

            return definition!;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex TagSafe();

    private PolicyDefinition? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _errors.Add("the policy must be a JSON object.");
            return null;
        }

        var id = RequireString(root, "id", "the policy");
        if (id is not null && !TagSafe().IsMatch(id))
        {
            _errors.Add("the policy id must be 1-63 characters of [a-z0-9-].");
        }

        var version = RequireString(root, "version", "the policy");
        var schema = RequireString(root, "schema", "the policy");
        if (schema is not null && schema != VehicleUploadSchema.Name)
        {
            _errors.Add($"the policy's schema must be '{VehicleUploadSchema.Name}' (the only schema this classifier reads).");
        }

        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var (latName, lonName) = ReadPositions(root);
        var geofences = ReadGeofences(root);

        PolicyRule? fallback = null;
        if (root.TryGetProperty("fallback", out var fb))
        {
            fallback = ReadRule(fb, "fallback", isFallback: true);
            if (fallback is not null && fallback.Level < DataLevel.Personal)
            {
                _errors.Add($"fallback rule '{fallback.Id}': level must be personal or higher, because a field no rule names fails closed.");
            }
        }
        else
        {
            _errors.Add("the policy needs a 'fallback' rule for fields no rule names (level personal or higher).");
        }

        var rules = new List<PolicyRule>();
        if (!root.TryGetProperty("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
        {
            _errors.Add("the policy needs a 'rules' array.");
        }
        else
        {
            var position = 0;
            foreach (var element in rulesElement.EnumerateArray())
            {
                position++;
                var rule = ReadRule(element, $"rule #{position}", isFallback: false);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }
        }

        CheckRuleSet(rules, fallback, geofences);
        if (_errors.Count > 0)
        {
            return null;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Index = i;
        }

        fallback!.Index = rules.Count;
        return new PolicyDefinition(id!, version!, description, latName, lonName, fallback, rules, geofences);
    }

    private void CheckRuleSet(List<PolicyRule> rules, PolicyRule? fallback, List<Geofence> geofences)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (fallback is not null)
        {
            ids.Add(fallback.Id);
        }

        var unconditionalPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var detectors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!ids.Add(rule.Id))
            {
                _errors.Add($"rule '{rule.Id}': the id is used by another rule.");
            }

            if (rule.Path is not null && rule.When is null)
            {
                if (unconditionalPaths.TryGetValue(rule.Path, out var other))
                {
                    _errors.Add($"rule '{rule.Id}': path '{rule.Path}' is already matched by rule '{other}' (only one rule without 'when' per path).");
                }
                else
                {
                    unconditionalPaths[rule.Path] = rule.Id;
                }
            }

            if (rule.Detector is not null)
            {
                if (detectors.TryGetValue(rule.Detector, out var other))
                {
                    _errors.Add($"rule '{rule.Id}': detector '{rule.Detector}' is already configured by rule '{other}'.");
                }
                else
                {
                    detectors[rule.Detector] = rule.Id;
                }
            }

            CheckEnvelopeRule(rule);
        }

        if (geofences.Count > 0 && !detectors.ContainsKey("geofence"))
        {
            _errors.Add("the policy defines geofences but no rule with detector 'geofence' says how to classify positions inside them.");
        }

        CheckVinStaysPersonal(rules, fallback);
    }

    /// <summary>
    /// Whatever the policy says, the raw VIN lives only in the personal fragment: the rule that applies to $.vin (its own, else
    /// the fallback, as paths name fields below '$') must be personal and keep. Other fragments join on the vehicle key instead.
    /// </summary>
    private void CheckVinStaysPersonal(List<PolicyRule> rules, PolicyRule? fallback)
    {
        if (fallback is null || rules.Any(r => r.Path == "$.vin" && r.When is null))
        {
            return;
        }

        if (fallback.Level != DataLevel.Personal || fallback.Action.Kind != RuleActionKind.Keep)
        {
            _errors.Add($"$.vin has no rule of its own, so fallback rule '{fallback.Id}' would make it {DataLevels.ToName(fallback.Level)} with action {fallback.Action.Name}: "
                + "add a rule for $.vin with level personal and action keep (the raw VIN lives only in the personal fragment).");
        }
    }

    private void CheckEnvelopeRule(PolicyRule rule)
    {
        switch (rule.Path)
        {
            case "$.messageId" or "$.capturedAt" when rule.Level != DataLevel.General || rule.Action.Kind != RuleActionKind.Keep:
                _errors.Add($"rule '{rule.Id}': {rule.Path} travels in every fragment, so its rule must be level general with action keep.");
                break;
            case "$.vin" when rule.When is null && (rule.Level != DataLevel.Personal || rule.Action.Kind != RuleActionKind.Keep):
                _errors.Add($"rule '{rule.Id}': $.vin must be level personal with action keep (the raw VIN lives only in the personal fragment).");
                break;
            case "$.schema" or "$.messageId" or "$.capturedAt" or "$.vin" when rule.When is not null:
                _errors.Add($"rule '{rule.Id}': {rule.Path} is an envelope field and cannot have a 'when' condition.");
                break;
        }
    }

    private (string Lat, string Lon) ReadPositions(JsonElement root)
    {
        if (!root.TryGetProperty("positions", out var positions))
        {
            return ("lat", "lon");
        }

        if (positions.ValueKind != JsonValueKind.Object)
        {
            _errors.Add("'positions' must be an object with 'latitude' and 'longitude' property names.");
            return ("lat", "lon");
        }

        var lat = RequireString(positions, "latitude", "'positions'") ?? "lat";
        var lon = RequireString(positions, "longitude", "'positions'") ?? "lon";
        if (lat == lon)
        {
            _errors.Add("'positions': latitude and longitude must be different property names.");
        }

        return (lat, lon);
    }

    private List<Geofence> ReadGeofences(JsonElement root)
    {
        var result = new List<Geofence>();
        if (!root.TryGetProperty("geofences", out var array))
        {
            return result;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _errors.Add("'geofences' must be an array.");
            return result;
        }

        var position = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in array.EnumerateArray())
        {
            position++;
            var where = $"geofence #{position}";
            if (g.ValueKind != JsonValueKind.Object)
            {
                _errors.Add($"{where}: must be an object.");
                continue;
            }

            var id = RequireString(g, "id", where);
            if (id is not null)
            {
                where = $"geofence '{id}'";
                if (!ids.Add(id))
                {
                    _errors.Add($"{where}: the id is used by another geofence.");
                }
            }

            var vertices = new List<(double Lat, double Lon)>();
            var hasBox = g.TryGetProperty("boundingBox", out var box);
            var hasPolygon = g.TryGetProperty("polygon", out var polygon);
            if (hasBox == hasPolygon)
            {
                _errors.Add($"{where}: needs exactly one of 'boundingBox' or 'polygon'.");
                continue;
            }

            if (hasBox)
            {
                var south = ReadCoordinate(box, "south", where, 90);
                var west = ReadCoordinate(box, "west", where, 180);
                var north = ReadCoordinate(box, "north", where, 90);
                var east = ReadCoordinate(box, "east", where, 180);
                if (south is null || west is null || north is null || east is null)
                {
                    continue;
                }

                if (south >= north || west >= east)
                {
                    _errors.Add($"{where}: boundingBox needs south < north and west < east.");
                    continue;
                }

                vertices.AddRange([(south.Value, west.Value), (south.Value, east.Value), (north.Value, east.Value), (north.Value, west.Value)]);
            }
            else
            {
                if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() < 3)
                {
                    _errors.Add($"{where}: polygon must be an array of at least 3 {{\"lat\", \"lon\"}} points.");
                    continue;
                }

                foreach (var point in polygon.EnumerateArray())
                {
                    var lat = point.ValueKind == JsonValueKind.Object ? ReadCoordinate(point, "lat", where, 90) : null;
                    var lon = point.ValueKind == JsonValueKind.Object ? ReadCoordinate(point, "lon", where, 180) : null;
                    if (lat is null || lon is null)
                    {
                        if (point.ValueKind != JsonValueKind.Object)
                        {
                            _errors.Add($"{where}: polygon points must be objects with 'lat' and 'lon'.");
                        }

                        vertices.Clear();
                        break;
                    }

                    vertices.Add((lat.Value, lon.Value));
                }

                if (vertices.Count == 0)
                {
                    continue;
                }
            }

            result.Add(new Geofence
            {
                Id = id ?? string.Empty,
                Name = g.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
                Datum = g.TryGetProperty("datum", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString()! : "GCJ-02",
                Vertices = vertices,
                MinLat = vertices.Min(v => v.Lat),
                MaxLat = vertices.Max(v => v.Lat),
                MinLon = vertices.Min(v => v.Lon),
                MaxLon = vertices.Max(v => v.Lon),
            });
        }

        return result;
    }

    private double? ReadCoordinate(JsonElement parent, string name, string where, double limit)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            _errors.Add($"{where}: '{name}' must be a number.");
            return null;
        }

        var number = value.GetDouble();
        if (number < -limit || number > limit)
        {
            _errors.Add($"{where}: '{name}' must lie between -{limit} and {limit}.");
            return null;
        }

        return number;
    }

    private PolicyRule? ReadRule(JsonElement element, string where, bool isFallback)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add($"{where}: must be an object.");
            return null;
        }

        var errorsBefore = _errors.Count;
        var id = RequireString(element, "id", where);
        if (id is not null)
        {
            where = isFallback ? $"fallback rule '{id}'" : $"rule '{id}'";
            if (!TagSafe().IsMatch(id))
            {
                _errors.Add($"{where}: the id must be 1-63 characters of [a-z0-9-].");
            }
        }

        var levelName = RequireString(element, "level", where);
        var level = DataLevel.Personal;
        if (levelName is not null && !DataLevels.TryParse(levelName, out level))
        {
            _errors.Add($"{where}: level '{levelName}' is not one of general, personal, sensitive, important.");
        }

        var category = RequireString(element, "category", where);
        if (category is not null && !TagSafe().IsMatch(category))
        {
            _errors.Add($"{where}: category '{category}' must be 1-63 characters of [a-z0-9-] (it becomes a blob tag).");
        }

        var reference = RequireString(element, "reference", where);
        if (reference is not null && reference.Trim().Length == 0)
        {
            _errors.Add($"{where}: reference must name the legal source the rule implements.");
        }

        var path = OptionalString(element, "path", where);
        var detector = OptionalString(element, "detector", where);
        DetectorKind? detectorKind = null;
        if (isFallback)
        {
            if (path is not null || detector is not null)
            {
                _errors.Add($"{where}: the fallback rule applies to unnamed fields and takes no 'path' or 'detector'.");
            }
        }
        else if ((path is null) == (detector is null))
        {
            _errors.Add($"{where}: needs exactly one of 'path' or 'detector'.");
        }
        else if (path is not null && !PathSyntax.TryParse(path, out _, out var pathError))
        {
            _errors.Add($"{where}: path '{path}' {pathError}.");
        }
        else if (detector is not null && detector != "geofence")
        {
            if (ValueDetectors.TryParse(detector, out var kind))
            {
                detectorKind = kind;
            }
            else
            {
                _errors.Add($"{where}: detector '{detector}' is unknown (known: {string.Join(", ", ValueDetectors.All.Select(ValueDetectors.ToName))}, geofence).");
            }
        }

        var action = ReadAction(element, where);
        if (detectorKind is { } found && action?.Kind == RuleActionKind.Generalize && (found != DetectorKind.Coordinates || action.Grid is null))
        {
            _errors.Add(found == DetectorKind.Coordinates
                ? $"{where}: the coordinates detector can generalize only with 'grid' (it finds positions, not timestamps)."
                : $"{where}: generalize applies to numbers and timestamps, not to text a detector found (use mask, pseudonymize, keep or drop).");
        }

        RuleCondition? when = null;
        if (element.TryGetProperty("when", out var whenElement))
        {
            if (path is null)
            {
                _errors.Add($"{where}: 'when' is allowed only on path rules.");
            }
            else
            {
                when = ReadCondition(whenElement, where);
            }

            if (action is not null && action.Kind is not (RuleActionKind.Keep or RuleActionKind.Drop))
            {
                _errors.Add($"{where}: a rule with 'when' classifies a whole node, so its action must be keep or drop (not {action.Name}).");
            }
        }

        if (_errors.Count > errorsBefore)
        {
            return null;
        }

        return new PolicyRule
        {
            Id = id!,
            Path = path,
            Detector = detector,
            DetectorKind = detectorKind,
            Level = level,
            Category = category!,
            Action = action!,
            Reference = reference!,
            When = when,
        };
    }

    private RuleAction? ReadAction(JsonElement rule, string where)
    {
        if (!rule.TryGetProperty("action", out var element))
        {
            _errors.Add($"{where}: 'action' is required (keep, pseudonymize, generalize, mask or drop).");
            return null;
        }

        string? type;
        if (element.ValueKind == JsonValueKind.String)
        {
            type = element.GetString();
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            type = RequireString(element, "type", $"{where} action");
        }
        else
        {
            _errors.Add($"{where}: 'action' must be a name or an object with 'type' and parameters.");
            return null;
        }

        RuleActionKind kind;
        switch (type)
        {
            case "keep": kind = RuleActionKind.Keep; break;
            case "pseudonymize": kind = RuleActionKind.Pseudonymize; break;
            case "generalize": kind = RuleActionKind.Generalize; break;
            case "mask": kind = RuleActionKind.Mask; break;
            case "drop": kind = RuleActionKind.Drop; break;
            case null: return null;
            default:
                _errors.Add($"{where}: action '{type}' is not one of keep, pseudonymize, generalize, mask, drop.");
                return null;
        }

        double? grid = null;
        TimestampUnit? truncate = null;
        int keepFirst = 0, keepLast = 0;
        string? keepFrom = null;
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("grid", out var g))
            {
                if (g.ValueKind != JsonValueKind.Number || g.GetDouble() <= 0 || g.GetDouble() > 10)
                {
                    _errors.Add($"{where}: action parameter 'grid' must be a number greater than 0 and at most 10.");
                }
                else
                {
                    grid = g.GetDouble();
                }
            }

            if (element.TryGetProperty("truncate", out var t))
            {
                truncate = t.ValueKind == JsonValueKind.String ? t.GetString() switch
                {
                    "second" => TimestampUnit.Second,
                    "minute" => TimestampUnit.Minute,
                    "hour" => TimestampUnit.Hour,
                    "day" => TimestampUnit.Day,
                    _ => null,
                } : null;
                if (truncate is null)
                {
                    _errors.Add($"{where}: action parameter 'truncate' must be one of second, minute, hour, day.");
                }
            }

            keepFirst = ReadCount(element, "keepFirst", where);
            keepLast = ReadCount(element, "keepLast", where);
            if (element.TryGetProperty("keepFrom", out var kf))
            {
                keepFrom = kf.ValueKind == JsonValueKind.String && kf.GetString()!.Length == 1 ? kf.GetString() : null;
                if (keepFrom is null)
                {
                    _errors.Add($"{where}: action parameter 'keepFrom' must be a single character.");
                }
            }
        }

        var hasMaskParameters = keepFirst != 0 || keepLast != 0 || keepFrom is not null;
        if (kind == RuleActionKind.Generalize && (grid is null) == (truncate is null))
        {
            _errors.Add($"{where}: action generalize needs exactly one of 'grid' (numbers) or 'truncate' (timestamps).");
        }
        else if (kind != RuleActionKind.Generalize && (grid is not null || truncate is not null))
        {
            _errors.Add($"{where}: 'grid' and 'truncate' apply only to action generalize.");
        }
        else if (kind != RuleActionKind.Mask && hasMaskParameters)
        {
            _errors.Add($"{where}: 'keepFirst', 'keepLast' and 'keepFrom' apply only to action mask.");
        }

        return new RuleAction(kind)
        {
            Grid = grid,
            GridDecimals = grid is null ? 0 : Math.Clamp((int)Math.Ceiling(-Math.Log10(grid.Value)) + 1, 0, 15),
            Truncate = truncate,
            KeepFirst = keepFirst,
            KeepLast = keepLast,
            KeepFrom = keepFrom,
        };
    }

    private int ReadCount(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0 || count > 64)
        {
            _errors.Add($"{where}: action parameter '{name}' must be a whole number from 0 to 64.");
            return 0;
        }

        return count;
    }

    private RuleCondition? ReadCondition(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add($"{where}: 'when' must be an object.");
            return null;
        }

        if (element.TryGetProperty("any", out var any) || element.TryGetProperty("all", out any))
        {
            var isAny = element.TryGetProperty("any", out _);
            if (any.ValueKind != JsonValueKind.Array || any.GetArrayLength() == 0)
            {
                _errors.Add($"{where}: '{(isAny ? "any" : "all")}' must be a non-empty array of conditions.");
                return null;
            }

            var parts = new List<RuleCondition>();
            foreach (var part in any.EnumerateArray())
            {
                var condition = ReadCondition(part, where);
                if (condition is not null)
                {
                    parts.Add(condition);
                }
            }

            return isAny ? new RuleCondition { Any = parts, Parts = [.. parts] } : new RuleCondition { All = parts, Parts = [.. parts] };
        }

        var field = RequireString(element, "field", $"{where} 'when'");
        if (field is null)
        {
            return null;
        }

        var segments = field.Split('.');
        if (segments.Any(s => s.Length == 0 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            _errors.Add($"{where}: condition field '{field}' must be dotted property names (for example detections.faces).");
            return null;
        }

        var tests = (element.TryGetProperty("in", out var inElement) ? 1 : 0)
            + (element.TryGetProperty("greaterThan", out var gtElement) ? 1 : 0)
            + (element.TryGetProperty("missing", out var missingElement) ? 1 : 0);
        if (tests != 1)
        {
            _errors.Add($"{where}: condition on '{field}' needs exactly one of 'in', 'greaterThan' or 'missing'.");
            return null;
        }

        if (inElement.ValueKind == JsonValueKind.Array)
        {
            var values = inElement.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
            if (values.Count == 0 || values.Count != inElement.GetArrayLength())
            {
                _errors.Add($"{where}: condition 'in' on '{field}' must be a non-empty array of strings.");
                return null;
            }

            return new RuleCondition { Field = field, FieldSegments = segments, In = values, InUtf8 = [.. values.Select(System.Text.Encoding.UTF8.GetBytes)] };
        }

        if (gtElement.ValueKind == JsonValueKind.Number)
        {
            return new RuleCondition { Field = field, FieldSegments = segments, GreaterThan = gtElement.GetDouble() };
        }

        if (missingElement.ValueKind == JsonValueKind.True)
        {
            return new RuleCondition { Field = field, FieldSegments = segments, Missing = true };
        }

        _errors.Add($"{where}: condition on '{field}' has a wrong value ('in' takes strings, 'greaterThan' a number, 'missing' true).");
        return null;
    }

    private string? RequireString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            _errors.Add($"{where}: '{name}' is required and must be a non-empty string.");
            return null;
        }

        return value.GetString();
    }

    private string? OptionalString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            _errors.Add($"{where}: '{name}' must be a non-empty string.");
            return null;
        }

        return value.GetString();
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The validated content of a policy document.</summary>
internal sealed record PolicyDefinition(
    string Id,
    string Version,
    string? Description,
    string LatitudeName,
    string LongitudeName,
    PolicyRule Fallback,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<Geofence> Geofences);
