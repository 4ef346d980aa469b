using System.Text;
using Azure;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>Every client operation against a real Azurite, signed with Shared Key.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class BlobRestClientTests(AzuriteFixture azurite)
{
    private readonly BlobRestClient _client = azurite.CreateClient();

    [Fact]
    public async Task CreateContainerIfNotExists_creates_once_then_reports_existing()
    {
        var container = AzuriteFixture.UniqueContainerName("create");

        var first = await _client.CreateContainerIfNotExistsAsync(container);
        var second = await _client.CreateContainerIfNotExistsAsync(container);

        Assert.True(first.Value);
        Assert.Equal(201, first.GetRawResponse().Status);
        Assert.False(second.Value);
        Assert.Equal(409, second.GetRawResponse().Status);
    }

    [Fact]
    public async Task Put_then_get_round_trips_content_properties_metadata_and_tags()
    {
        var container = await NewContainerAsync();
        var content = Encoding.UTF8.GetBytes("{\"speedKph\":62.5,\"名\":\"值\"}");
        var tags = new Dictionary<string, string> { ["level"] = "general", ["vehicle"] = "ab12", ["captured"] = "2026-11-22T08:15:30.123Z", ["odd"] = "a b+c/d=e:f_g.h" };

        var put = await _client.PutBlockBlobAsync(container, "2026/11/22/ab12/m-1.json", BinaryData.FromBytes(content), new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["contentsha256"] = "abc", ["sourcesequence"] = "42" },
            Tags = tags,
            OnlyIfNotExists = true,
        });
        var got = await _client.GetBlobAsync(container, "2026/11/22/ab12/m-1.json");

        Assert.Equal(201, put.GetRawResponse().Status);
        Assert.NotEqual(default, put.Value.ETag);
        Assert.Equal(content, got.Value.Content.ToArray());
        Assert.Equal("application/json", got.Value.Properties.ContentType);
        Assert.Equal(content.Length, got.Value.Properties.ContentLength);
        Assert.Equal(put.Value.ETag, got.Value.Properties.ETag);
        Assert.Equal("abc", got.Value.Properties.Metadata["contentsha256"]);
        Assert.Equal("42", got.Value.Properties.Metadata["sourcesequence"]);
        Assert.Equal(4, got.Value.Properties.TagCount);
        Assert.Equal(tags, got.Value.Tags);
    }

    [Fact]
    public async Task Put_with_if_none_match_refuses_to_overwrite_with_409_BlobAlreadyExists()
    {
        var container = await NewContainerAsync();
        var createOnly = new BlobUploadOptions { OnlyIfNotExists = true };
        await _client.PutBlockBlobAsync(container, "a.json", BinaryData.FromString("first"), createOnly);

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => _client.PutBlockBlobAsync(container, "a.json", BinaryData.FromString("second"), createOnly));

        Assert.Equal(409, e.Status);
        Assert.Equal("BlobAlreadyExists", e.ErrorCode);
        Assert.Equal("first", (await _client.GetBlobAsync(container, "a.json")).Value.Content.ToString());
    }

    [Fact]
    public async Task Put_without_condition_replaces_the_blob()
    {
        var container = await NewContainerAsync();
        await _client.PutBlockBlobAsync(container, "a.json", BinaryData.FromString("first"));
        await _client.PutBlockBlobAsync(container, "a.json", BinaryData.FromString("second"));

        Assert.Equal("second", (await _client.GetBlobAsync(container, "a.json")).Value.Content.ToString());
    }

    [Fact]
    public async Task Empty_blob_is_signed_and_stored()
    {
        var container = await NewContainerAsync();
        await _client.PutBlockBlobAsync(container, "empty", BinaryData.FromBytes([]));

        var got = await _client.GetBlobAsync(container, "empty");

        Assert.Equal(0, got.Value.Properties.ContentLength);
        Assert.Empty(got.Value.Tags);
    }

    [Theory]
    [InlineData("名 称/a b.json")]
    [InlineData("x/100%+=&?#.json")]
    public async Task Names_that_need_escaping_are_signed_and_round_trip(string name)
    {
        var container = await NewContainerAsync();

        await _client.PutBlockBlobAsync(container, name, BinaryData.FromString("{}"));
        var listed = await _client.ListBlobsAsync(container);

        Assert.Equal(name, Assert.Single(listed.Value.Items).Name);
        Assert.Equal("{}", (await _client.GetBlobAsync(container, name)).Value.Content.ToString());
    }

    [Fact]
    public async Task GetProperties_reads_metadata_without_content()
    {
        var container = await NewContainerAsync();
        await _client.PutBlockBlobAsync(container, "p.json", BinaryData.FromString("{}"), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["contentsha256"] = "feed" },
        });

        var properties = await _client.GetPropertiesAsync(container, "p.json");

        Assert.Equal("feed", properties.Value.Metadata["contentsha256"]);
        Assert.Equal(2, properties.Value.ContentLength);
    }

    [Fact]
    public async Task GetTags_returns_the_tag_set()
    {
        var container = await NewContainerAsync();
        await _client.PutBlockBlobAsync(container, "t.json", BinaryData.FromString("{}"), new BlobUploadOptions
        {
            Tags = new Dictionary<string, string> { ["level"] = "sensitive", ["category"] = "location" },
        });

        var tags = await _client.GetTagsAsync(container, "t.json");

        Assert.Equal("sensitive", tags.Value["level"]);
        Assert.Equal("location", tags.Value["category"]);
        Assert.Equal(2, tags.Value.Count);
    }

    [Fact]
    public async Task ListBlobs_filters_by_prefix_and_follows_continuation_markers()
    {
        var container = await NewContainerAsync();
        for (var i = 0; i < 5; i++)
        {
            await _client.PutBlockBlobAsync(container, $"2026/11/22/v1/m{i}.json", BinaryData.FromString("{}"));
        }

        await _client.PutBlockBlobAsync(container, "2026/11/23/v2/other.json", BinaryData.FromString("{}"));

        var firstPage = await _client.ListBlobsAsync(container, prefix: "2026/11/22/", maxResults: 2);
        var names = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await _client.ListBlobsAsync(container, prefix: "2026/11/22/", marker: marker, maxResults: 2);
            names.AddRange(page.Value.Items.Select(item => item.Name));
            marker = page.Value.NextMarker;
            pages++;
        }
        while (marker is not null);

        var all = new List<string>();
        await foreach (var item in _client.GetBlobsAsync(container))
        {
            all.Add(item.Name);
        }

        Assert.Equal(2, firstPage.Value.Items.Count);
        Assert.NotNull(firstPage.Value.NextMarker);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"2026/11/22/v1/m{i}.json"), names);
        Assert.Equal(6, all.Count);
        Assert.Contains("2026/11/23/v2/other.json", all);
    }

    [Fact]
    public async Task ListBlobs_includes_metadata()
    {
        var container = await NewContainerAsync();
        await _client.PutBlockBlobAsync(container, "m.json", BinaryData.FromString("{}"), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["sourcepartition"] = "3" },
        });

        var page = await _client.ListBlobsAsync(container);

        var item = Assert.Single(page.Value.Items);
        Assert.Equal("3", item.Properties.Metadata["sourcepartition"]);
        Assert.Equal(2, item.Properties.ContentLength);
    }

    [Fact]
    public async Task FindBlobsByTags_finds_matching_blobs_across_containers()
    {
        var containerA = await NewContainerAsync();
        var containerB = await NewContainerAsync();
        var vehicle = Guid.NewGuid().ToString("N");
        var tagged = new BlobUploadOptions { Tags = new Dictionary<string, string> { ["vehicle"] = vehicle, ["level"] = "personal" } };
        await _client.PutBlockBlobAsync(containerA, "a1.json", BinaryData.FromString("{}"), tagged);
        await _client.PutBlockBlobAsync(containerA, "a2.json", BinaryData.FromString("{}"), tagged);
        await _client.PutBlockBlobAsync(containerB, "b1.json", BinaryData.FromString("{}"), tagged);
        await _client.PutBlockBlobAsync(containerB, "other.json", BinaryData.FromString("{}"), new BlobUploadOptions
        {
            Tags = new Dictionary<string, string> { ["vehicle"] = Guid.NewGuid().ToString("N"), ["level"] = "personal" },
        });

        // No page size: Azurite 3.35 applies maxresults before the tag filter and drops the marker when a page
        // comes back short (FilterBlobPage.fill), so small pages lose matches there. Marker paging is covered by List Blobs.
        var found = new List<TaggedBlobItem>();
        await foreach (var item in _client.GetBlobsByTagsAsync(BlobTags.WhereEquals(("vehicle", vehicle))))
        {
            found.Add(item);
        }

        var both = await _client.FindBlobsByTagsAsync(BlobTags.WhereEquals(("vehicle", vehicle), ("level", "personal")));

        Assert.Equal(
            new[] { $"{containerA}/a1.json", $"{containerA}/a2.json", $"{containerB}/b1.json" }.Order(StringComparer.Ordinal),
            found.Select(item => $"{item.ContainerName}/{item.Name}").Order(StringComparer.Ordinal));
        Assert.All(found, item => Assert.Equal(vehicle, item.Tags["vehicle"]));
        Assert.Equal(3, both.Value.Items.Count);
    }

    [Fact]
    public async Task DeleteBlob_removes_it_and_reports_missing_blobs()
    {
        var container = await NewContainerAsync();
        await _client.PutBlockBlobAsync(container, "d.json", BinaryData.FromString("{}"));

        var deleted = await _client.DeleteBlobIfExistsAsync(container, "d.json");
        var again = await _client.DeleteBlobIfExistsAsync(container, "d.json");
        var get = await Assert.ThrowsAsync<RequestFailedException>(() => _client.GetBlobAsync(container, "d.json"));
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => _client.DeleteBlobAsync(container, "d.json"));

        Assert.True(deleted.Value);
        Assert.False(again.Value);
        Assert.Equal(404, get.Status);
        Assert.Equal("BlobNotFound", get.ErrorCode);
        Assert.Equal("BlobNotFound", delete.ErrorCode);
    }

    [Fact]
    public async Task Head_of_a_missing_blob_fails_with_the_header_error_code()
    {
        var container = await NewContainerAsync();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => _client.GetPropertiesAsync(container, "missing.json"));

        Assert.Equal(404, e.Status);
        Assert.Equal("BlobNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task Missing_container_fails_with_ContainerNotFound()
    {
        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => _client.PutBlockBlobAsync(AzuriteFixture.UniqueContainerName("absent"), "x.json", BinaryData.FromString("{}")));

        Assert.Equal(404, e.Status);
        Assert.Equal("ContainerNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task Requests_carry_a_client_request_id_that_the_service_echoes()
    {
        var response = await _client.CreateContainerIfNotExistsAsync(AzuriteFixture.UniqueContainerName("reqid"));

        var raw = response.GetRawResponse();
        Assert.False(string.IsNullOrEmpty(raw.ClientRequestId));
        Assert.True(raw.Headers.TryGetValue("x-ms-client-request-id", out var echoed));
        Assert.Equal(raw.ClientRequestId, echoed);
    }

    [Fact]
    public void Default_options_keep_blob_paths_out_of_logs_and_traces()
    {
        var options = new BlobRestClientOptions();

        Assert.False(options.Diagnostics.IsLoggingEnabled);
        Assert.False(options.Diagnostics.IsLoggingContentEnabled);
        Assert.False(options.Diagnostics.IsDistributedTracingEnabled);
        Assert.DoesNotContain("where", options.Diagnostics.LoggedQueryParameters);
        Assert.Equal(Azure.Core.RetryMode.Exponential, options.Retry.Mode);
    }

    [Fact]
    public async Task Wrong_account_key_is_refused_with_403()
    {
        var parsed = StorageConnectionString.Parse(azurite.ConnectionString);
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var client = new BlobRestClient(parsed.BlobEndpoint, new StorageSharedKeyCredential(parsed.Credential.AccountName, wrongKey));

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.CreateContainerIfNotExistsAsync(AzuriteFixture.UniqueContainerName("badkey")));

        Assert.Equal(403, e.Status);
        Assert.Equal("AuthorizationFailure", e.ErrorCode);
    }

    [Fact]
    public async Task Invalid_tags_are_refused_before_any_request()
    {
        var container = await NewContainerAsync();
        var badValue = new BlobUploadOptions { Tags = new Dictionary<string, string> { ["vehicle"] = "it's" } };
        var tooMany = new BlobUploadOptions { Tags = Enumerable.Range(0, 11).ToDictionary(i => $"k{i}", i => "v") };

        var e1 = await Assert.ThrowsAsync<ArgumentException>(() => _client.PutBlockBlobAsync(container, "x.json", BinaryData.FromString("{}"), badValue));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.PutBlockBlobAsync(container, "x.json", BinaryData.FromString("{}"), tooMany));

        Assert.DoesNotContain("it's", e1.Message, StringComparison.Ordinal);
        Assert.False((await _client.DeleteBlobIfExistsAsync(container, "x.json")).Value);
    }

    private async Task<string> NewContainerAsync()
    {
        var container = AzuriteFixture.UniqueContainerName("client");
        await _client.CreateContainerIfNotExistsAsync(container);
        return container;
    }
}
