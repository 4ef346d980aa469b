using Residency.Cli.Bench;
using Xunit;

namespace Residency.Cli.Tests.Bench;

public sealed class HandlerCompilationTests
{
    [Fact]
    public void The_jit_line_of_the_summary_gives_the_compile_time()
    {
        string[] summary = ["residency.events residency.outcome=stored: 12", "dotnet.jit.compilation.time: 2345 ms, 15600 methods"];

        Assert.Equal(TimeSpan.FromMilliseconds(2345), HandlerCompilation.Parse(summary));
    }

    [Fact]
    public void A_summary_without_the_jit_line_gives_none()
    {
        Assert.Null(HandlerCompilation.Parse([]));
        Assert.Null(HandlerCompilation.Parse(["dotnet.jit.compilation.time: soon"]));
    }
}
