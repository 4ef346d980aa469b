namespace Residency.Classification.Streaming;

/// <summary>Turns a finished session into a <see cref="ClassifiedUpload"/>: tags, fragments (envelope + body) and the record level.</summary>
internal static class ResultBuilder
{
    public static ClassifiedUpload Build(ClassificationSession s, ReadOnlySpan<byte> input, ClassificationPolicy policy, string keyId)
    {
        var tags = s.Tags.Tags;
        var fields = new FieldTag[tags.Count];
        var level = DataLevel.General;
        for (var i = 0; i < tags.Count; i++)
        {
            var (path, rule, count, _, node, _) = tags[i];
            fields[i] = node is not null && ReferenceEquals(rule, node.EffectiveRule) && count <= node.TagCache.Length
                ? node.TagCache[count - 1] ??= policy.TagFor(path, rule, count)
                : policy.TagFor(path, rule, count);
            if (rule.Level > level)
            {
                level = rule.Level;
            }
        }

        // Every fragment starts {"messageId":"..","vehicleKey":"..","capturedAt":"..", then the level's body without its '{'.
        var capturedAt = input.Slice(s.CapturedAtStart, s.CapturedAtLength);
        var prefixLength = "{\"messageId\":\"\",\"vehicleKey\":\"\",\"capturedAt\":,".Length + s.MessageId!.Length + s.VehicleKey!.Length + capturedAt.Length;
        var total = 0;
        var touched = 0;
        foreach (var output in s.Outputs)
        {
            output.Writer.Flush();
            if (output.Buffer.WrittenCount > 0)
            {
                total += prefixLength + output.Buffer.WrittenCount - 1;
                touched++;
            }
        }

        var bytes = new byte[total];
        var fragments = new ClassifiedFragment[touched];
        var position = 0;
        var index = 0;
        foreach (var lvl in DataLevels.All)
        {
            var body = s.Outputs[(int)lvl].Buffer.WrittenSpan;
            if (body.Length == 0)
            {
                continue;
            }

            var start = position;
            var span = bytes.AsSpan();
            Append(span, ref position, "{\"messageId\":\""u8);
            position += System.Text.Encoding.ASCII.GetBytes(s.MessageId, span[position..]);
            Append(span, ref position, "\",\"vehicleKey\":\""u8);
            position += System.Text.Encoding.ASCII.GetBytes(s.VehicleKey, span[position..]);
            Append(span, ref position, "\",\"capturedAt\":"u8);
            Append(span, ref position, capturedAt);
            Append(span, ref position, ","u8);
            Append(span, ref position, body[1..]);
            fragments[index++] = new ClassifiedFragment(lvl, DominantCategory(s, lvl), new ReadOnlyMemory<byte>(bytes, start, position - start));
        }

        return new ClassifiedUpload(s.MessageId, s.VehicleKey, s.CapturedAt, s.Kind, level, fields, fragments, policy, keyId);
    }

    private static void Append(Span<byte> destination, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
    }

    /// <summary>The category holding most stored values at a level (ties: the first seen).</summary>
    private static string DominantCategory(ClassificationSession s, DataLevel level)
    {
        var totals = s.CategoryTotals;
        var distinct = 0;
        foreach (var tag in s.Tags.Tags)
        {
            if (tag.Rule.Level != level || tag.Envelope || tag.Rule.Action.Kind == RuleActionKind.Drop)
            {
                continue;
            }

            var i = 0;
            while (i < distinct && !ReferenceEquals(totals[i].Category, tag.Rule.Category) && totals[i].Category != tag.Rule.Category)
            {
                i++;
            }

            if (i == distinct)
            {
                if (distinct == totals.Length)
                {
                    Array.Resize(ref s.CategoryTotals, distinct * 2);
                    totals = s.CategoryTotals;
                }

                totals[distinct++] = (tag.Rule.Category, 0);
            }

            totals[i].Count += tag.Count;
        }

        var best = -1;
        for (var i = 0; i < distinct; i++)
        {
            if (best < 0 || totals[i].Count > totals[best].Count)
            {
                best = i;
            }
        }

        return best < 0 ? "unclassified" : totals[best].Category;
    }
}
