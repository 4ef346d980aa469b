using System.Text;
using Residency.Storage.Batches;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>The checks on a batch before anything is written: our own pipeline's output, so a failure is a bug, never bad input.</summary>
public class BatchInputsTests
{
    private static readonly string Vehicle = TestBatches.NewVehicleKey();

    private static PreparedEvent Stored(long sequence, EventFacts facts, params string[] levels) =>
        PreparedEvent.Stored(sequence, TestBatches.Enqueued, null, Vehicle, [.. levels.Select(l => new FragmentToStore(l, Encoding.UTF8.GetBytes("{}")))], facts);

    private static EventFacts Facts(string category, string kind = "phone") => new([new CategoryCount(category, 2)], [new SubjectKey(kind, 42)], 0, 0);

    [Fact]
    public void Events_come_back_in_sequence_order_and_repeated_ledger_keys_are_accepted()
    {
        var events = BatchInputs.Validate(TestBatches.Batch("0", [Stored(5, Facts("location"), "general"), Stored(3, Facts("location"), "general", "sensitive")]));

        Assert.Equal([3L, 5L], events.Select(e => e.SequenceNumber));
    }

    [Theory]
    [InlineData("general", "general")]
    [InlineData("personal", "sensitive", "personal")]
    public void Two_fragments_of_one_level_are_refused(params string[] levels)
    {
        var e = Assert.Throws<ArgumentException>(() => BatchInputs.Validate(TestBatches.Batch("0", [Stored(1, EventFacts.None, levels)])));

        Assert.Contains("at most one fragment per level", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_level_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BatchInputs.Validate(TestBatches.Batch("0", [Stored(1, EventFacts.None, "secret")])));
    }

    [Theory]
    [InlineData("Location", "phone")]
    [InlineData("location", "Phone Number")]
    public void A_ledger_key_that_is_not_kebab_case_is_refused_even_after_valid_ones(string category, string kind)
    {
        var batch = TestBatches.Batch("0", [Stored(1, Facts("location"), "general"), Stored(2, Facts(category, kind), "general")]);

        var e = Assert.Throws<ArgumentException>(() => BatchInputs.Validate(batch));

        Assert.Contains("kebab-case", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_sequence_number_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BatchInputs.Validate(TestBatches.Batch("0", [Stored(1, EventFacts.None, "general"), Stored(1, EventFacts.None, "general")])));
    }
}
