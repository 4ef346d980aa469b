using System.Text.Json;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>
/// One pass over the upload with a Utf8JsonReader: validates, resolves each value's rule, runs detectors where they can
/// raise the level, and writes each value (transformed) into the fragment writer of its level. No DOM is built.
/// </summary>
internal ref partial struct UploadWalker
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

            // A name the policy does not know may itself be an identifier (a map keyed by phone or ID numbers).
            var nameRule = child is null && _s.CaptureDepth == 0 ? ScanName(depth, ref nameStart, ref nameLength) : null;
            _reader.Read();
            HandleValue(depth, nameStart, nameLength, child, nameRule);
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

            HandleValue(depth, 0, 0, element, null);
            _s.Frames[depth].ElementIndex++;
        }
    }

    /// <summary>Handles the value the reader is on; <paramref name="nameRule"/> is the detector rule its property name raised it to.</summary>
    private void HandleValue(int parentDepth, int nameStart, int nameLength, PathNode? node, PolicyRule? nameRule)
    {
        ref var parent = ref _s.Frames[parentDepth];
        var floor = nameRule is not null && (parent.Floor is null || nameRule.Level > parent.Floor.Level) ? nameRule : parent.Floor;
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
            if (node is null)
            {
                frame.UnknownId = ChildPathId(parentDepth, nameStart, nameLength);
                frame.UnknownPath = _s.DynamicPathString(frame.UnknownId);
            }

            frame.Inherited = node?.EffectiveRule ?? parent.Inherited;
            frame.Floor = floor;
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
        var action = rule.Action;
        if (floor is not null && floor.Level > rule.Level)
        {
            // Raised by a property name on the way down: stored at the detector's level, with the field's own action.
            rule = floor;
        }

        if (parentDepth == 0 && node is not null && node.Envelope != EnvelopeField.None && !HandleEnvelope(node, rule))
        {
            return;
        }

        if (!parent.IsArray && token == JsonTokenType.Number && (_policy.GeofenceRule ?? _policy.CoordinatesRule) is not null && TryDefer(ref parent, nameStart, nameLength, node, rule, action))
        {
            return;
        }

        EmitLeaf(parentDepth, nameStart, nameLength, node, rule, action);
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

    /// <summary>Counts the value under its path and rule; returns the dynamic path id of an unknown path (-1 for a policy node).</summary>
    private int Tag(int parentDepth, int nameStart, int nameLength, PathNode? node, PolicyRule rule)
    {
        if (node is not null)
        {
            _s.Tags.Add(node, rule);
            return -1;
        }

        var id = ChildPathId(parentDepth, nameStart, nameLength);
        _s.Tags.Add(id, _s.DynamicPathString(id), rule);
        return id;
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

    private static UploadRejectedException Reject(string reason, string message) => new(reason, message);
}
