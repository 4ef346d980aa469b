using System.Text.Json;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Nodes with conditional rules (camera frames), classified and stored whole.</summary>
internal ref partial struct UploadWalker
{
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

        var writer = OpenForValue(rule.Level, parentDepth, nameStart, nameLength, node, -1);
        writer.WriteRawValue(unit, skipInputValidation: true);
    }

    /// <summary>Raises a unit's rule when a detector finds more in any of its strings or property names (the unit is stored
    /// whole, as written, so the level moves).</summary>
    private PolicyRule ScanUnitStrings(ReadOnlySpan<byte> unit, PolicyRule rule)
    {
        var reader = new Utf8JsonReader(unit);
        int nameStart = -1, nameLength = 0;
        while (reader.Read())
        {
            var isName = reader.TokenType == JsonTokenType.PropertyName;
            if (!isName && reader.TokenType != JsonTokenType.String)
            {
                nameStart = -1;
                continue;
            }

            var scratchStart = _s.Scratch.Length;
            ReadOnlySpan<byte> text;
            if (reader.ValueIsEscaped)
            {
                var written = reader.CopyString(_s.Scratch.GetSpan(reader.ValueSpan.Length));
                text = _s.Scratch.Slice(scratchStart, written);
            }
            else
            {
                text = reader.ValueSpan;
            }

            // A string's property name gives keyword context (unescaped names only: only a first-generation ID needs it).
            var fieldName = !isName && nameStart >= 0 ? unit.Slice(nameStart, nameLength) : default;
            Scanner.Scan(text, _policy.DetectorsAbove[(int)rule.Level], _policy.HighestDetectorsAbove[(int)rule.Level], fieldName);
            if (_s.Scanner.Matches.Count > 0)
            {
                var raised = HighestDetectorRule(rule);

                // The first scan stopped at the first match of the highest level: read on for every person the text names.
                _s.Scanner.Scan(text, _policy.DetectorsAbove[(int)rule.Level], fieldName: fieldName);
                AddMatchSubjects();
                rule = raised;
            }
            nameStart = isName && !reader.ValueIsEscaped ? (int)reader.TokenStartIndex + 1 : -1;
            nameLength = reader.ValueSpan.Length;
            _s.Scratch.Truncate(scratchStart);
        }

        return rule;
    }
}
