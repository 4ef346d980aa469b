using System.Security.Cryptography;
using System.Text;
using Residency.Classification.Detectors;

namespace Residency.Classification;

/// <summary>The secret HMAC-SHA256 key used for pseudonyms and the vehicle key; its id is recorded with every result.</summary>
public sealed class PseudonymizationKey
{
    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static PseudonymizationKey? t_hmacOwner;

    private readonly byte[] _key;

    /// <summary>Creates a key; <paramref name="key"/> must hold at least 32 bytes.</summary>
    public PseudonymizationKey(string keyId, byte[] key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("A pseudonymization key must hold at least 32 bytes.", nameof(key));
        }

        KeyId = keyId;
        _key = (byte[])key.Clone();
    }

    /// <summary>The key's identifier, recorded with every classified upload so pseudonyms can be traced to a key.</summary>
    public string KeyId { get; }

    /// <summary>A fixed, publicly known key for development and tests only: never use it for real data.</summary>
    public static PseudonymizationKey Development { get; } =
        new("development", SHA256.HashData(Encoding.UTF8.GetBytes("residency development pseudonymization key (public, not secret)")));

    /// <summary>
    /// The vehicle key of <paramref name="vin"/> exactly as the classifier computes <see cref="ClassifiedUpload.VehicleKey"/>:
    /// lowercase hex HMAC-SHA256 of the upper-cased VIN. Throws <see cref="ArgumentException"/> (without the value) when
    /// the text is not 17 characters of the VIN alphabet.
    /// </summary>
    public string VehicleKey(string vin)
    {
        ArgumentNullException.ThrowIfNull(vin);
        Span<byte> ascii = stackalloc byte[17];
        if (vin.Length != 17 || Encoding.ASCII.GetBytes(vin, ascii) != 17 || !VinDetector.HasVinFormat(ascii))
        {
            throw new ArgumentException("A VIN must be 17 characters of the VIN alphabet (A-Z without I, O, Q, and 0-9).", nameof(vin));
        }

        return VehicleKey(ascii);
    }

    /// <summary>The vehicle key of a VIN already checked with <see cref="VinDetector.HasVinFormat"/> (17 ASCII bytes, either case).</summary>
    internal string VehicleKey(ReadOnlySpan<byte> vin)
    {
        Span<byte> upper = stackalloc byte[17];
        UpperCaseVin(vin, upper);
        return ComputeHex(upper);
    }

    /// <summary>The form of a VIN that is hashed: upper-cased, so either case gives one vehicle key.</summary>
    internal static void UpperCaseVin(ReadOnlySpan<byte> vin, Span<byte> upper)
    {
        for (var i = 0; i < 17; i++)
        {
            upper[i] = AsciiBytes.ToUpper(vin[i]);
        }
    }

    /// <summary>Lowercase hex HMAC-SHA256 of the given UTF-8 bytes (64 characters).</summary>
    public string ComputeHex(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hex = stackalloc byte[64];
        WriteHex(utf8, hex);
        return Encoding.ASCII.GetString(hex);
    }

    /// <summary>
    /// The subject hash of an identifier (<see cref="IdentifiedSubject.Hash"/>): the first 8 bytes, big-endian, of the HMAC of
    /// <c>subject/{kind}/{canonical}</c>. The prefix separates the domain from pseudonyms (the HMAC of the canonical form alone)
    /// and the kinds from each other, so an account id that happens to equal a phone number is another person.
    /// </summary>
    internal ulong SubjectHash(SubjectKind kind, ReadOnlySpan<byte> canonical)
    {
        var hmac = Hmac();
        var name = SubjectKinds.ToUtf8Name(kind);
        var length = "subject/"u8.Length + name.Length + 1 + canonical.Length;
        if (length <= 256)
        {
            // One call into the HMAC: each is a native call, and a short identifier costs little more than the calls.
            Span<byte> input = stackalloc byte[length];
            "subject/"u8.CopyTo(input);
            name.CopyTo(input["subject/"u8.Length..]);
            input[length - canonical.Length - 1] = (byte)'/';
            canonical.CopyTo(input[(length - canonical.Length)..]);
            hmac.AppendData(input);
        }
        else
        {
            hmac.AppendData("subject/"u8);
            hmac.AppendData(name);
            hmac.AppendData("/"u8);
            hmac.AppendData(canonical);
        }

        Span<byte> mac = stackalloc byte[32];
        hmac.GetHashAndReset(mac);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mac);
    }

    /// <summary>Writes the 64 lowercase hex characters of the HMAC into <paramref name="hexOut"/> (ASCII bytes).</summary>
    internal void WriteHex(ReadOnlySpan<byte> utf8, Span<byte> hexOut)
    {
        var hmac = Hmac();
        Span<byte> mac = stackalloc byte[32];
        hmac.AppendData(utf8);
        hmac.GetHashAndReset(mac);
        var digits = "0123456789abcdef"u8;
        for (var i = 0; i < mac.Length; i++)
        {
            hexOut[2 * i] = digits[mac[i] >> 4];
            hexOut[(2 * i) + 1] = digits[mac[i] & 0xF];
        }
    }

    /// <summary>This key's HMAC on this thread, reused: creating an HMAC context per value costs more than hashing the value.</summary>
    private IncrementalHash Hmac()
    {
        if (!ReferenceEquals(t_hmacOwner, this) || t_hmac is null)
        {
            t_hmac?.Dispose();
            t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
            t_hmacOwner = this;
        }

        return t_hmac;
    }
}
