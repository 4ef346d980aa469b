using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Turns a finished session into a <see cref="ClassifiedUpload"/>: tags, fragments (envelope + body) and the record level.</summary>
internal static class ResultBuilder
{
    public static ClassifiedUpload Build(ClassificationSession s, ReadOnlySpan<byte> input, ClassificationPolicy policy, string keyId, FragmentArena? arena)
    {
        var tags = s.Tags.Tags;
        var fields = new FieldTag[tags.Count];
        var level = DataLevel.General;
        for (var i = 0; i < tags.Count; i++)
        {
            var (path, rule, count, _, node, dynamicId) = tags[i];
            fields[i] = node is null ? s.DynamicTag(dynamicId, path, rule, count, policy)
                : ReferenceEquals(rule, node.EffectiveRule) && count <= node.TagCache.Length
                ? node.TagCache[count - 1] ??= policy.TagFor(path, rule, count)
                : count == 1 ? node.OtherRuleTag(rule, policy.Rules.Count + 1) ??= policy.TagFor(path, rule, count)
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

        Span<int> dominant = stackalloc int[DataLevels.All.Count];
        DominantCategories(s, policy.CategoryCount, dominant);
        Memory<byte> bytes = arena is null ? new byte[total] : arena.Take(total);
        var span = bytes.Span;
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
            Append(span, ref position, "{\"messageId\":\""u8);
            Append(span, ref position, s.MessageIdBytes.AsSpan(0, s.MessageIdLength));
            Append(span, ref position, "\",\"vehicleKey\":\""u8);
            Append(span, ref position, s.VehicleKeyBytes);
            Append(span, ref position, "\",\"capturedAt\":"u8);
            Append(span, ref position, capturedAt);
            Append(span, ref position, ","u8);
            Append(span, ref position, body[1..]);
            fragments[index++] = new ClassifiedFragment(lvl, dominant[(int)lvl] < 0 ? "unclassified" : CategoryName(s, dominant[(int)lvl]), bytes[start..position]);
        }

        IReadOnlyList<IdentifiedSubject> subjects = s.Subjects.Subjects.Count == 0 ? [] : s.Subjects.Subjects.ToArray();
        return new ClassifiedUpload(s.MessageId, s.VehicleKey, s.CapturedAt, s.Kind, level, fields, fragments, subjects, s.Subjects.BeyondLimit, policy, keyId);
    }

    private static void Append(Span<byte> destination, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
    }

    /// <summary>Per level, the category index holding most stored values (ties: the first seen; -1 when none), in one pass over the tags.</summary>
    private static void DominantCategories(ClassificationSession s, int categoryCount, Span<int> dominant)
    {
        var levels = dominant.Length;
        if (s.CategoryCounts.Length < levels * categoryCount)
        {
            s.CategoryCounts = new int[levels * categoryCount];
            s.CategorySeen = new int[levels * categoryCount];
            s.CategoryNames = new string[levels * categoryCount];
        }

        // Slots (level, category) in the order first seen; counts are zero between uploads.
        var counts = s.CategoryCounts;
        var seen = s.CategorySeen;
        var touched = 0;
        foreach (var tag in s.Tags.Tags)
        {
            if (tag.Envelope || tag.Rule.Action.Kind == RuleActionKind.Drop)
            {
                continue;
            }

            var slot = ((int)tag.Rule.Level * categoryCount) + tag.Rule.CategoryIndex;
            if (counts[slot] == 0)
            {
                seen[touched++] = slot;
                s.CategoryNames[tag.Rule.CategoryIndex] = tag.Rule.Category;
            }

            counts[slot] += tag.Count;
        }

        dominant.Fill(-1);
        Span<int> bestCount = stackalloc int[levels];
        bestCount.Clear();
        for (var i = 0; i < touched; i++)
        {
            var slot = seen[i];
            var level = slot / categoryCount;
            if (counts[slot] > bestCount[level])
            {
                bestCount[level] = counts[slot];
                dominant[level] = slot % categoryCount;
            }

            counts[slot] = 0;
        }
    }

    private static string CategoryName(ClassificationSession s, int index) => s.CategoryNames[index];
}
