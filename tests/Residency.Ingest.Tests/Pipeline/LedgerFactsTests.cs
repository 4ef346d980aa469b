using System.Text;
using Residency.Classification;
using Residency.Testing;
using Xunit;

namespace Residency.Ingest.Tests.Pipeline;

/// <summary>The ledger facts of a classified upload carry the persons it names as the classifier hashed them.</summary>
public sealed class LedgerFactsTests
{
    private static readonly UploadClassifier Classifier = new(ClassificationPolicy.Default, PseudonymizationKey.Development);

    [Fact]
    public void Subjects_pass_into_the_facts_as_kind_and_hash()
    {
        var upload = Classifier.Classify(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "uploads", "account.json")));
        var facts = LedgerFacts.From(upload, "sensitive-area");
        Assert.NotEmpty(upload.Subjects);
        Assert.Equal(upload.Subjects.Select(s => (s.Kind, s.Hash)), facts.Subjects.Select(s => (s.Kind, s.Hash)));
    }

    [Fact]
    public void Two_uploads_writing_one_phone_differently_give_one_subject()
    {
        static Storage.Batches.SubjectKey Phone(string written) => Assert.Single(LedgerFacts.From(Classifier.Classify(Encoding.UTF8.GetBytes(
            "{\"schema\":\"vehicle-upload/1\",\"messageId\":\"m-1\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\","
            + $"\"owner\":{{\"phone\":\"{written}\"}}}}")), null).Subjects);

        Assert.Equal(Phone("13800138000"), Phone("+86 138-0013-8000"));
        Assert.Equal("phone", Phone("13800138000").Kind);
    }
}
