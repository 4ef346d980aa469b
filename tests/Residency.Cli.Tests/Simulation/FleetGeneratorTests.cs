using System.IO.Compression;
using System.Text.Json;
using Residency.Cli.Simulation;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

public class FleetGeneratorTests
{
    private static readonly FleetOptions Options = new()
    {
        Vehicles = 10, GzipShare = 0.3, MalformedShare = 0.1, Seed = 5, Start = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
    };

    private static byte[] Inflate(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void Valid_events_are_uploads_of_every_kind_some_gzip()
    {
        var events = new FleetGenerator(Options).Take(400).ToList();
        Assert.Equal(FleetOptions.AllKinds.Order(), events.Select(e => e.Kind).Distinct().Order());
        var valid = events.Where(e => e.Malformation is null).ToList();
        Assert.InRange(valid.Count(e => e.IsGzip), 60, 150);
        foreach (var e in valid)
        {
            var json = e.IsGzip ? Inflate(e.Body) : e.Body;
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            Assert.Equal("vehicle-upload/1", root.GetProperty("schema").GetString());
            Assert.True(Guid.TryParse(root.GetProperty("messageId").GetString(), out _));
            Assert.True(VinIsValid(root.GetProperty("vin").GetString()!));
            Assert.Equal(e.Kind, root.GetProperty("kind").GetString());
            Assert.DoesNotContain(root.GetProperty("vin").GetString()!, e.PartitionKey, StringComparison.Ordinal);
        }

        var account = valid.First(e => e.Kind == "account");
        using var owner = JsonDocument.Parse(account.IsGzip ? Inflate(account.Body) : account.Body);
        Assert.True(IdNumberIsValid(owner.RootElement.GetProperty("owner").GetProperty("idNumber").GetString()!));
    }

    [Fact]
    public void Every_malformation_appears_and_is_really_malformed()
    {
        var events = new FleetGenerator(Options).Take(400).ToList();
        var malformed = events.Where(e => e.Malformation is not null).ToList();
        Assert.InRange(malformed.Count, 20, 70);
        Assert.Equal(Malformations.All.Order(), malformed.Select(e => e.Malformation!).Distinct().Order());
        foreach (var e in malformed.Where(e => !e.IsGzip && e.Malformation is "truncated-json" or "not-an-object"))
        {
            Assert.ThrowsAny<Exception>(() =>
            {
                using var doc = JsonDocument.Parse(e.Body);
                _ = doc.RootElement.GetProperty("schema");
            });
        }
    }

    [Fact]
    public void Oversized_bodies_are_left_out_when_they_could_not_be_sent()
    {
        var options = new FleetOptions { Vehicles = 3, MalformedShare = 1, AllowOversized = false, Seed = 2 };
        Assert.All(new FleetGenerator(options).Take(50), e => Assert.True(e.Body.Length < 1024 * 1024));
    }

    [Fact]
    public void The_same_seed_generates_the_same_events()
    {
        var a = new FleetGenerator(Options).Take(50).Select(e => Convert.ToBase64String(e.Body)).ToList();
        var b = new FleetGenerator(Options).Take(50).Select(e => Convert.ToBase64String(e.Body)).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Kind_weights_restrict_the_mix()
    {
        var options = new FleetOptions { KindWeights = new Dictionary<string, double> { ["trip"] = 1, ["charging"] = 0 }, MalformedShare = 0 };
        Assert.All(new FleetGenerator(options).Take(30), e => Assert.Equal("trip", e.Kind));
    }

    // ISO 3779 check digit, computed independently of the generator.
    private static bool VinIsValid(string vin)
    {
        const string letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] values = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
        int[] weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        if (vin.Length != 17)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = vin[i];
            var value = char.IsDigit(c) ? c - '0' : values[letters.IndexOf(c, StringComparison.Ordinal)];
            sum += value * weights[i];
        }

        var check = sum % 11;
        return vin[8] == (check == 10 ? 'X' : (char)('0' + check));
    }

    private static bool IdNumberIsValid(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return id.Length == 18 && "10X98765432"[sum % 11] == id[17] &&
               DateTime.TryParseExact(id.Substring(6, 8), "yyyyMMdd", null, System.Globalization.DateTimeStyles.None, out _);
    }
}
