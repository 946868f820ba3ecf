namespace Sniffer.Tests.Cli;

/// <summary>`-z roles` on our samples: p2p-overlay against the roles samples/record.sh built each host with.</summary>
public sealed class RolesTests
{
    private sealed record Line(string Address, string Role, string Relays, string Listens, int AcceptedFrom, int ConnectedTo, string Why);

    private static (List<Line> Hosts, List<string> Others) Roles(string sample)
    {
        var result = CliRunner.Run("-r", TestPaths.Sample(sample), "-q", "-z", "roles");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Equal("Host Roles", lines[1]);
        Assert.StartsWith("Host ", lines[2]);
        var hosts = new List<Line>();
        var rest = new List<string>();
        var row = new System.Text.RegularExpressions.Regex(@"^(\S+) +(\S+) +(\S+) +(\S+) +(\d+) +(\d+) +\d+ +\d+ +\d+ +\d+  (.*)$");
        foreach (var line in lines.Skip(3))
        {
            if (line.StartsWith("=====", StringComparison.Ordinal) || line.Length == 0) continue;
            var m = row.Match(line);
            if (m.Success && System.Net.IPAddress.TryParse(m.Groups[1].Value, out _))
                hosts.Add(new Line(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, int.Parse(m.Groups[5].Value), int.Parse(m.Groups[6].Value), m.Groups[7].Value));
            else rest.Add(line);
        }
        return (hosts, rest);
    }

    [Fact]
    public void Every_host_of_p2p_overlay_has_the_role_it_was_built_with_and_the_relay_is_marked()
    {
        var truth = File.ReadAllLines(TestPaths.Sample("p2p-overlay.roles.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => (Role: c[1], Relays: c[2] == "yes"));
        Assert.Equal(10, truth.Count);
        var (hosts, rest) = Roles("p2p-overlay.pcapng");
        Assert.Equal(truth.Keys.Order(), hosts.Select(h => h.Address).Order());
        foreach (var h in hosts)
        {
            Assert.True(truth[h.Address].Role == h.Role, $"{h.Address}: {h.Role}, built as {truth[h.Address].Role} ({h.Why})");
            Assert.True(truth[h.Address].Relays == (h.Relays != "-"), $"{h.Address}: relays {h.Relays}");
        }
        var relay = Assert.Single(rest, l => l.StartsWith("Relay: ", StringComparison.Ordinal));
        Assert.Matches(@"^Relay: 10\.99\.0\.22 passed on frame \d+ from 10\.99\.0\.21 \(85 bytes\) as frame \d+ to 10\.99\.0\.23 \(63 bytes\) [0-9.]+ ms later, same ending$", relay);
        Assert.Equal("Overlay 1: 6 peers (10.99.0.21, 10.99.0.22, 10.99.0.23, 10.99.0.24, 10.99.0.25, 10.99.0.26), supernode 10.99.0.10",
            Assert.Single(rest, l => l.StartsWith("Overlay", StringComparison.Ordinal)));
        var supernode = hosts.Single(h => h.Role == "supernode");
        Assert.Equal("7000,7001/udp", supernode.Listens);
        Assert.Equal(6, supernode.AcceptedFrom);
        Assert.All(hosts.Where(h => h.Role == "peer"), p => Assert.Equal((2, 3), (p.AcceptedFrom, p.ConnectedTo))); // two peers in, two peers and the supernode out
    }

    [Fact]
    public void On_website_load_the_loopback_host_is_a_server_and_its_own_client()
    {
        var (hosts, _) = Roles("website-load.pcapng");
        var host = Assert.Single(hosts);
        Assert.Equal(("127.0.0.1", "server", "80,53/udp"), (host.Address, host.Role, host.Listens));
        Assert.Equal("accepts on 80,53/udp from itself only; talks to itself (its own client)", host.Why);
    }

    [Fact]
    public void On_lossy_download_the_client_and_the_server()
    {
        var (hosts, _) = Roles("lossy-download.pcapng");
        Assert.Equal([("10.77.1.2", "client", "-"), ("10.77.2.2", "server", "80")], hosts.Select(h => (h.Address, h.Role, h.Listens)));
    }

    [Fact]
    public void Roles_and_follow_share_the_TCP_observer()
    {
        var result = CliRunner.Run("-r", TestPaths.Sample("lossy-download.pcapng"), "-q", "-z", "roles", "-z", "follow,tcp,ascii,0");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("10.77.2.2        server", result.Stdout);
        Assert.Contains("GET /files/big.bin HTTP/1.1", result.Stdout);
    }
}
