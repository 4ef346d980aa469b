using System.Text.Json;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Writing values into the fragment writer of their level, with their action applied.</summary>
internal ref partial struct UploadWalker
{
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
                WriteName(writer, frame.Node, frame.UnknownId, frame.NameStart, frame.NameLength);
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

    /// <summary>Writes a scalar value under <paramref name="rule"/> (its level and tag) with <paramref name="action"/> (the
    /// field's own: a rule raised by a property name keeps the action of the field it raised).</summary>
    private void EmitLeaf(int depth, int nameStart, int nameLength, PathNode? node, PolicyRule rule, RuleAction action)
    {
        var token = _reader.TokenType;
        var scanned = false;
        var dynamicId = -1;
        if (_policy.DetectorsAbove[(int)rule.Level] != 0 && IsScannedAsText(token, node))
        {
            var value = token == JsonTokenType.String ? UnescapedValue() : _reader.ValueSpan;
            var scanner = Scanner;
            var fieldName = FieldName(depth, nameStart, nameLength);
            scanner.Scan(value, _policy.DetectorsAbove[(int)rule.Level], _policy.HighestDetectorsAbove[(int)rule.Level], fieldName);
            if (scanner.Matches.Count > 0)
            {
                var fieldAction = action;
                var raised = HighestDetectorRule(rule);

                // Raised: rewrite every identifier in the text, including those at the field's own level.
                scanner.Scan(value, _policy.DetectorsAtOrAbove[(int)rule.Level], fieldName: fieldName);
                AddMatchSubjects();
                rule = raised;
                var raisedId = Tag(depth, nameStart, nameLength, node, rule);
                if (fieldAction.KeepsValue)
                {
                    // Only the matched identifiers are rewritten; the rest of the text stays readable.
                    var writer = OpenForValue(rule.Level, depth, nameStart, nameLength, node, raisedId);
                    var scratchStart = _s.Scratch.Length;
                    ValueTransforms.TransformSpans(value, scanner, _policy.DetectorRules, _key, _s.Scratch);
                    writer.WriteStringValue(_s.Scratch.Written[scratchStart..]);
                    _s.Scratch.Truncate(scratchStart);
                    if (IdentifiedKind(node) is { } raisedKind)
                    {
                        AddIdentifiedValue(raisedKind, value);
                    }

                    return;
                }

                // The field's own action already hides the value; the detector raises its level.
                action = fieldAction;
                scanned = true;
                dynamicId = raisedId;
            }
        }

        if (!scanned)
        {
            dynamicId = Tag(depth, nameStart, nameLength, node, rule);
        }

        // A value its rule says identifies a person counts once: pseudonyms and masks already read its canonical form.
        if (IdentifiedKind(node) is { } kind && action.Kind is not (RuleActionKind.Pseudonymize or RuleActionKind.Mask))
        {
            AddIdentifiedValue(kind, _reader.TokenType == JsonTokenType.String ? UnescapedValue() : _reader.ValueSpan);
        }

        if (action.Kind == RuleActionKind.Drop)
        {
            return;
        }

        var w = OpenForValue(rule.Level, depth, nameStart, nameLength, node, dynamicId);
        WriteValue(w, action, node);
    }

    /// <summary>
    /// Strings are scanned, except envelope values (schema, vin, kind), which are validated against fixed forms. A JSON number
    /// is scanned like a string when no rule names its field and it is shaped like an identifier: an unsigned integer of 11-20
    /// digits (a mobile number is the shortest identifier written only in digits). Prices, readings and coordinates have a
    /// fraction; epoch timestamps are 10 or 13 digits and fail every detector's validation.
    /// </summary>
    private bool IsScannedAsText(JsonTokenType token, PathNode? node)
    {
        if (token == JsonTokenType.String)
        {
            return node?.Envelope is null or EnvelopeField.None;
        }

        return token == JsonTokenType.Number && node?.OwnRule is null && IsIdentifierShaped(_reader.ValueSpan);
    }

    private static bool IsIdentifierShaped(ReadOnlySpan<byte> number) =>
        number.Length is >= 11 and <= 20 && ValueTransforms.IsAsciiDigitsOnly(number);

    private PolicyRule HighestDetectorRule(PolicyRule fieldRule)
    {
        var best = fieldRule;
        foreach (var match in _s.Scanner.Matches)
        {
            var detectorRule = _policy.DetectorRules[(int)match.Kind]!;
            if (detectorRule.Level > best.Level)
            {
                best = detectorRule;
            }
        }

        return best;
    }

    /// <summary>Opens the value's containers and writes its property name; <paramref name="dynamicId"/> is the unknown path's id from <see cref="Tag"/> (-1 for a policy node).</summary>
    private Utf8JsonWriter OpenForValue(DataLevel level, int depth, int nameStart, int nameLength, PathNode? node, int dynamicId)
    {
        var writer = Open(level, depth);
        if (!_s.Frames[depth].IsArray)
        {
            WriteName(writer, node, dynamicId, nameStart, nameLength);
        }
        else
        {
            PadElements(_s.Outputs[(int)level], depth);
        }

        return writer;
    }

    /// <summary>A property name: the policy node's escaped name, an unknown plain name escaped once per thread, else the name itself.</summary>
    private void WriteName(Utf8JsonWriter writer, PathNode? node, int dynamicId, int nameStart, int nameLength)
    {
        if (node is not null)
        {
            writer.WritePropertyName(node.EncodedName);
        }
        else if (dynamicId >= 0 && _s.DynamicName(dynamicId) is { } encoded)
        {
            writer.WritePropertyName(encoded);
        }
        else
        {
            writer.WritePropertyName(Name(nameStart, nameLength));
        }
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
            case RuleActionKind.DeidentifyImage:
                writer.WriteRawValue(raw, skipInputValidation: true);
                return;
            case RuleActionKind.Generalize when token == JsonTokenType.Number:
                WriteNumber(writer, raw, _reader.GetDouble(), action, node);
                return;
            case RuleActionKind.Generalize when token == JsonTokenType.String && action.Truncate is { } unit:
                Span<byte> seconds = stackalloc byte[20];
                if (unit == TimestampUnit.Second && !_reader.ValueIsEscaped && ValueTransforms.TryTruncateUtcToSecond(_reader.ValueSpan, seconds))
                {
                    // Trajectories repeat this thousands of times: a UTC timestamp is truncated by copying, not parsed and formatted.
                    writer.WriteStringValue(seconds);
                    return;
                }

                if (!TryGetTimestamp(out var timestamp))
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
                WritePseudonymizedOrMasked(writer, token == JsonTokenType.String ? UnescapedValue() : _reader.ValueSpan, action, node);
                return;
        }
    }

    /// <summary>
    /// A timestamp with its own offset keeps it; one without an offset is read as UTC. The host's time zone is never used
    /// (Utf8JsonReader would read an offset-less timestamp in it), so every host writes the same bytes for one upload.
    /// </summary>
    private bool TryGetTimestamp(out DateTimeOffset timestamp)
    {
        if (HasExplicitOffset(UnescapedValue()))
        {
            return _reader.TryGetDateTimeOffset(out timestamp);
        }

        timestamp = default;
        if (!_reader.TryGetDateTime(out var unspecified) || unspecified.Kind != DateTimeKind.Unspecified)
        {
            return false;
        }

        timestamp = new DateTimeOffset(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc));
        return true;
    }

    /// <summary>Writes the pseudonym or the mask of a value as a JSON string, through the session's scratch buffer. A value
    /// that is exactly one identifier is transformed in its canonical form, so every way of writing it gives one result; when
    /// its rule says what it identifies, the person is counted from the same reading.</summary>
    private void WritePseudonymizedOrMasked(Utf8JsonWriter writer, ReadOnlySpan<byte> value, RuleAction action, PathNode? node)
    {
        var identifies = IdentifiedKind(node);
        if (Scanner.TryWholeValue(value, out var canonical, out var detector))
        {
            if (identifies is { } kind && SubjectKinds.Of(detector) == kind)
            {
                _s.Subjects.Add(kind, canonical, _key);
                identifies = null;
            }

            if (identifies is { } other)
            {
                AddSubjectText(other, value);
            }

            value = canonical;
        }
        else if (identifies is { } kind)
        {
            AddSubjectText(kind, value);
        }

        var scratchStart = _s.Scratch.Length;
        if (action.Kind == RuleActionKind.Pseudonymize)
        {
            ValueTransforms.Pseudonymize(value, _key, _s.Scratch);
        }
        else
        {
            ValueTransforms.Mask(value, action, _s.Scratch);
        }

        writer.WriteStringValue(_s.Scratch.Written[scratchStart..]);
        _s.Scratch.Truncate(scratchStart);
    }

    private void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> raw, double value, RuleAction action, PathNode? node)
    {
        switch (action.Kind)
        {
            case RuleActionKind.Keep:
            case RuleActionKind.DeidentifyImage:
                writer.WriteRawValue(raw, skipInputValidation: true);
                break;
            case RuleActionKind.Generalize when action.Grid is not null:
                writer.WriteNumberValue(ValueTransforms.SnapToGrid(value, action));
                break;
            case RuleActionKind.Pseudonymize:
            case RuleActionKind.Mask:
                WritePseudonymizedOrMasked(writer, raw, action, node);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
