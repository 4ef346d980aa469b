using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Latitude/longitude pairs: held until their object ends, then tested against geofences.</summary>
internal ref partial struct UploadWalker
{
    private bool TryDefer(ref Frame parent, int nameStart, int nameLength, PathNode? node, PolicyRule rule, RuleAction action)
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
        slot.Action = action;
        return true;
    }

    private void EmitCoordinate(int depth, ref Coordinate c, bool pair, bool insideGeofence)
    {
        if (!c.Present)
        {
            return;
        }

        var rule = c.Rule;
        var action = c.Action;
        if (pair)
        {
            var area = _policy.GeofenceRule;
            var anywhere = _policy.CoordinatesRule;
            if (insideGeofence && area is not null && area.Level >= rule.Level)
            {
                rule = area;
                action = area.Action;
            }
            else if (anywhere is not null && anywhere.Level > rule.Level)
            {
                rule = anywhere;
                action = anywhere.Action;
            }
        }

        var dynamicId = Tag(depth, c.NameStart, c.NameLength, c.Node, rule);
        if (action.Kind == RuleActionKind.Drop)
        {
            return;
        }

        var writer = Open(rule.Level, depth);
        WriteName(writer, c.Node, dynamicId, c.NameStart, c.NameLength);

        WriteNumber(writer, _input.Slice(c.TokenStart, c.TokenLength), c.Value, action, c.Node);
    }
}
