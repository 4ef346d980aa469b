namespace Residency.Development.Frames;

/// <summary>
/// The files synthetic frames are drawn from: a CJK font for plates (Noto Sans SC Bold from the npm package pinned in
/// tests/package-lock.json, installed by the build or <c>npm ci</c> in tests/) and the real face photo committed in
/// samples/frames/astronaut.jpg (public domain, see its PROVENANCE.md). Neither is downloaded at run time.
/// </summary>
public sealed record SyntheticFrameAssets(string FontFile, string FacePhotoFile)
{
    /// <summary>The font's path inside the Node.js tools folder.</summary>
    public const string FontRelativePath = "node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf";

    /// <summary>The assets of a checkout: <paramref name="repositoryRoot"/> holds Functions.sln, tests/ and samples/.</summary>
    public static SyntheticFrameAssets FromRepository(string repositoryRoot) => new(
        Path.Combine(repositoryRoot, "tests", FontRelativePath),
        Path.Combine(repositoryRoot, "samples", "frames", "astronaut.jpg"));

    /// <summary>Throws with what to do when a file is missing.</summary>
    public void EnsureExist()
    {
        if (!File.Exists(FontFile))
        {
            throw new FileNotFoundException(
                $"The plate font {FontFile} is missing: it comes from tests/package-lock.json (run `npm ci --ignore-scripts` in tests/, or build the tests).", FontFile);
        }

        if (!File.Exists(FacePhotoFile))
        {
            throw new FileNotFoundException($"The face photo {FacePhotoFile} is missing (samples/frames/astronaut.jpg in the repository).", FacePhotoFile);
        }
    }
}
