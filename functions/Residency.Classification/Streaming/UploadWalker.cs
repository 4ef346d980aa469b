using System.Text.Json;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>
/// One pass over the upload with a Utf8JsonReader: validates, resolves each value's rule, runs detectors where they can
/// raise the level, and writes each value (transformed) into the fragment writer of its level. No DOM is built.
/// </summary>
internal ref struct UploadWalker
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly ClassificationSession _s;
    private readonly ClassificationPolicy _policy;
    private readonly PseudonymizationKey _key;
    private readonly int _maxDepth;
    private Utf8JsonReader _reader;

    public UploadWalker(ReadOnlySpan<byte> input, ClassificationSession session, ClassificationPolicy policy, PseudonymizationKey key, int maxDepth)
    {
        _input = input;
        _s = session;
        _policy = policy;
        _key = key;
        _maxDepth = maxDepth;
        _reader = new Utf8JsonReader(input, new JsonReaderOptions
        {
            MaxDepth = maxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
    }

    /// <summary>Walks the whole document; throws <see cref="UploadRejectedException"/> or <see cref="JsonException"/>.</summary>
    public void Walk()
    {
        if (!_reader.Read())
        {
            throw Reject(UploadRejectionReasons.InvalidJson, "The upload is empty.");
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Reject(UploadRejectionReasons.InvalidJson, "The upload must be one JSON object.");
        }

        ref var root = ref _s.Frames[0];
        root.Node = _policy.Root;
        root.Inherited = _policy.Root.EffectiveRule;
        WalkObject(0);

        // Trailing tokens make the reader throw; trailing whitespace is fine.
        while (_reader.Read())
        {
        }
    }

    private void WalkObject(int depth)
    {
        ref var frame = ref _s.Frames[depth];
        frame.ArenaMark = _s.Names.Length;
        frame.KeysStart = _s.Keys.Count;
        frame.KnownKeys = 0;
        var childIndex = -1;
        while (_reader.Read())
        {
            if (_reader.TokenType == JsonTokenType.EndObject)
            {
                FinishObject(depth);
                return;
            }

            var (nameStart, nameLength) = StoreName();
            var child = frame.Node?.FindChild(Name(nameStart, nameLength), out childIndex);
            if (child is not null && childIndex < 64)
            {
                // Known names are tracked as bits; only unknown names need the hash list.
                var bit = 1UL << childIndex;
                if ((frame.KnownKeys & bit) != 0)
                {
                    throw DuplicateKey(depth, nameStart, nameLength);
                }

                frame.KnownKeys |= bit;
            }
            else
            {
                CheckDuplicate(depth, nameStart, nameLength);
            }

            _reader.Read();
            HandleValue(depth, nameStart, nameLength, child);
        }
    }

    private void WalkArray(int depth)
    {
        ref var frame = ref _s.Frames[depth];
        var element = frame.Node?.Element;
        frame.ElementIndex = 0;
        while (_reader.Read())
        {
            if (_reader.TokenType == JsonTokenType.EndArray)
            {
                CloseFrame(depth);
                return;
            }

            HandleValue(depth, 0, 0, element);
            _s.Frames[depth].ElementIndex++;
        }
    }

    private void HandleValue(int parentDepth, int nameStart, int nameLength, PathNode? node)
    {
        ref var parent = ref _s.Frames[parentDepth];
        var token = _reader.TokenType;
        if (node is not null && node.Expected != JsonType.Any)
        {
            CheckType(node, token);
        }

        if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = parentDepth + 1;
            if (depth >= _maxDepth)
            {
                throw Reject(UploadRejectionReasons.TooDeep, $"The upload nests deeper than {_maxDepth} levels (at {ChildPath(parentDepth, nameStart, nameLength, node)}).");
            }

            if (node is { ConditionalRules.Count: > 0 } && _s.CaptureDepth == 0)
            {
                HandleUnit(parentDepth, nameStart, nameLength, node);
                return;
            }

            ref var frame = ref _s.Frames[depth];
            frame = default;
            _s.DeepestFrame = Math.Max(_s.DeepestFrame, depth);
            frame.IsArray = token == JsonTokenType.StartArray;
            frame.NameStart = nameStart;
            frame.NameLength = nameLength;
            frame.Node = node;
            frame.UnknownPath = node is null ? ChildPath(parentDepth, nameStart, nameLength, null) : null;
            frame.Inherited = node?.EffectiveRule ?? parent.Inherited;
            if (frame.IsArray)
            {
                WalkArray(depth);
            }
            else
            {
                WalkObject(depth);
            }

            return;
        }

        if (_s.CaptureDepth > 0)
        {
            return;
        }

        var rule = node?.EffectiveRule ?? parent.Inherited;
        if (parentDepth == 0 && node is not null && node.Envelope != EnvelopeField.None && !HandleEnvelope(node, rule))
        {
            return;
        }

        if (!parent.IsArray && token == JsonTokenType.Number && (_policy.GeofenceRule ?? _policy.CoordinatesRule) is not null && TryDefer(ref parent, nameStart, nameLength, node, rule))
        {
            return;
        }

        EmitLeaf(parentDepth, nameStart, nameLength, node, rule);
    }

    /// <summary>Validates the envelope fields; returns false when the value travels only in the envelope.</summary>
    private bool HandleEnvelope(PathNode node, PolicyRule rule)
    {
        var value = UnescapedValue();
        switch (node.Envelope)
        {
            case EnvelopeField.Schema:
                if (!value.SequenceEqual("vehicle-upload/1"u8))
                {
                    throw Reject(UploadRejectionReasons.UnknownSchema, "$.schema names a schema this classifier does not know (expected vehicle-upload/1).");
                }

                _s.SchemaSeen = true;
                return true;
            case EnvelopeField.MessageId:
                if (value.Length is 0 or > 64 || value.IndexOfAnyExcept(ValueTransforms.MessageIdChars) >= 0)
                {
                    throw Reject(UploadRejectionReasons.InvalidMessageId, "$.messageId must be 1-64 characters of A-Z, a-z, 0-9 and '-'.");
                }

                _s.MessageId = System.Text.Encoding.ASCII.GetString(value);
                _s.Tags.Add(node, rule, envelope: true);
                return false;
            case EnvelopeField.CapturedAt:
                if (!_reader.TryGetDateTimeOffset(out var capturedAt) || !HasExplicitOffset(value))
                {
                    throw Reject(UploadRejectionReasons.InvalidField, "$.capturedAt must be an ISO 8601 timestamp with a time zone (for example 2026-11-22T08:15:30Z).");
                }

                _s.CapturedAt = capturedAt;
                _s.CapturedAtStart = (int)_reader.TokenStartIndex;
                _s.CapturedAtLength = _reader.ValueSpan.Length + 2;
                _s.Tags.Add(node, rule, envelope: true);
                return false;
            case EnvelopeField.Vin:
                if (!VinDetector.HasVinFormat(value))
                {
                    throw Reject(UploadRejectionReasons.InvalidField, "$.vin must be 17 characters of the VIN alphabet (A-Z without I, O, Q, and 0-9).");
                }

                Span<byte> upper = stackalloc byte[17];
                for (var i = 0; i < 17; i++)
                {
                    upper[i] = AsciiBytes.ToUpper(value[i]);
                }

                _s.VehicleKey = _s.VehicleKeyFor(upper, _key);
                _s.HasVin = true;
                return true;
            case EnvelopeField.Kind:
                _s.Kind = null;
                if (_reader.TokenType == JsonTokenType.Null)
                {
                    return true;
                }

                foreach (var kind in VehicleUploadSchema.Kinds)
                {
                    if (_reader.ValueTextEquals(kind))
                    {
                        _s.Kind = kind;
                    }
                }

                if (_s.Kind is null)
                {
                    throw Reject(UploadRejectionReasons.InvalidField, "$.kind must be one of " + string.Join(", ", VehicleUploadSchema.Kinds) + ".");
                }

                return true;
            default:
                return true;
        }
    }

    private static bool HasExplicitOffset(ReadOnlySpan<byte> timestamp)
    {
        var t = timestamp.IndexOf((byte)'T');
        return t > 0 && (timestamp[^1] is (byte)'Z' or (byte)'z' || timestamp[t..].IndexOfAny((byte)'+', (byte)'-') > 0);
    }

    private bool TryDefer(ref Frame parent, int nameStart, int nameLength, PathNode? node, PolicyRule rule)
    {
        var name = Name(nameStart, nameLength);
        var isLat = name.SequenceEqual(_policy.LatitudeName);
        if (!isLat && !name.SequenceEqual(_policy.LongitudeName))
        {
            return false;
        }

        var value = _reader.GetDouble();
        var limit = isLat ? 90 : 180;
        if (node is not null && (value < -limit || value > limit || !double.IsFinite(value)))
        {
            throw Reject(UploadRejectionReasons.InvalidField, $"{node.Path} must lie between -{limit} and {limit}.");
        }

        ref var slot = ref isLat ? ref parent.Lat : ref parent.Lon;
        slot.Present = true;
        slot.Value = value;
        slot.TokenStart = (int)_reader.TokenStartIndex;
        slot.TokenLength = _reader.ValueSpan.Length;
        slot.NameStart = nameStart;
        slot.NameLength = nameLength;
        slot.Node = node;
        slot.Rule = rule;
        return true;
    }

    private void FinishObject(int depth)
    {
        ref var frame = ref _s.Frames[depth];
        if (frame.Lat.Present || frame.Lon.Present)
        {
            var inside = false;
            if (frame.Lat.Present && frame.Lon.Present)
            {
                foreach (var geofence in _policy.Geofences)
                {
                    if (geofence.Contains(frame.Lat.Value, frame.Lon.Value))
                    {
                        inside = true;
                        break;
                    }
                }
            }

            var pair = frame.Lat.Present && frame.Lon.Present;
            EmitCoordinate(depth, ref frame.Lat, pair, inside);
            EmitCoordinate(depth, ref frame.Lon, pair, inside);
        }

        _s.Keys.RemoveRange(frame.KeysStart, _s.Keys.Count - frame.KeysStart);
        _s.Names.Truncate(frame.ArenaMark);
        CloseFrame(depth);
    }

    private void EmitCoordinate(int depth, ref Coordinate c, bool pair, bool insideGeofence)
    {
        if (!c.Present)
        {
            return;
        }

        var rule = c.Rule;
        if (pair)
        {
            var area = _policy.GeofenceRule;
            var anywhere = _policy.CoordinatesRule;
            if (insideGeofence && area is not null && area.Level >= rule.Level)
            {
                rule = area;
            }
            else if (anywhere is not null && anywhere.Level > rule.Level)
            {
                rule = anywhere;
            }
        }

        Tag(depth, c.NameStart, c.NameLength, c.Node, rule);
        if (rule.Action.Kind == RuleActionKind.Drop)
        {
            return;
        }

        var writer = Open(rule.Level, depth);
        if (c.Node is not null)
        {
            writer.WritePropertyName(c.Node.EncodedName);
        }
        else
        {
            writer.WritePropertyName(Name(c.NameStart, c.NameLength));
        }

        WriteNumber(writer, _input.Slice(c.TokenStart, c.TokenLength), c.Value, rule.Action);
    }

    private void CloseFrame(int depth)
    {
        foreach (var output in _s.Outputs)
        {
            if (output.OpenDepth > depth)
            {
                if (_s.Frames[depth].IsArray)
                {
                    output.Writer.WriteEndArray();
                }
                else
                {
                    output.Writer.WriteEndObject();
                }

                output.OpenDepth = depth;
            }
        }
    }

    /// <summary>Opens, in the level's writer, every container down to <paramref name="depth"/> that is not open yet.</summary>
    private Utf8JsonWriter Open(DataLevel level, int depth)
    {
        var output = _s.Outputs[(int)level];
        var writer = output.Writer;
        for (var k = output.OpenDepth; k <= depth; k++)
        {
            ref var frame = ref _s.Frames[k];
            if (k > 0 && !_s.Frames[k - 1].IsArray)
            {
                if (frame.Node is not null)
                {
                    writer.WritePropertyName(frame.Node.EncodedName);
                }
                else
                {
                    writer.WritePropertyName(Name(frame.NameStart, frame.NameLength));
                }
            }
            else if (k > 0)
            {
                PadElements(output, k - 1);
            }

            if (frame.IsArray)
            {
                output.ElementsWritten[k] = 0;
                writer.WriteStartArray();
            }
            else
            {
                writer.WriteStartObject();
            }
        }

        output.OpenDepth = Math.Max(output.OpenDepth, depth + 1);
        return writer;
    }

    private void EmitLeaf(int depth, int nameStart, int nameLength, PathNode? node, PolicyRule rule)
    {
        var token = _reader.TokenType;
        var action = rule.Action;
        var scanned = false;
        if (token == JsonTokenType.String && _policy.DetectorsAbove[(int)rule.Level] != 0)
        {
            var value = UnescapedValue();
            _s.Matches.Clear();
            ValueDetectors.Scan(value, _policy.DetectorsAbove[(int)rule.Level], _s.Matches);
            if (_s.Matches.Count > 0)
            {
                var fieldAction = action;
                var raised = HighestDetectorRule(rule);

                // Raised: rewrite every identifier in the text, including those at the field's own level.
                _s.Matches.Clear();
                ValueDetectors.Scan(value, _policy.DetectorsAtOrAbove[(int)rule.Level], _s.Matches);
                rule = raised;
                Tag(depth, nameStart, nameLength, node, rule);
                if (fieldAction.Kind == RuleActionKind.Keep)
                {
                    // Only the matched identifiers are rewritten; the rest of the text stays readable.
                    var writer = OpenForValue(rule.Level, depth, nameStart, nameLength, node);
                    var scratchStart = _s.Scratch.Length;
                    ValueTransforms.TransformSpans(value, _s.Matches, _policy.DetectorRules, _key, _s.Scratch);
                    writer.WriteStringValue(_s.Scratch.Written[scratchStart..]);
                    _s.Scratch.Truncate(scratchStart);
                    return;
                }

                // The field's own action already hides the value; the detector raises its level.
                action = fieldAction;
                scanned = true;
            }
        }

        if (!scanned)
        {
            Tag(depth, nameStart, nameLength, node, rule);
        }

        if (action.Kind == RuleActionKind.Drop)
        {
            return;
        }

        var w = OpenForValue(rule.Level, depth, nameStart, nameLength, node);
        WriteValue(w, action, node);
    }

    private PolicyRule HighestDetectorRule(PolicyRule fieldRule)
    {
        var best = fieldRule;
        foreach (var match in _s.Matches)
        {
            var detectorRule = _policy.DetectorRules[(int)match.Kind]!;
            if (detectorRule.Level > best.Level)
            {
                best = detectorRule;
            }
        }

        return best;
    }

    private Utf8JsonWriter OpenForValue(DataLevel level, int depth, int nameStart, int nameLength, PathNode? node)
    {
        var writer = Open(level, depth);
        if (!_s.Frames[depth].IsArray)
        {
            if (node is not null)
            {
                writer.WritePropertyName(node.EncodedName);
            }
            else
            {
                writer.WritePropertyName(Name(nameStart, nameLength));
            }
        }
        else
        {
            PadElements(_s.Outputs[(int)level], depth);
        }

        return writer;
    }

    /// <summary>Writes null for the elements of the array at <paramref name="arrayDepth"/> this fragment skipped, then counts the current one.</summary>
    private void PadElements(FragmentOutput output, int arrayDepth)
    {
        var index = _s.Frames[arrayDepth].ElementIndex;
        for (var i = output.ElementsWritten[arrayDepth]; i < index; i++)
        {
            output.Writer.WriteNullValue();
        }

        output.ElementsWritten[arrayDepth] = index + 1;
    }

    private void WriteValue(Utf8JsonWriter writer, RuleAction action, PathNode? node)
    {
        var token = _reader.TokenType;
        var rawStart = (int)_reader.TokenStartIndex;
        var raw = token == JsonTokenType.String ? _input.Slice(rawStart, _reader.ValueSpan.Length + 2) : _reader.ValueSpan;
        switch (action.Kind)
        {
            case RuleActionKind.Keep:
                writer.WriteRawValue(raw, skipInputValidation: true);
                return;
            case RuleActionKind.Generalize when token == JsonTokenType.Number:
                WriteNumber(writer, raw, _reader.GetDouble(), action);
                return;
            case RuleActionKind.Generalize when token == JsonTokenType.String && action.Truncate is { } unit:
                if (!_reader.TryGetDateTimeOffset(out var timestamp))
                {
                    throw Reject(UploadRejectionReasons.InvalidField, $"{node?.Path ?? "a field"} must be an ISO 8601 timestamp (its rule truncates timestamps).");
                }

                writer.WriteStringValue(ValueTransforms.Truncate(timestamp, unit));
                return;
            case RuleActionKind.Generalize:
                // Nothing to generalize (null, boolean, or text under a grid rule): fail closed and store no value.
                writer.WriteNullValue();
                return;
            default:
                var scratchStart = _s.Scratch.Length;
                var text = token == JsonTokenType.String ? UnescapedValue() : _reader.ValueSpan;
                if (action.Kind == RuleActionKind.Pseudonymize)
                {
                    ValueTransforms.Pseudonymize(text, _key, _s.Scratch);
                }
                else
                {
                    ValueTransforms.Mask(text, action, _s.Scratch);
                }

                writer.WriteStringValue(_s.Scratch.Written[scratchStart..]);
                _s.Scratch.Truncate(scratchStart);
                return;
        }
    }

    private void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> raw, double value, RuleAction action)
    {
        switch (action.Kind)
        {
            case RuleActionKind.Keep:
                writer.WriteRawValue(raw, skipInputValidation: true);
                break;
            case RuleActionKind.Generalize when action.Grid is not null:
                writer.WriteNumberValue(ValueTransforms.SnapToGrid(value, action));
                break;
            case RuleActionKind.Pseudonymize:
            case RuleActionKind.Mask:
                var scratchStart = _s.Scratch.Length;
                if (action.Kind == RuleActionKind.Pseudonymize)
                {
                    ValueTransforms.Pseudonymize(raw, _key, _s.Scratch);
                }
                else
                {
                    ValueTransforms.Mask(raw, action, _s.Scratch);
                }

                writer.WriteStringValue(_s.Scratch.Written[scratchStart..]);
                _s.Scratch.Truncate(scratchStart);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>A node with conditional rules (e.g. a camera frame) is validated, then classified and stored as one unit.</summary>
    private void HandleUnit(int parentDepth, int nameStart, int nameLength, PathNode node)
    {
        var start = (int)_reader.TokenStartIndex;
        var depth = parentDepth + 1;
        ref var frame = ref _s.Frames[depth];
        frame = default;
        _s.DeepestFrame = Math.Max(_s.DeepestFrame, depth);
        frame.IsArray = _reader.TokenType == JsonTokenType.StartArray;
        frame.Node = node;
        frame.Inherited = node.EffectiveRule;
        frame.NameStart = nameStart;
        frame.NameLength = nameLength;
        _s.CaptureDepth++;
        if (frame.IsArray)
        {
            WalkArray(depth);
        }
        else
        {
            WalkObject(depth);
        }

        _s.CaptureDepth--;
        var unit = _input[start..((int)_reader.TokenStartIndex + 1)];

        var rule = node.EffectiveRule;
        Span<ConditionEvaluator.FieldValue> values = stackalloc ConditionEvaluator.FieldValue[node.ConditionFields.Length];
        ConditionEvaluator.Capture(unit, node.ConditionFields, values);
        foreach (var candidate in node.ConditionalRules)
        {
            if (ConditionEvaluator.Matches(candidate.When!, unit, values))
            {
                rule = candidate;
                break;
            }
        }

        if (_policy.DetectorsAbove[(int)rule.Level] != 0)
        {
            rule = ScanUnitStrings(unit, rule);
        }

        Tag(parentDepth, nameStart, nameLength, node, rule);
        if (rule.Action.Kind == RuleActionKind.Drop)
        {
            return;
        }

        var writer = OpenForValue(rule.Level, parentDepth, nameStart, nameLength, node);
        writer.WriteRawValue(unit, skipInputValidation: true);
    }

    /// <summary>Raises a unit's rule when a detector finds more in any of its strings (the unit is stored whole, so the level moves).</summary>
    private PolicyRule ScanUnitStrings(ReadOnlySpan<byte> unit, PolicyRule rule)
    {
        var reader = new Utf8JsonReader(unit);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                continue;
            }

            var scratchStart = _s.Scratch.Length;
            ReadOnlySpan<byte> value;
            if (reader.ValueIsEscaped)
            {
                var written = reader.CopyString(_s.Scratch.GetSpan(reader.ValueSpan.Length));
                value = _s.Scratch.Slice(scratchStart, written);
            }
            else
            {
                value = reader.ValueSpan;
            }

            _s.Matches.Clear();
            ValueDetectors.Scan(value, _policy.DetectorsAbove[(int)rule.Level], _s.Matches);
            rule = HighestDetectorRule(rule);
            _s.Scratch.Truncate(scratchStart);
        }

        return rule;
    }

    private void Tag(int parentDepth, int nameStart, int nameLength, PathNode? node, PolicyRule rule)
    {
        if (node is not null)
        {
            _s.Tags.Add(node, rule);
        }
        else
        {
            _s.Tags.Add(ChildPath(parentDepth, nameStart, nameLength, null), rule);
        }
    }

    private static void CheckType(PathNode node, JsonTokenType token)
    {
        var ok = node.Expected switch
        {
            JsonType.String => token == JsonTokenType.String,
            JsonType.Number => token == JsonTokenType.Number,
            JsonType.Object => token == JsonTokenType.StartObject,
            JsonType.Array => token == JsonTokenType.StartArray,
            _ => true,
        };
        var optionalNull = token == JsonTokenType.Null && node.Envelope is EnvelopeField.None or EnvelopeField.Kind;
        if (!ok && !optionalNull)
        {
            var expected = node.Expected.ToString().ToLowerInvariant();
            throw Reject(UploadRejectionReasons.WrongType, $"{node.Path} must be {(expected is "array" or "object" ? "an" : "a")} {expected} (found {Describe(token)}).");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "something else",
    };

    /// <summary>Where the current property name is: a slice of the input (start >= 0), or of the name arena when it had escapes (start &lt; 0).</summary>
    private (int Start, int Length) StoreName()
    {
        var raw = _reader.ValueSpan;
        if (!_reader.ValueIsEscaped)
        {
            return ((int)_reader.TokenStartIndex + 1, raw.Length);
        }

        var start = _s.Names.Length;
        var written = _reader.CopyString(_s.Names.GetSpan(raw.Length));
        _s.Names.Advance(written);
        return (~start, written);
    }

    private ReadOnlySpan<byte> Name(int start, int length) => start >= 0 ? _input.Slice(start, length) : _s.Names.Slice(~start, length);

    private string NameString(int start, int length) => System.Text.Encoding.UTF8.GetString(Name(start, length));

    private void CheckDuplicate(int depth, int nameStart, int nameLength)
    {
        ref var frame = ref _s.Frames[depth];
        var name = Name(nameStart, nameLength);
        var hash = Fnv1a(name);
        if (frame.ManyKeys is not null)
        {
            if (!frame.ManyKeys.Add(NameString(nameStart, nameLength)))
            {
                throw DuplicateKey(depth, nameStart, nameLength);
            }

            return;
        }

        for (var i = frame.KeysStart; i < _s.Keys.Count; i++)
        {
            var seen = _s.Keys[i];
            if (seen.Hash == hash && Name(seen.Start, seen.Length).SequenceEqual(name))
            {
                throw DuplicateKey(depth, nameStart, nameLength);
            }
        }

        _s.Keys.Add(new SeenKey(nameStart, nameLength, hash));
        if (_s.Keys.Count - frame.KeysStart > 32)
        {
            // Large objects switch to a hash set so an adversarial upload cannot make duplicate checks quadratic.
            frame.ManyKeys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = frame.KeysStart; i < _s.Keys.Count; i++)
            {
                frame.ManyKeys.Add(NameString(_s.Keys[i].Start, _s.Keys[i].Length));
            }
        }
    }

    private UploadRejectedException DuplicateKey(int depth, int nameStart, int nameLength) =>
        Reject(UploadRejectionReasons.DuplicateKey, $"{ChildPath(depth, nameStart, nameLength, _s.Frames[depth].Node?.FindChild(Name(nameStart, nameLength), out _))} appears twice in the same object.");

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <summary>The string value without JSON escapes: a slice of the input, or of a buffer that the next call overwrites.</summary>
    private ReadOnlySpan<byte> UnescapedValue()
    {
        if (!_reader.ValueIsEscaped)
        {
            return _reader.ValueSpan;
        }

        _s.Unescaped.Truncate(0);
        var written = _reader.CopyString(_s.Unescaped.GetSpan(_reader.ValueSpan.Length));
        _s.Unescaped.Advance(written);
        return _s.Unescaped.Written;
    }

    /// <summary>The normalized path of a child; device-chosen names that are not plain identifiers are not echoed.
    /// Paths of unknown fields are cached in the session, so repeated unknown fields do not allocate.</summary>
    private string ChildPath(int parentDepth, int nameStart, int nameLength, PathNode? node)
    {
        if (node is not null)
        {
            return node.Path;
        }

        var parentPath = _s.Frames[parentDepth].Path;
        if (_s.Frames[parentDepth].IsArray)
        {
            return _s.CachedPath(parentPath, [], PathSyntax.ArrayElement);
        }

        var name = Name(nameStart, nameLength);
        return IsPlainName(name) ? _s.CachedPath(parentPath, name, null) : _s.CachedPath(parentPath, [], "['?']");
    }

    private static bool IsPlainName(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > 64 || !AsciiBytes.IsLetter(name[0]))
        {
            return false;
        }

        foreach (var b in name)
        {
            if (!AsciiBytes.IsLetterOrDigit(b) && b != '_' && b != '-')
            {
                return false;
            }
        }

        // A name made of digits could itself be a phone or ID number: never echo those.
        return name.IndexOfAnyInRange((byte)'0', (byte)'9') < 0 || name.Length < 6;
    }

    private static UploadRejectedException Reject(string reason, string message) => new(reason, message);
}
