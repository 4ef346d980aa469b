using System.Text.Json;
using Residency.Classification.Detectors;
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
        _s.UnitStrings.Clear();
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
            rule = ScanUnitStrings(rule);
        }

        Tag(parentDepth, nameStart, nameLength, node, rule);
        if (rule.Action.Kind == RuleActionKind.Drop)
        {
            return;
        }

        var writer = OpenForValue(rule.Level, parentDepth, nameStart, nameLength, node);
        writer.WriteRawValue(unit, skipInputValidation: true);
    }

    /// <summary>Raises a unit's rule when a detector finds more in any of its strings (the unit is stored whole, so the level moves).
    /// The strings were recorded while the unit was walked, so the unit is not read again.</summary>
    private PolicyRule ScanUnitStrings(PolicyRule rule)
    {
        foreach (var text in _s.UnitStrings)
        {
            var scratchStart = _s.Scratch.Length;
            ReadOnlySpan<byte> value;
            if (text.Escaped)
            {
                // A lone JSON string token is a document of its own: let a reader unescape it.
                var reader = new Utf8JsonReader(_input.Slice(text.TokenStart, text.Length + 2));
                reader.Read();
                var written = reader.CopyString(_s.Scratch.GetSpan(text.Length));
                value = _s.Scratch.Slice(scratchStart, written);
            }
            else
            {
                value = _input.Slice(text.TokenStart + 1, text.Length);
            }

            _s.Matches.Clear();
            ValueDetectors.Scan(value, _policy.DetectorsAbove[(int)rule.Level], _s.Matches);
            rule = HighestDetectorRule(rule);
            _s.Scratch.Truncate(scratchStart);
        }

        return rule;
    }
}
