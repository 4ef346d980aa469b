using System.Text.Json;
using Residency.Reporting.Rendering;

namespace Residency.Reporting.Facts;

/// <summary>Reads the facts file: strict JSON of schema residency-report-facts/1, with no value the report must never show.</summary>
public static class FactsFile
{
    /// <summary>The schema id a facts file declares.</summary>
    public const string Schema = "residency-report-facts/1";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="FactsException"/> naming what is wrong (never a value).</summary>
    public static ReportFacts Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FactsException($"the facts file {path} cannot be read ({e.GetType().Name}).", e);
        }

        return Read(bytes, path);
    }

    /// <summary>Reads facts from UTF-8 JSON; <paramref name="where"/> names the file in errors.</summary>
    public static ReportFacts Read(ReadOnlySpan<byte> utf8Json, string where)
    {
        ReportFacts facts;
        try
        {
            facts = JsonSerializer.Deserialize(utf8Json, FactsJsonContext.Default.ReportFacts)
                ?? throw new FactsException($"{where}: the facts file is null, not an object.");
        }
        catch (JsonException e)
        {
            // The serializer's message names the path and the member; it quotes no value of the file.
            throw new FactsException($"{where}: not a valid {Schema} document at {e.Path ?? "$"}: {FirstSentence(e.Message)}", e);
        }

        if (facts.Schema != Schema)
        {
            throw new FactsException($"{where}: \"schema\" must be \"{Schema}\".");
        }

        using var document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (SensitiveText.FirstIn(document.RootElement) is { } found)
        {
            throw new FactsException(
                $"{where}: {found.Path} holds what looks like a {found.Kind}; the report never shows one (give an office line or a shared mailbox for contacts).");
        }

        return facts;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
