using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Residency.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Residency.Reporting.Tests;

/// <summary>
/// report.html in a real browser (Playwright driving a machine's Chromium, never a downloaded one): it makes no network
/// request, shows every figure of report.json in the cell that names it, shows no VIN, ID number, mobile number or
/// coordinate pair, prints to PDF, and leaves a screenshot under artifacts/test-results/report/.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed partial class ReportPageBrowserTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>Where the screenshot and the PDF are kept (artifacts/ is ignored by git; CI keeps its test results there).</summary>
    public static readonly string ArtifactFolder = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "report");

    [Fact]
    public async Task The_page_shows_every_figure_asks_nothing_of_the_network_shows_no_identifier_and_prints_to_pdf()
    {
        var made = await ScenarioReport.GetAsync(azurite);
        var (executable, origin, environment) = await TestChromium.FindAsync();
        output.WriteLine($"Chromium: {executable} ({origin})");
        var profile = Directory.CreateTempSubdirectory("residency-page-test-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
                Env = environment,
                ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            });
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(made.Html).AbsoluteUri);

            Assert.All(requests, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
            var cells = await page.EvaluateAsync<Dictionary<string, string>>(
                "() => Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(e => [e.dataset.figure, e.innerText]))");
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(made.Json));
            var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
            Assert.NotEmpty(figures);
            foreach (var figure in figures)
            {
                var id = figure.GetProperty("id").GetString()!;
                Assert.True(cells.TryGetValue(id, out var text), $"figure {id} is not on the page");
                var shown = figure.GetProperty("value").GetDecimal().ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(text.StartsWith(shown, StringComparison.Ordinal), $"figure {id} shows '{text}', not {shown}");
                if (figure.TryGetProperty("errorBound", out var bound))
                {
                    Assert.Contains("±" + bound.GetDecimal().ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
                }
            }

            var visible = await page.InnerTextAsync("body");
            var html = await page.ContentAsync();
            foreach (var text in new[] { visible, html, await File.ReadAllTextAsync(made.Json) })
            {
                Assert.DoesNotMatch(Vin(), text);
                Assert.DoesNotMatch(ResidentId(), text);
                Assert.DoesNotMatch(Mobile(), text);
                Assert.DoesNotMatch(Coordinates(), text);
            }

            Assert.Contains("汽车数据安全", visible, StringComparison.Ordinal);
            Directory.CreateDirectory(ArtifactFolder);
            var screenshot = Path.Combine(ArtifactFolder, "report-page.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = false });
            var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(ArtifactFolder, "report.pdf"), Format = "A4", PrintBackground = true });
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
            output.WriteLine($"screenshot {screenshot}, PDF {pdf.Length} bytes");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    // Independent of the product's own guard: a VIN (17 of ISO 3779's characters with a digit and a letter), an 18-character
    // resident ID, a mainland mobile number, a decimal coordinate pair.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?=[A-HJ-NPR-Z0-9]*[0-9])(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![0-9A-Za-z])")]
    private static partial Regex Vin();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex ResidentId();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9A-Za-z])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"[0-9]{1,3}\.[0-9]{4,}\s*,\s*[0-9]{1,3}\.[0-9]{4,}")]
    private static partial Regex Coordinates();
}
