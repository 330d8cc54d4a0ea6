using System.Diagnostics;

namespace Readiness.TestSupport;

public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs a program to the end and keeps what it wrote to standard output and error.</summary>
public static class ProcessRun
{
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken = default)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new ProcessResult(process.ExitCode, await output + await error);
    }
}
