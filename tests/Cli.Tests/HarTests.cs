using System.Diagnostics;
using System.Text.Json;
using Json.Schema;

namespace Sniffer.Tests.Cli;

/// <summary>
/// --export-har on website-load: valid HAR 1.2 by an independent check (our schema written from the spec and
/// checked by JsonSchema.Net always; npm's har-validator when node and npm are here), one entry per request with
/// tshark's status codes, and each entry's time the sum of its timings that apply.
/// </summary>
public sealed class HarTests
{
    private static string Export(string sample)
    {
        string dir = Path.Combine(Path.GetTempPath(), "sniffer-har-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string har = Path.Combine(dir, sample + ".har");
        var result = CliRunner.Run("-r", TestPaths.Sample(sample), "-q", "--export-har", har);
        Assert.Equal(0, result.ExitCode);
        return har;
    }

    [Fact]
    public void Website_load_har_passes_the_har_1_2_schema()
    {
        string har = Export("website-load.pcapng");
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Har", "har-1.2.schema.json")));
        using var doc = JsonDocument.Parse(File.ReadAllText(har));
        var results = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = results.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        Assert.True(results.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void The_schema_rejects_a_broken_har()
    {
        // A test that cannot fail is a defect: the schema must notice a missing timing and a bad date.
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Har", "har-1.2.schema.json")));
        var broken = File.ReadAllText(Export("website-load.pcapng")).Replace("\"wait\":", "\"waited\":").Replace("\"startedDateTime\": \"20", "\"startedDateTime\": \"yesterday 20");
        using var doc = JsonDocument.Parse(broken);
        Assert.False(schema.Evaluate(doc.RootElement).IsValid);
    }

    [Fact]
    public void Entries_are_the_requests_with_tshark_status_codes_and_consistent_times()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Export("website-load.pcapng")));
        var entries = doc.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray().ToList();

        // tshark's http.response.code values (golden TSV) in request order.
        var tsv = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", "website-load.pageload-fields.tsv"));
        var header = tsv[0].Split('\t');
        int code = Array.IndexOf(header, "http.response.code"), uri = Array.IndexOf(header, "http.request.uri");
        var tsharkCodes = tsv.Skip(1).Select(l => l.Split('\t')).Where(r => r.Length > code && r[code].Length > 0).Select(r => int.Parse(r[code])).OrderBy(c => c).ToList();
        var tsharkUris = tsv.Skip(1).Select(l => l.Split('\t')).Where(r => r.Length > uri && r[uri].Length > 0).Select(r => "http://www.site.test" + r[uri]).OrderBy(u => u).ToList();

        Assert.Equal(tsharkCodes, entries.Select(e => e.GetProperty("response").GetProperty("status").GetInt32()).OrderBy(c => c).ToList());
        Assert.Equal(tsharkUris, entries.Select(e => e.GetProperty("request").GetProperty("url").GetString()!).OrderBy(u => u).ToList());
        foreach (var e in entries)
        {
            var t = e.GetProperty("timings");
            double sum = 0;
            foreach (var p in t.EnumerateObject()) if (p.Name != "ssl" && p.Name != "comment" && p.Value.GetDouble() != -1) sum += p.Value.GetDouble();
            Assert.Equal(e.GetProperty("time").GetDouble(), sum, 3);
            Assert.Equal("127.0.0.1", e.GetProperty("serverIPAddress").GetString());
        }
        // The page's HTML is text: its body is in content.text.
        var html = entries.First(e => e.GetProperty("request").GetProperty("url").GetString() == "http://www.site.test/");
        Assert.Contains("<html", html.GetProperty("response").GetProperty("content").GetProperty("text").GetString());
        Assert.Equal(648, html.GetProperty("response").GetProperty("content").GetProperty("size").GetInt32());
    }

    [Fact]
    public void Encrypted_exchanges_are_left_out_and_counted()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Export("https-sni.pcapng")));
        var log = doc.RootElement.GetProperty("log");
        Assert.Empty(log.GetProperty("entries").EnumerateArray());
        Assert.Contains("3 encrypted (TLS) connections left out", log.GetProperty("comment").GetString());
    }

    [Fact]
    public void Website_load_har_passes_npm_har_validator()
    {
        if (!Tool("node") || !Tool("npm")) return; // node/npm not installed: the .NET schema check above still runs
        string work = Path.Combine(Path.GetTempPath(), "sniffer-har-validator");
        Directory.CreateDirectory(work);
        if (!Directory.Exists(Path.Combine(work, "node_modules", "har-validator")))
        {
            var (installed, _) = Run("npm", "install --no-audit --no-fund --silent har-validator", work);
            if (installed != 0) return; // registry unreachable: nothing to check with
        }
        File.WriteAllText(Path.Combine(work, "validate.js"), """
            const v = require('har-validator');
            const har = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
            v.har(har).then(() => console.log('valid')).catch(e => { console.log(JSON.stringify(e.errors || e.message)); process.exit(1); });
            """);
        var (code, output) = Run("node", $"validate.js \"{Export("website-load.pcapng")}\"", work);
        Assert.True(code == 0, output);
        Assert.Contains("valid", output);
    }

    private static bool Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    private static (int Code, string Output) Run(string file, string args, string dir)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
