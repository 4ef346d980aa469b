using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Residency.Infra.Tests.Compiler;

/// <summary>A resource declaration as the compiler reports it: symbolic name, full type and 1-based source lines.</summary>
internal sealed record Declaration(string Symbol, string Type, bool IsExisting, int StartLine, int EndLine)
{
    /// <summary>True when this declaration sits inside another one (a nested child resource).</summary>
    public bool IsNestedIn(IEnumerable<Declaration> all) =>
        all.Any(o => o != this && o.StartLine <= StartLine && EndLine <= o.EndLine);
}

/// <summary>
/// The resource declarations of a .bicep file, from the compiler's own deployment graph
/// (<c>bicep jsonrpc</c>, method <c>bicep/getDeploymentGraph</c>). One compiler process serves the whole test run.
/// </summary>
internal static class DeclarationGraph
{
    private static readonly Lazy<Process> Server = new(Start);
    private static readonly Lock Gate = new();
    private static int nextId;

    public static IReadOnlyList<Declaration> Of(string bicepFile)
    {
        var result = Call("bicep/getDeploymentGraph", new JsonObject { ["path"] = Path.GetFullPath(bicepFile) });
        return result["nodes"]!.AsArray()
            .Select(n => n!)
            .Where(n => n["relativePath"] is null) // module nodes carry the module's path; resources do not
            .Select(n => new Declaration(
                n["name"]!.GetValue<string>(),
                n["type"]!.GetValue<string>(),
                n["isExisting"]?.GetValue<bool>() ?? false,
                n["range"]!["start"]!["line"]!.GetValue<int>() + 1,
                n["range"]!["end"]!["line"]!.GetValue<int>() + 1))
            .OrderBy(d => d.StartLine)
            .ToList();
    }

    // JSON-RPC over stdio with LSP-style "Content-Length" framing.
    private static JsonNode Call(string method, JsonObject parameters)
    {
        lock (Gate)
        {
            var server = Server.Value;
            var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = ++nextId, ["method"] = method, ["params"] = parameters };
            var body = Encoding.UTF8.GetBytes(request.ToJsonString());
            var input = server.StandardInput.BaseStream;
            input.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            input.Write(body);
            input.Flush();

            var response = JsonNode.Parse(ReadMessage(server.StandardOutput.BaseStream))!;
            return response["result"] ?? throw new InvalidOperationException($"bicep jsonrpc {method} failed: {response["error"]?.ToJsonString()}");
        }
    }

    private static byte[] ReadMessage(Stream output)
    {
        var length = -1;
        for (var header = ReadLine(output); header.Length > 0; header = ReadLine(output))
        {
            if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length >= 0 ? length : throw new InvalidDataException("bicep jsonrpc sent no Content-Length.")];
        output.ReadExactly(body);
        return body;
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        for (var b = stream.ReadByte(); b != '\n'; b = stream.ReadByte())
        {
            if (b < 0)
            {
                throw new EndOfStreamException("bicep jsonrpc closed its output.");
            }

            line.Append((char)b);
        }

        return line.ToString().TrimEnd('\r');
    }

    private static Process Start()
    {
        var start = new ProcessStartInfo(BicepCompiler.Path, "jsonrpc --stdio")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("bicep jsonrpc did not start.");
        // Closing its input ends the server; do it when the test run ends so no compiler outlives it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.StandardInput.Close();
        return process;
    }
}
