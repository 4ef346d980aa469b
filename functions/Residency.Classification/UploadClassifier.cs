using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Residency.Classification.Policy;
using Residency.Classification.Streaming;

namespace Residency.Classification;

/// <summary>Classifies <c>vehicle-upload/1</c> documents field by field. One instance is shared by concurrent callers: thread-safe.</summary>
public sealed class UploadClassifier
{
    private readonly ClassificationPolicy _policy;
    private readonly PseudonymizationKey _key;
    private readonly ClassifierOptions _options;

    /// <summary>Creates a classifier for a policy and a pseudonymization key.</summary>
    public UploadClassifier(ClassificationPolicy policy, PseudonymizationKey key, ClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(key);
        _policy = policy;
        _key = key;
        _options = options ?? new ClassifierOptions();
        if (_options.MaxDepth is < 2 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxDepth, "MaxDepth must be between 2 and 256.");
        }

        if (_options.MaxPayloadBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxPayloadBytes, "MaxPayloadBytes must be positive.");
        }
    }

    /// <summary>The policy this classifier applies.</summary>
    public ClassificationPolicy Policy => _policy;

    /// <summary>The id of the pseudonymization key.</summary>
    public string KeyId => _key.KeyId;

    /// <summary>
    /// Classifies one UTF-8 JSON upload; throws <see cref="UploadRejectedException"/> when it is not a valid upload. The
    /// fragments are written into <paramref name="arena"/> when one is given (they live until it is disposed), else into
    /// a new array of their own.
    /// </summary>
    public ClassifiedUpload Classify(ReadOnlySpan<byte> utf8Json, FragmentArena? arena = null)
    {
        if (utf8Json.Length > _options.MaxPayloadBytes)
        {
            throw new UploadRejectedException(UploadRejectionReasons.PayloadTooLarge, $"The upload holds {utf8Json.Length} bytes; the limit is {_options.MaxPayloadBytes}.");
        }

        if (utf8Json.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Json = utf8Json[3..];
        }

        if (!Utf8.IsValid(utf8Json))
        {
            throw new UploadRejectedException(UploadRejectionReasons.InvalidUtf8, "The upload is not valid UTF-8.");
        }

        var session = ClassificationSession.Rent(_options.MaxDepth, _policy);
        try
        {
            try
            {
                new UploadWalker(utf8Json, session, _policy, _key, _options.MaxDepth).Walk();
            }
            catch (JsonException ex)
            {
                throw new UploadRejectedException(UploadRejectionReasons.InvalidJson, $"The upload is not well-formed JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
            }
            catch (UploadRejectedException ex) when (!session.SchemaSeen && ex.ReasonCode != UploadRejectionReasons.UnknownSchema && OtherSchema(utf8Json))
            {
                // The document was read as vehicle-upload/1 before its schema field came up; the real problem is the schema.
                throw new UploadRejectedException(UploadRejectionReasons.UnknownSchema, "$.schema names a schema this classifier does not know (expected vehicle-upload/1).");
            }

            RequireEnvelope(session);
            return ResultBuilder.Build(session, utf8Json, _policy, _key.KeyId, arena);
        }
        finally
        {
            ClassificationSession.Return(session);
        }
    }

    private static void RequireEnvelope(ClassificationSession session)
    {
        if (session.SchemaSeen && session.MessageId is not null && session.HasVin && session.CapturedAtStart >= 0)
        {
            return;
        }

        var missing = new List<string>(4);
        if (!session.SchemaSeen)
        {
            missing.Add("$.schema");
        }

        if (session.MessageId is null)
        {
            missing.Add("$.messageId");
        }

        if (!session.HasVin)
        {
            missing.Add("$.vin");
        }

        if (session.CapturedAtStart < 0)
        {
            missing.Add("$.capturedAt");
        }

        if (missing.Count > 0)
        {
            throw new UploadRejectedException(UploadRejectionReasons.MissingField, $"Required field{(missing.Count > 1 ? "s" : string.Empty)} missing: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>True when the top-level schema field exists and names another schema (read only on the error path).</summary>
    private static bool OtherSchema(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 1024 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSchema = reader.ValueTextEquals("schema"u8);
                reader.Read();
                if (isSchema)
                {
                    return reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(VehicleUploadSchema.Name);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
