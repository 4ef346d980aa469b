namespace Residency.Functions.Endpoints;

/// <summary>A request body read under a limit: the whole body, or (when larger) the bytes read before the limit.</summary>
internal sealed record RequestBody(byte[]? Body, ReadOnlyMemory<byte> ReadBeforeLimit)
{
    /// <summary>
    /// Reads the body into one array of exactly its size: a declared Content-Length is allocated once, a body without
    /// one grows by doubling. A body over <paramref name="maxBytes"/> is not read further; the caller streams the rest.
    /// </summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > maxBytes)
        {
            return new RequestBody(null, ReadOnlyMemory<byte>.Empty);
        }

        var buffer = new byte[declared ?? Math.Min(maxBytes, 64 * 1024)];
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (declared is not null || buffer.Length >= maxBytes)
                {
                    // At capacity: the body ends here, or it is larger than the limit.
                    var next = new byte[1];
                    if (await request.Body.ReadAsync(next, cancellationToken) == 0)
                    {
                        return new RequestBody(buffer, buffer);
                    }

                    return new RequestBody(null, buffer.Concat(next).ToArray());
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes, (long)buffer.Length * 2));
            }

            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                var body = read == buffer.Length ? buffer : buffer[..read];
                return new RequestBody(body, body);
            }

            read += n;
        }
    }
}
