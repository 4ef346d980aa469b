using System.Text.Json;
using Residency.Classification.Detectors;

namespace Residency.Classification.Streaming;

/// <summary>The capture date the detectors bound birth dates by, known before any text is scanned.</summary>
internal ref partial struct UploadWalker
{
    /// <summary>The session's scanner, told the upload's capture date first.</summary>
    private IdentifierScanner Scanner
    {
        get
        {
            if (!_s.CaptureDateKnown)
            {
                ReadCaptureDateAhead();
            }

            return _s.Scanner;
        }
    }

    /// <summary>
    /// Devices write the envelope first, so capturedAt is usually read before any text is scanned. When a scanned value comes
    /// first, the top level is read ahead once (nested values skipped) to find it. Without a valid capturedAt the upload is
    /// rejected later, so the bound used meanwhile does not matter.
    /// </summary>
    private void ReadCaptureDateAhead()
    {
        _s.CaptureDateKnown = true;
        try
        {
            var reader = new Utf8JsonReader(_input, new JsonReaderOptions { MaxDepth = _maxDepth + 1 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCapturedAt = reader.ValueTextEquals("capturedAt"u8);
                reader.Read();
                // As the walk reads it: a timestamp without a zone would be read in the host's zone, and is rejected anyway.
                if (isCapturedAt && reader.TokenType == JsonTokenType.String && HasExplicitOffset(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!))
                    && reader.TryGetDateTimeOffset(out var capturedAt))
                {
                    _s.Scanner.LatestBirthDate = DetectorContext.DateOf(capturedAt);
                    return;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The walk reports the malformed document itself.
        }
    }
}
