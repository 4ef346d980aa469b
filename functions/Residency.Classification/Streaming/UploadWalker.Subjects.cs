namespace Residency.Classification.Streaming;

/// <summary>The persons an upload names: identifiers the detectors found, and values at paths whose rule says what they identify.</summary>
internal ref partial struct UploadWalker
{
    /// <summary>Counts the persons the scanner's last matches name (phones, ID numbers, e-mail addresses...).</summary>
    private readonly void AddMatchSubjects()
    {
        var scanner = _s.Scanner;
        foreach (var match in scanner.Matches)
        {
            if (SubjectKinds.Of(match.Kind) is { } kind)
            {
                _s.Subjects.Add(kind, scanner.Canonical(match), _key);
            }
        }
    }

    /// <summary>Counts the person a value at an <c>identifies</c> path names: by the canonical form when the whole value is one
    /// identifier of that kind, else by its text (<see cref="SubjectText"/>).</summary>
    private void AddIdentifiedValue(SubjectKind kind, ReadOnlySpan<byte> value)
    {
        if (Scanner.TryWholeValue(value, out var canonical, out var detector) && SubjectKinds.Of(detector) == kind)
        {
            _s.Subjects.Add(kind, canonical, _key);
            return;
        }

        AddSubjectText(kind, value);
    }

    /// <summary>Counts a value of an <c>identifies</c> path that is not one identifier of its kind, by its text.</summary>
    private readonly void AddSubjectText(SubjectKind kind, ReadOnlySpan<byte> value)
    {
        var scratchStart = _s.Scratch.Length;
        SubjectText.Append(kind, value, _s.Scratch);
        _s.Subjects.Add(kind, _s.Scratch.Written[scratchStart..], _key);
        _s.Scratch.Truncate(scratchStart);
    }

    /// <summary>The kind a value's own rule says it identifies, for a string or number (null otherwise).</summary>
    private readonly SubjectKind? IdentifiedKind(Policy.PathNode? node) =>
        node?.OwnRule?.Identifies is { } kind && _reader.TokenType is System.Text.Json.JsonTokenType.String or System.Text.Json.JsonTokenType.Number ? kind : null;
}
