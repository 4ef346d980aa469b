using System.Text.Json;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Envelope fields: schema, messageId, vin, capturedAt, kind.</summary>
internal ref partial struct UploadWalker
{
    /// <summary>Validates the envelope fields; returns false when the value travels only in the envelope.</summary>
    private bool HandleEnvelope(PathNode node, PolicyRule rule)
    {
        var value = UnescapedValue();
        switch (node.Envelope)
        {
            case EnvelopeField.Schema:
                if (!value.SequenceEqual("vehicle-upload/1"u8))
                {
                    throw Reject(UploadRejectionReasons.UnknownSchema, "$.schema names a schema this classifier does not know (expected vehicle-upload/1).");
                }

                _s.SchemaSeen = true;
                return true;
            case EnvelopeField.MessageId:
                if (value.Length is 0 or > 64 || value.IndexOfAnyExcept(ValueTransforms.MessageIdChars) >= 0)
                {
                    throw Reject(UploadRejectionReasons.InvalidMessageId, "$.messageId must be 1-64 characters of A-Z, a-z, 0-9 and '-'.");
                }

                _s.MessageId = System.Text.Encoding.ASCII.GetString(value);
                value.CopyTo(_s.MessageIdBytes);
                _s.MessageIdLength = value.Length;
                _s.Tags.Add(node, rule, envelope: true);
                return false;
            case EnvelopeField.CapturedAt:
                if (!_reader.TryGetDateTimeOffset(out var capturedAt) || !HasExplicitOffset(value))
                {
                    throw Reject(UploadRejectionReasons.InvalidField, "$.capturedAt must be an ISO 8601 timestamp with a time zone (for example 2026-11-22T08:15:30Z).");
                }

                _s.CapturedAt = capturedAt;
                _s.Scanner.LatestBirthDate = DetectorContext.DateOf(capturedAt);
                _s.CaptureDateKnown = true;
                _s.CapturedAtStart = (int)_reader.TokenStartIndex;
                _s.CapturedAtLength = _reader.ValueSpan.Length + 2;
                _s.Tags.Add(node, rule, envelope: true);
                return false;
            case EnvelopeField.Vin:
                if (!VinDetector.HasVinFormat(value))
                {
                    throw Reject(UploadRejectionReasons.InvalidField, "$.vin must be 17 characters of the VIN alphabet (A-Z without I, O, Q, and 0-9).");
                }

                Span<byte> upper = stackalloc byte[17];
                PseudonymizationKey.UpperCaseVin(value, upper);

                _s.VehicleKey = _s.VehicleKeyFor(upper, _key);
                _s.HasVin = true;
                return true;
            case EnvelopeField.Kind:
                _s.Kind = null;
                if (_reader.TokenType == JsonTokenType.Null)
                {
                    return true;
                }

                foreach (var kind in VehicleUploadSchema.Kinds)
                {
                    if (_reader.ValueTextEquals(kind))
                    {
                        _s.Kind = kind;
                    }
                }

                if (_s.Kind is null)
                {
                    throw Reject(UploadRejectionReasons.InvalidField, "$.kind must be one of " + string.Join(", ", VehicleUploadSchema.Kinds) + ".");
                }

                return true;
            default:
                return true;
        }
    }

    private static bool HasExplicitOffset(ReadOnlySpan<byte> timestamp)
    {
        var t = timestamp.IndexOf((byte)'T');
        return t > 0 && (timestamp[^1] is (byte)'Z' or (byte)'z' || timestamp[t..].IndexOfAny((byte)'+', (byte)'-') > 0);
    }
}
