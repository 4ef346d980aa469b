using System.Text.Json;
using Residency.Testing;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>The functions.metadata the Worker SDK writes for the app: the triggers and routes the host will index.</summary>
public sealed class FunctionsMetadataTests
{
    public static TheoryData<string, string, string> Expected => new()
    {
        { "SubmitSubjectRequest", "post", "subject-requests" },
        { "ListSubjectRequests", "get", "subject-requests" },
        { "GetSubjectRequest", "get", "subject-requests/{id}" },
        { "DownloadSubjectExport", "get", "subject-requests/{id}/export" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void The_built_app_lists_each_function_as_an_anonymous_http_trigger(string name, string method, string route)
    {
        var function = Metadata().Single(f => f.GetProperty("name").GetString() == name);
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        Assert.Equal("Residency.Operations.dll", function.GetProperty("scriptFile").GetString());
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        // Anonymous at the host: the key is not the gate, Easy Auth and the role check in code are.
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void There_are_exactly_four_functions_and_no_other_trigger()
    {
        var functions = Metadata();
        Assert.Equal(4, functions.Count);
        Assert.All(functions.SelectMany(f => f.GetProperty("bindings").EnumerateArray()),
            b => Assert.Contains(b.GetProperty("type").GetString(), new[] { "httpTrigger", "http" }));
    }

    private static List<JsonElement> Metadata()
    {
        // The test project references the app, so the app's build output (with functions.metadata) is built first, in
        // the test's own configuration (bin/{Configuration}/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var path = Path.Combine(RepoPaths.Root, "functions", "Residency.Operations", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), path);
        return JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.EnumerateArray().ToList();
    }
}
