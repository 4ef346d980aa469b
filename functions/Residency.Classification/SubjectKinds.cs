using Residency.Classification.Detectors;

namespace Residency.Classification;

/// <summary>Names of <see cref="SubjectKind"/> (kebab-case: ledger keys) and the detectors whose matches name a person.</summary>
public static class SubjectKinds
{
    /// <summary>Every kind, in a stable order.</summary>
    public static IReadOnlyList<SubjectKind> All { get; } = Enum.GetValues<SubjectKind>();

    /// <summary>The kind's name, as in policies and the ledger (<c>resident-id</c>, <c>phone</c>...).</summary>
    public static string ToName(SubjectKind kind) => kind switch
    {
        SubjectKind.ResidentId => "resident-id",
        SubjectKind.HongKongId => "hk-id",
        SubjectKind.TaiwanId => "tw-id",
        SubjectKind.Phone => "phone",
        SubjectKind.Email => "email",
        SubjectKind.Passport => "passport",
        SubjectKind.BankCard => "bank-card",
        SubjectKind.Account => "account",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
    };

    internal static ReadOnlySpan<byte> ToUtf8Name(SubjectKind kind) => kind switch
    {
        SubjectKind.ResidentId => "resident-id"u8,
        SubjectKind.HongKongId => "hk-id"u8,
        SubjectKind.TaiwanId => "tw-id"u8,
        SubjectKind.Phone => "phone"u8,
        SubjectKind.Email => "email"u8,
        SubjectKind.Passport => "passport"u8,
        SubjectKind.BankCard => "bank-card"u8,
        _ => "account"u8,
    };

    /// <summary>The kind of person a detector's match names, or null (VINs, plates, IMEIs, ICCIDs and positions name a vehicle,
    /// a device or a place).</summary>
    public static SubjectKind? Of(DetectorKind detector) => detector switch
    {
        DetectorKind.ResidentId => SubjectKind.ResidentId,
        DetectorKind.HongKongId => SubjectKind.HongKongId,
        DetectorKind.TaiwanId => SubjectKind.TaiwanId,
        DetectorKind.Mobile => SubjectKind.Phone,
        DetectorKind.Email => SubjectKind.Email,
        DetectorKind.Passport => SubjectKind.Passport,
        DetectorKind.BankCard => SubjectKind.BankCard,
        _ => null,
    };
}
