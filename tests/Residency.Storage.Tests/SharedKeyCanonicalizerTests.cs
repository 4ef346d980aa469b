using Azure.Core;
using Residency.Storage.Pipeline;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// Shared Key string-to-sign against hand-written vectors; the signatures were computed independently with
/// <c>openssl dgst -sha256 -mac HMAC</c> over the same text and Azurite's well-known key.
/// </summary>
public sealed class SharedKeyCanonicalizerTests
{
    private static readonly StorageSharedKeyCredential Azurite =
        new(StorageConnectionString.DevelopmentAccountName, StorageConnectionString.DevelopmentAccountKey);

    [Fact]
    public void Put_blob_on_a_path_style_url_names_the_account_twice_and_signs_sorted_x_ms_headers()
    {
        var headers = new[]
        {
            new HttpHeader("x-ms-version", "2021-12-02"),
            new HttpHeader("x-ms-date", "Sun, 22 Nov 2026 08:00:00 GMT"),
            new HttpHeader("Content-Type", "application/json"),
            new HttpHeader("x-ms-tags", "level=general&vehicle=ab12"),
            new HttpHeader("If-None-Match", "*"),
            new HttpHeader("x-ms-meta-contentsha256", "abc123"),
            new HttpHeader("x-ms-blob-type", "BlockBlob"),
            new HttpHeader("X-MS-Client-Request-Id", "7d3e0f5c-0000-4000-8000-000000000001"),
            new HttpHeader("User-Agent", "not signed"),
        };

        var stringToSign = SharedKeyCanonicalizer.BuildStringToSign(
            "devstoreaccount1", "PUT",
            new Uri("http://127.0.0.1:10000/devstoreaccount1/vehicle-general/2026/11/22/ab12/m-1.json"), headers, 17);

        Assert.Equal(
            "PUT\n\n\n17\n\napplication/json\n\n\n\n*\n\n\n" +
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-client-request-id:7d3e0f5c-0000-4000-8000-000000000001\n" +
            "x-ms-date:Sun, 22 Nov 2026 08:00:00 GMT\n" +
            "x-ms-meta-contentsha256:abc123\n" +
            "x-ms-tags:level=general&vehicle=ab12\n" +
            "x-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/vehicle-general/2026/11/22/ab12/m-1.json",
            stringToSign);
        Assert.Equal("RXzf/cVjkjbass+5yGagw9CvAL5k82Nt7n4SJ26cGQ8=", Azurite.ComputeSignature(stringToSign));
    }

    [Fact]
    public void Query_parameters_are_decoded_lowercased_and_sorted_and_no_body_signs_an_empty_length()
    {
        var headers = new[]
        {
            new HttpHeader("x-ms-date", "Sun, 22 Nov 2026 08:00:00 GMT"),
            new HttpHeader("x-ms-version", "2021-12-02"),
        };
        var uri = new Uri("http://127.0.0.1:10000/devstoreaccount1/?comp=blobs&where=" +
                          Uri.EscapeDataString("\"vehicle\"='ab12' AND \"level\"='personal'") + "&MaxResults=2");

        var stringToSign = SharedKeyCanonicalizer.BuildStringToSign("devstoreaccount1", "GET", uri, headers, contentLength: null);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Sun, 22 Nov 2026 08:00:00 GMT\n" +
            "x-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/\ncomp:blobs\nmaxresults:2\nwhere:\"vehicle\"='ab12' AND \"level\"='personal'",
            stringToSign);
        Assert.Equal("V+VP74LOfiepG3Nj3jwMRRUjtwLUAKBIjz1cNnDc7BA=", Azurite.ComputeSignature(stringToSign));
    }

    [Fact]
    public void Zero_content_length_signs_as_empty_and_header_values_are_trimmed_and_unfolded()
    {
        var headers = new[] { new HttpHeader("x-ms-meta-note", "  a   b\t c  ") };

        var stringToSign = SharedKeyCanonicalizer.BuildStringToSign(
            "acct", "put", new Uri("https://acct.blob.core.chinacloudapi.cn/c?restype=container"), headers, 0);

        Assert.Equal("PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-meta-note:a b c\n/acct/c\nrestype:container", stringToSign);
    }

    [Fact]
    public void Virtual_host_urls_name_the_account_once()
    {
        var stringToSign = SharedKeyCanonicalizer.BuildStringToSign(
            "acct", "GET", new Uri("https://acct.blob.core.chinacloudapi.cn/c/b.json"), [], null);

        Assert.EndsWith("\n/acct/c/b.json", stringToSign, StringComparison.Ordinal);
    }
}
