namespace Residency.Reporting.Facts;

/// <summary>
/// What people know and the ledger cannot: the facts file of the annual report (schema residency-report-facts/1,
/// docs/report.md). Every member is optional when read; the report shows a missing item as "to be completed" (待补充)
/// and the command exits 3 unless it is a draft.
/// </summary>
public sealed class ReportFacts
{
    /// <summary>The schema id: residency-report-facts/1.</summary>
    public string? Schema { get; init; }

    /// <summary>The data processor (the company) submitting the report.</summary>
    public ProcessorFacts? Processor { get; init; }

    /// <summary>Art. 13(1): the person responsible for automotive data security and the user-rights contact.</summary>
    public ContactFacts? Contacts { get; init; }

    /// <summary>Art. 13(2): per data category the ledger counts, the purpose and necessity of processing it.</summary>
    public IReadOnlyList<PurposeFacts>? Purposes { get; init; }

    /// <summary>Art. 13(3): security protection and management measures.</summary>
    public MeasureFacts? Measures { get; init; }

    /// <summary>Art. 13(3): storage location and retention per container, when no ARM parameters file gives them.</summary>
    public StorageFacts? Storage { get; init; }

    /// <summary>Art. 13(4): data provided to third parties in China, or a statement that none was.</summary>
    public ListedFacts<ThirdPartyFacts>? ThirdParties { get; init; }

    /// <summary>Art. 13(5): data security incidents and their handling, or a statement that there were none.</summary>
    public ListedFacts<IncidentFacts>? Incidents { get; init; }

    /// <summary>Art. 13(6): user complaints and their handling, or a statement that there were none.</summary>
    public ListedFacts<ComplaintFacts>? Complaints { get; init; }

    /// <summary>Network Data Regulations Art. 33: the year's risk assessment.</summary>
    public RiskAssessmentFacts? RiskAssessment { get; init; }

    /// <summary>Art. 14: the statement on data provided abroad.</summary>
    public StatementFacts? DataAbroad { get; init; }

    /// <summary>Art. 13(7): other matters, or a statement that there are none.</summary>
    public StatementFacts? Other { get; init; }
}

/// <summary>The processor submitting the report.</summary>
public sealed class ProcessorFacts
{
    /// <summary>The registered name.</summary>
    public string? Name { get; init; }
}

/// <summary>The two contacts Art. 13(1) asks for.</summary>
public sealed class ContactFacts
{
    /// <summary>The person responsible for automotive data security.</summary>
    public PersonFacts? DataSecurityOfficer { get; init; }

    /// <summary>The contact for users' rights requests.</summary>
    public PersonFacts? UserRightsContact { get; init; }
}

/// <summary>A contact: a name, a role and office channels (a personal mobile number is refused: the report never shows one).</summary>
public sealed class PersonFacts
{
    /// <summary>The person's name.</summary>
    public string? Name { get; init; }

    /// <summary>The person's role or title.</summary>
    public string? Role { get; init; }

    /// <summary>An office telephone line (switchboard or desk line).</summary>
    public string? Telephone { get; init; }

    /// <summary>An e-mail address, best a shared mailbox.</summary>
    public string? Email { get; init; }
}

/// <summary>Why one data category is processed and why it is needed.</summary>
public sealed class PurposeFacts
{
    /// <summary>The category label as the policy names it (location, contact, exterior-media, ...).</summary>
    public string? Category { get; init; }

    /// <summary>The purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>Why the purpose needs this category.</summary>
    public string? Necessity { get; init; }
}

/// <summary>Security protection and management measures (Art. 13(3)).</summary>
public sealed class MeasureFacts
{
    /// <summary>Technical protection measures.</summary>
    public IReadOnlyList<string>? Protection { get; init; }

    /// <summary>Management measures: organisation, training, access reviews.</summary>
    public IReadOnlyList<string>? Management { get; init; }

    /// <summary>The write-once audit ledger: how it is kept and for how long.</summary>
    public string? AuditLedger { get; init; }

    /// <summary>Encryption at rest and in transit.</summary>
    public string? Encryption { get; init; }
}

/// <summary>Storage location and retention, as operators state them.</summary>
public sealed class StorageFacts
{
    /// <summary>Where the data is stored (cloud, region).</summary>
    public string? Location { get; init; }

    /// <summary>Per container name, its retention period in words.</summary>
    public IReadOnlyDictionary<string, string>? Retention { get; init; }
}

/// <summary>A list of entries, or a statement (for example that there were none).</summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed class ListedFacts<T>
{
    /// <summary>The entries.</summary>
    public IReadOnlyList<T>? Items { get; init; }

    /// <summary>A statement about the item as a whole (for example "none in 2026").</summary>
    public string? Statement { get; init; }
}

/// <summary>A recipient in China of automotive data (Art. 13(4)).</summary>
public sealed class ThirdPartyFacts
{
    /// <summary>The recipient's name.</summary>
    public string? Name { get; init; }

    /// <summary>The categories provided.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>The purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>The scale, in words or figures.</summary>
    public string? Scale { get; init; }
}

/// <summary>One data security incident and its handling (Art. 13(5)).</summary>
public sealed class IncidentFacts
{
    /// <summary>The day it happened, yyyy-MM-dd.</summary>
    public string? Date { get; init; }

    /// <summary>What happened.</summary>
    public string? Description { get; init; }

    /// <summary>How it was handled.</summary>
    public string? Handling { get; init; }
}

/// <summary>User complaints of one kind and their handling (Art. 13(6)).</summary>
public sealed class ComplaintFacts
{
    /// <summary>What the complaints were about.</summary>
    public string? Subject { get; init; }

    /// <summary>How many.</summary>
    public int? Count { get; init; }

    /// <summary>How they were handled.</summary>
    public string? Handling { get; init; }
}

/// <summary>The year's risk assessment (Network Data Regulations Art. 33).</summary>
public sealed class RiskAssessmentFacts
{
    /// <summary>The day it was completed, yyyy-MM-dd.</summary>
    public string? Completed { get; init; }

    /// <summary>Who assessed (internal team or third-party body).</summary>
    public string? Assessor { get; init; }

    /// <summary>The conclusions.</summary>
    public string? Conclusion { get; init; }

    /// <summary>Risks found and what is done about them.</summary>
    public IReadOnlyList<string>? Risks { get; init; }
}

/// <summary>A statement in words.</summary>
public sealed class StatementFacts
{
    /// <summary>The statement.</summary>
    public string? Statement { get; init; }
}
