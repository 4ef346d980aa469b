namespace Residency.Reporting.Building;

/// <summary>The report's sections and source sets, by id (report.json uses these).</summary>
internal static class Sections
{
    public const string Contacts = "art13-1";
    public const string Data = "art13-2";
    public const string Measures = "art13-3";
    public const string ThirdParties = "art13-4";
    public const string Incidents = "art13-5";
    public const string Complaints = "art13-6";
    public const string Other = "art13-7";
    public const string Rights = "rights";
    public const string Abroad = "art14";
    public const string RiskAssessment = "art33";

    public const string Summaries = "day-summaries";
    public const string Verifications = "verification-records";
    public const string Deletions = "deletion-receipts";
    public const string Accesses = "access-receipts";
    public const string FactsSet = "facts";
    public const string Parameters = "arm-parameters";
    public const string CalendarSet = "calendar";
}
