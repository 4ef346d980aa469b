using Residency.Cli.Bench;
using Xunit;

namespace Residency.Cli.Tests.Bench;

public sealed class CompilationThreadTests
{
    [Fact]
    public void Stat_line_gives_user_plus_system_ticks_even_when_the_name_holds_spaces_and_parentheses()
    {
        // pid (comm) state ppid ... utime=14th field, stime=15th; ticks are 1/100 s.
        const string stat = "4242 (.NET Tiered (x) Com) S 1 4242 4242 0 -1 4194368 10 0 0 0 250 37 0 0 20 0 30 0 5797353 0 0";

        Assert.Equal(TimeSpan.FromSeconds(2.87), CompilationThread.Ticks(stat));
    }

    [Fact]
    public void This_process_has_a_compilation_thread_time_on_linux_and_none_elsewhere()
    {
        var time = CompilationThread.CpuTime(Environment.ProcessId);

        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(time);
            Assert.True(time >= TimeSpan.Zero);
        }
        else
        {
            Assert.Null(time);
        }
    }

    [Fact]
    public void A_process_that_does_not_exist_has_no_time()
    {
        Assert.Null(CompilationThread.CpuTime(int.MaxValue));
    }
}
