using System.Text.Json;
using Residency.Classification.Policy.Format;

namespace Residency.Classification.Policy;

/// <summary>
/// Reads a policy document: one JSON document, then its shape against the model (<see cref="ShapeCheck"/>), then strict
/// deserialization into the model and its meaning (<see cref="PolicyValidator"/>). Each stage reports every error it finds.
/// </summary>
internal static class PolicyLoader
{
    public static PolicyDefinition Parse(ReadOnlySpan<byte> utf8Json)
    {
        var options = PolicyJsonContext.Default.Options;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = options.ReadCommentHandling, AllowTrailingCommas = options.AllowTrailingCommas });
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new PolicyValidationException($"the policy is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }

        using (document)
        {
            try
            {
                // One document: comments and whitespace may follow it, nothing else (a second document would be ignored).
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                throw new PolicyValidationException($"the policy must be one JSON document, but more follows it (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
            }

            // The meaning is checked only in a document of the right shape: a misspelt "when" would otherwise also be
            // reported as its rule's path being matched twice.
            var errors = ShapeCheck.Run(document.RootElement);
            var policy = errors.Count == 0 ? document.Deserialize(PolicyJsonContext.Default.PolicyDocument)! : null;
            if (policy is not null)
            {
                errors = PolicyValidator.Validate(policy);
            }

            return errors.Count > 0 ? throw new PolicyValidationException(errors) : policy!.ToDefinition();
        }
    }
}
