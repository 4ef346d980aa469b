namespace Residency.Classification.Detectors;

/// <summary>The value detectors a policy can name (docs/architecture.md; docs/regulations.md "Detectors").</summary>
public enum DetectorKind
{
    /// <summary>Mainland resident ID number, 18 characters, GB 11643 (MOD 11-2 check and a real birth date), also the 2023 foreign
    /// permanent resident ID and, with a keyword near it, the first-generation 15-digit ID. Policy name <c>cn-resident-id</c>.</summary>
    ResidentId,

    /// <summary>Mainland mobile number, optionally with +86/0086/86. Policy name <c>cn-mobile</c>.</summary>
    Mobile,

    /// <summary>Mainland licence plate, ordinary or new-energy. Policy name <c>cn-plate</c>.</summary>
    Plate,

    /// <summary>Vehicle identification number with a valid ISO 3779 check digit. Policy name <c>vin</c>.</summary>
    Vin,

    /// <summary>IMEI, 15 digits with a valid Luhn check. Policy name <c>imei</c>.</summary>
    Imei,

    /// <summary>Bank card number, 16-19 digits with a valid Luhn check. Policy name <c>bank-card</c>.</summary>
    BankCard,

    /// <summary>Mainland SIM ICCID (8986 prefix, 19-20 characters). Policy name <c>iccid</c>.</summary>
    Iccid,

    /// <summary>Mainland passport number (E/G forms). Policy name <c>cn-passport</c>.</summary>
    Passport,

    /// <summary>E-mail address. Policy name <c>email</c>.</summary>
    Email,

    /// <summary>A decimal latitude/longitude pair inside China written in text. Policy name <c>coordinates</c> (the same rule
    /// also classifies numeric lat/lon pairs in objects).</summary>
    Coordinates,

    /// <summary>Hong Kong identity card number (letters, six digits, check character). Policy name <c>hk-id</c>.</summary>
    HongKongId,

    /// <summary>Taiwan national ID number (letter, 1 or 2, eight digits with a check digit). Policy name <c>tw-id</c>.</summary>
    TaiwanId,
}
