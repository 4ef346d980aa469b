using System.Text.Json;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Property names, duplicate keys, schema types and value-free paths for tags and errors.</summary>
internal ref partial struct UploadWalker
{
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

    /// <summary>The property name a value is known by: its own, or for an array element that of its array (an ID keyword there
    /// makes a first-generation ID number count, <c>"idNumbers": ["150102880730303"]</c>).</summary>
    private ReadOnlySpan<byte> FieldName(int depth, int nameStart, int nameLength)
    {
        while (nameLength == 0 && depth > 0 && _s.Frames[depth].IsArray)
        {
            nameStart = _s.Frames[depth].NameStart;
            nameLength = _s.Frames[depth].NameLength;
            depth--;
        }

        return nameLength == 0 ? default : Name(nameStart, nameLength);
    }

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

    /// <summary>The normalized path of a child; device-chosen names that are not plain identifiers are not echoed.</summary>
    private string ChildPath(int parentDepth, int nameStart, int nameLength, PathNode? node) =>
        node is not null ? node.Path : _s.DynamicPathString(ChildPathId(parentDepth, nameStart, nameLength));

    /// <summary>The dynamic path id of an unknown child (cached per thread, so repeated unknown fields do not allocate).</summary>
    private int ChildPathId(int parentDepth, int nameStart, int nameLength)
    {
        ref var parent = ref _s.Frames[parentDepth];
        if (parent.IsArray)
        {
            return _s.DynamicPath(parent.PathKey, parent.Path, [], PathSyntax.ArrayElement);
        }

        var name = Name(nameStart, nameLength);

        // Only plain names are cached under their own text, so a cached name needs no second look.
        if (_s.TryGetDynamicPath(parent.PathKey, name, out var cached))
        {
            return cached;
        }

        return IsPlainName(name) ? _s.DynamicPath(parent.PathKey, parent.Path, name, null) : _s.DynamicPath(parent.PathKey, parent.Path, [], "['?']");
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
}
