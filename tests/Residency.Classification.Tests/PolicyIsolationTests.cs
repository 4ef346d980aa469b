using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>
/// Classifiers with different policies may share a thread (the CLI with --policy, a host reloading its policy):
/// what one policy classified earlier must never change what another reports.
/// </summary>
public class PolicyIsolationTests
{
    // Each policy names one container beyond vehicle-upload/1, so the two get the same internal node id for different
    // paths; an unknown name under each must still be reported under its own path.
    private static readonly string Upload = Samples.Minimal(
        "\"custom\":{\"alpha\":\"a\",\"extra\":\"b\"},\"other\":{\"beta\":\"c\",\"extra\":\"d\"}");

    [Fact]
    public void A_policy_reports_the_same_after_another_policy_ran_on_the_same_thread()
    {
        var first = DefaultPolicyWith("custom", "$.custom.alpha");
        var second = DefaultPolicyWith("other", "$.other.beta");
        var alone = OnFreshThread(() => Report(second));
        var afterFirst = OnFreshThread(() =>
        {
            Report(first);
            return Report(second);
        });

        Assert.Contains("\"$.other.extra\"", alone, StringComparison.Ordinal);
        Assert.Equal(alone, afterFirst);
    }

    /// <summary>The default policy plus one general rule on a path the upload schema does not know.</summary>
    private static ClassificationPolicy DefaultPolicyWith(string id, string path)
    {
        var json = JsonNode.Parse(ClassificationPolicy.DefaultPolicyJson.Span)!.AsObject();
        json["id"] = id;
        json["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = id + "-rule",
            ["path"] = path,
            ["level"] = "general",
            ["category"] = "vehicle-state",
            ["action"] = "keep",
            ["reference"] = "test",
        });
        return ClassificationPolicy.Load(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static string Report(ClassificationPolicy policy)
    {
        var upload = new UploadClassifier(policy, PseudonymizationKey.Development).Classify(Encoding.UTF8.GetBytes(Upload));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            upload.WriteReport(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string OnFreshThread(Func<string> work)
    {
        string? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw new InvalidOperationException("Classification failed on the worker thread.", failure);
    }
}
