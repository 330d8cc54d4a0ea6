using System.Globalization;
using Readiness.Benchmarks;

// Usage (tests/benchmark.sh installs wrk and runs the first):
//   dotnet run -c Release --project tests/Readiness.Benchmarks -- [--recommendations N] [--seconds N] [--out FILE]
//   dotnet run -c Release --project tests/Readiness.Benchmarks -- --reports   (board report rendering only, no database)
if (args.Contains("--reports"))
{
    ReportBenchmark.Run();
    return 0;
}

return await LoadBenchmark.RunAsync(
    Option("--recommendations", 5_000),
    TimeSpan.FromSeconds(Option("--seconds", 10)),
    Array.IndexOf(args, "--out") is var i and >= 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null
);

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
