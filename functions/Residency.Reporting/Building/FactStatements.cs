using System.Globalization;
using Residency.Reporting.Facts;
using Residency.Reporting.Infra;
using Residency.Reporting.Model;
using Residency.Storage;

namespace Residency.Reporting.Building;

/// <summary>
/// The report's items in words: from the facts file, or (storage location and retention) from the compiled ARM
/// parameters when given. A missing item is a statement without text: "to be completed".
/// </summary>
internal static class FactStatements
{
    public static List<Statement> From(ReportFacts facts, ArmParameters? parameters, IEnumerable<string> categoriesSeen)
    {
        var list = new List<Statement>();
        void Add(string id, string section, string label, string? text, string source = "facts") =>
            list.Add(new Statement(id, section, label, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), source));

        Add("processor.name", Sections.Contacts, "数据处理者 Data processor", facts.Processor?.Name);
        Add("contacts.dataSecurityOfficer", Sections.Contacts, "汽车数据安全负责人 Person responsible for automotive data security", Person(facts.Contacts?.DataSecurityOfficer));
        Add("contacts.userRightsContact", Sections.Contacts, "用户权益事务联系人 User-rights contact", Person(facts.Contacts?.UserRightsContact));

        var purposes = (facts.Purposes ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Category)).ToDictionary(p => p.Category!, StringComparer.Ordinal);
        foreach (var category in categoriesSeen.Union(purposes.Keys).Order(StringComparer.Ordinal))
        {
            var purpose = purposes.GetValueOrDefault(category);
            var text = string.IsNullOrWhiteSpace(purpose?.Purpose) || string.IsNullOrWhiteSpace(purpose.Necessity)
                ? null
                : $"目的 Purpose: {purpose.Purpose!.Trim()} 必要性 Necessity: {purpose.Necessity!.Trim()}";
            Add($"purposes.{category}", Sections.Data, $"类别 Category: {category}", text);
        }

        Add("measures.protection", Sections.Measures, "安全防护措施 Security protection measures", Lines(facts.Measures?.Protection));
        Add("measures.management", Sections.Measures, "管理措施 Management measures", Lines(facts.Measures?.Management));
        Add("measures.auditLedger", Sections.Measures, "审计记录（一次写入） Write-once audit ledger", facts.Measures?.AuditLedger);
        Add("measures.encryption", Sections.Measures, "加密 Encryption", facts.Measures?.Encryption);
        AddStorage(list, facts.Storage, parameters);

        Add("thirdParties", Sections.ThirdParties, "向境内第三方提供 Data provided to third parties in China",
            Listed(facts.ThirdParties, t => $"{t.Name}: {string.Join(", ", t.Categories ?? [])}; {t.Purpose}; {t.Scale}"));
        Add("incidents", Sections.Incidents, "数据安全事件及处置 Data security incidents and their handling",
            Listed(facts.Incidents, i => $"{i.Date}: {i.Description} / {i.Handling}"));
        Add("complaints", Sections.Complaints, "用户投诉及处理 User complaints and their handling",
            Listed(facts.Complaints, c => $"{c.Subject} ({(c.Count is { } n ? n.ToString(CultureInfo.InvariantCulture) : "?")}): {c.Handling}"));
        Add("other", Sections.Other, "其他事项 Other matters", facts.Other?.Statement);
        Add("dataAbroad", Sections.Abroad, "数据出境情况 Data provided abroad", facts.DataAbroad?.Statement);

        var risk = facts.RiskAssessment;
        Add("riskAssessment", Sections.RiskAssessment, "年度风险评估 Annual risk assessment",
            risk is null || string.IsNullOrWhiteSpace(risk.Conclusion) || string.IsNullOrWhiteSpace(risk.Completed)
                ? null
                : $"完成日期 Completed {risk.Completed}; 评估方 Assessor: {risk.Assessor}; 结论 Conclusion: {risk.Conclusion}"
                  + (risk.Risks is { Count: > 0 } risks ? $"; 风险 Risks: {string.Join("; ", risks)}" : string.Empty));
        return list;
    }

    private static void AddStorage(List<Statement> list, StorageFacts? storage, ArmParameters? parameters)
    {
        var fromParameters = parameters?.Location is { } location
            ? $"Azure China (世纪互联 operated), region {location}{(parameters.ZoneRedundant is { } zrs ? zrs ? ", zone-redundant storage (ZRS)" : ", locally redundant storage (LRS)" : string.Empty)}"
            : null;
        list.Add(Statement("storage.location", "存储地点 Storage location", fromParameters, storage?.Location, parameters));

        var levelDays = parameters?.RetentionDays ?? new Dictionary<string, int>();
        foreach (var container in ResidencyContainers.All)
        {
            string? derived = container switch
            {
                ResidencyContainers.Audit when parameters?.AuditImmutabilityDays is { } days =>
                    Invariant($"write-once (WORM): each record immutable for {days} days after creation"),
                ResidencyContainers.Quarantine when levelDays.TryGetValue("quarantine", out var days) => Invariant($"deleted {days} days after creation"),
                ResidencyContainers.Index when ResidencyContainers.LevelNames.All(levelDays.ContainsKey) =>
                    Invariant($"index markers deleted {ResidencyContainers.LevelNames.Max(l => levelDays[l])} days after creation (the longest level); partition heads kept"),
                _ when ResidencyContainers.LevelNames.FirstOrDefault(l => ResidencyContainers.ForLevel(l) == container) is { } level
                       && levelDays.TryGetValue(level, out var days) => Invariant($"deleted {days} days after creation"),
                _ => null,
            };
            list.Add(Statement($"storage.retention.{container}", $"保存期限 Retention: {container}", derived, storage?.Retention?.GetValueOrDefault(container), parameters));
        }
    }

    // The infrastructure's own parameters win over what people wrote.
    private static Statement Statement(string id, string label, string? fromParameters, string? fromFacts, ArmParameters? parameters) =>
        fromParameters is not null
            ? new Statement(id, Sections.Measures, label, fromParameters, $"{Sections.Parameters}: {parameters!.File}")
            : new Statement(id, Sections.Measures, label, string.IsNullOrWhiteSpace(fromFacts) ? null : fromFacts.Trim(), "facts");

    private static string? Person(PersonFacts? person) =>
        person is null || string.IsNullOrWhiteSpace(person.Name) || (string.IsNullOrWhiteSpace(person.Telephone) && string.IsNullOrWhiteSpace(person.Email))
            ? null
            : string.Join("; ", new[] { person.Name, person.Role, person.Telephone, person.Email }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string? Lines(IReadOnlyList<string>? lines) =>
        lines is { Count: > 0 } ? string.Join("; ", lines.Where(l => !string.IsNullOrWhiteSpace(l))) : null;

    private static string? Listed<T>(ListedFacts<T>? listed, Func<T, string> line) =>
        listed is null ? null
        : string.Join(" | ", new[] { listed.Statement }.Concat((listed.Items ?? []).Select(line)).Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } text ? text
        : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
