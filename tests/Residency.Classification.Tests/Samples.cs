using System.Text;
using System.Text.Json;

namespace Residency.Classification.Tests;

/// <summary>Finds the repository's sample uploads and classifies them with the default policy and the development key.</summary>
internal static class Samples
{
    public static string Root { get; } = FindRoot();

    public static string UploadsDirectory => Path.Combine(Root, "samples", "uploads");

    public static IReadOnlyList<string> Kinds { get; } = ["telemetry", "trip", "event", "charging", "cabin", "account", "diagnostic"];

    public static UploadClassifier Classifier { get; } = new(ClassificationPolicy.Default, PseudonymizationKey.Development);

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(UploadsDirectory, name));

    public static ClassifiedUpload Classify(string json) => Classifier.Classify(Encoding.UTF8.GetBytes(json));

    public static string FragmentText(ClassifiedUpload upload, DataLevel level) =>
        upload.Fragments.Where(f => f.Level == level).Select(f => Encoding.UTF8.GetString(f.Json.Span)).SingleOrDefault() ?? string.Empty;

    public static JsonElement Fragment(ClassifiedUpload upload, DataLevel level) =>
        JsonDocument.Parse(upload.Fragments.Single(f => f.Level == level).Json).RootElement;

    /// <summary>A minimal valid upload with extra top-level members appended (a JSON fragment like "\"notes\":\"x\"").</summary>
    public static string Minimal(string extraMembers = "") =>
        "{\"schema\":\"vehicle-upload/1\",\"messageId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"vin\":\"LSJA24U62JG269225\"," +
        "\"capturedAt\":\"2026-11-22T08:15:30.123Z\"" + (extraMembers.Length > 0 ? "," + extraMembers : string.Empty) + "}";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above the test directory.");
    }
}
