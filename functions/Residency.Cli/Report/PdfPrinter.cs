using Microsoft.Playwright;

namespace Residency.Cli.Report;

/// <summary>
/// Prints report.html to PDF with headless Chromium through Playwright, with the machine's own Chromium
/// (<c>ExecutablePath</c>) and a fresh profile folder removed afterwards. Only the page's own file is loaded: any other
/// request is aborted (the page makes none).
/// </summary>
internal static class PdfPrinter
{
    /// <summary>The switches Debian's chromium needs here: headless, no sandbox (root), no GPU, and nothing that reaches the network.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Prints <paramref name="htmlFile"/> to <paramref name="pdfFile"/> (A4, backgrounds printed).</summary>
    public static async Task PrintAsync(string chromium, string htmlFile, string pdfFile, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("residency-chromium-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = [.. Arguments],
                Offline = true,
            });
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            await page.RouteAsync("**/*", route => route.Request.Url.StartsWith("file:", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
            cancellationToken.ThrowIfCancellationRequested();
            await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
            await page.PdfAsync(new PagePdfOptions { Path = pdfFile, Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
