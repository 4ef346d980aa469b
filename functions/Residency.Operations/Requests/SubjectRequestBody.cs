using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Residency.Classification;
using Residency.Storage;

namespace Residency.Operations.Requests;

/// <summary>A valid request body: the VIN (if one was sent) is already turned into its vehicle key and dropped.</summary>
public sealed record SubjectRequestAsk(SubjectRequestType Type, string VehicleKey, string Ticket, DateTimeOffset RequestedAt);

/// <summary>
/// Reads <c>{"type":"access"|"delete", "vin"|"vehicleKey", "ticket", "requestedAt"}</c>. Errors name the field that is
/// wrong, never its value: a VIN that is malformed is still a VIN (or part of one), so it is never echoed.
/// </summary>
public static partial class SubjectRequestBody
{
    /// <summary>The largest body read; a request is a few short fields.</summary>
    public const int MaxBytes = 16 * 1024;

    // A clock slightly ahead at the ticket system must not refuse a request made just now.
    private static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(10);

    /// <summary>Parses the body; returns the ask, or null with the reason in <paramref name="error"/>.</summary>
    public static SubjectRequestAsk? Parse(ReadOnlySpan<byte> body, PseudonymizationKey key, DateTimeOffset now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(key);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            error = "the body is not a JSON object.";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body is not a JSON object.";
                return null;
            }

            string? typeText = null, vin = null, vehicleKey = null, ticket = null, requestedAtText = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    error = $"'{Known(property.Name)}' must be a string.";
                    return null;
                }

                switch (property.Name)
                {
                    case "type": typeText = property.Value.GetString(); break;
                    case "vin": vin = property.Value.GetString(); break;
                    case "vehicleKey": vehicleKey = property.Value.GetString(); break;
                    case "ticket": ticket = property.Value.GetString(); break;
                    case "requestedAt": requestedAtText = property.Value.GetString(); break;
                    default:
                        // The name is not shown either: a client may have put the VIN where a field name goes.
                        error = "the body has a field other than type, vin, vehicleKey, ticket and requestedAt.";
                        return null;
                }
            }

            if (SubjectRequestTypes.Parse(typeText) is not { } type)
            {
                error = "'type' must be \"access\" or \"delete\".";
                return null;
            }

            if (ticket is null || !TicketPattern().IsMatch(ticket))
            {
                error = "'ticket' must be 1-128 of letters, digits and . _ : / # -.";
                return null;
            }

            if (requestedAtText is null
                || !DateTimeOffset.TryParseExact(requestedAtText, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var requestedAt)
                || !HasOffset(requestedAtText))
            {
                error = "'requestedAt' must be an ISO 8601 time with an offset or Z (2026-12-01T09:30:00+08:00).";
                return null;
            }

            if (requestedAt > now + FutureSkew)
            {
                error = "'requestedAt' is in the future.";
                return null;
            }

            string? key64 = null;
            if ((vin is null) == (vehicleKey is null))
            {
                error = "give exactly one of 'vin' and 'vehicleKey'.";
                return null;
            }

            if (vin is not null)
            {
                try
                {
                    key64 = key.VehicleKey(vin.Trim());
                }
                catch (ArgumentException)
                {
                    error = "'vin' is not 17 characters of the VIN alphabet (A-Z without I, O, Q, and 0-9); it is not shown here.";
                    return null;
                }
            }
            else
            {
                var lower = vehicleKey!.Trim().ToLowerInvariant();
                if (lower.Length != 64 || !BlobLayout.IsValidVehicleKey(lower))
                {
                    error = "'vehicleKey' must be 64 hex digits (as 'residency vehicle key' prints).";
                    return null;
                }

                key64 = lower;
            }

            error = null;
            return new SubjectRequestAsk(type, key64, ticket, Timestamps.ToMilliseconds(requestedAt));
        }
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || OffsetPattern().IsMatch(text);

    private static string Known(string name) => name is "type" or "vin" or "vehicleKey" or "ticket" or "requestedAt" ? name : "a field";

    [GeneratedRegex(@"^[A-Za-z0-9._:/#-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex TicketPattern();

    [GeneratedRegex(@"[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();
}
