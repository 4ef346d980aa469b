using System.Text.Json.Serialization;

namespace Residency.Classification;

/// <summary>The kinds of identifier that name a person, counted per day in the ledger (<see cref="ClassifiedUpload.Subjects"/>).</summary>
public enum SubjectKind
{
    /// <summary>A resident ID number: 18-digit, first-generation 15-digit (as its 18-digit form), or foreign permanent resident ID.</summary>
    [JsonStringEnumMemberName("resident-id")]
    ResidentId,

    /// <summary>A Hong Kong identity card number.</summary>
    [JsonStringEnumMemberName("hk-id")]
    HongKongId,

    /// <summary>A Taiwan ID number.</summary>
    [JsonStringEnumMemberName("tw-id")]
    TaiwanId,

    /// <summary>A mobile phone number.</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,

    /// <summary>An e-mail address.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>A passport number.</summary>
    [JsonStringEnumMemberName("passport")]
    Passport,

    /// <summary>A bank card number.</summary>
    [JsonStringEnumMemberName("bank-card")]
    BankCard,

    /// <summary>An account id (only from fields whose rule declares it: no detector finds account ids in text).</summary>
    [JsonStringEnumMemberName("account")]
    Account,
}
