using Sniffer.Analysis.Roles;

namespace Sniffer.Tests.Analysis;

public sealed class HostRolesTests
{
    [Fact]
    public void A_handshake_names_the_client_and_the_server_and_the_port()
    {
        var wire = new SyntheticWire();
        wire.Exchange("10.0.0.1", 40000, "10.0.0.2", 80);
        wire.Exchange("10.0.0.3", 40001, "10.0.0.2", 80);
        var server = wire.Host("10.0.0.2");
        Assert.Equal(HostRole.Server, server.Role);
        Assert.Equal(["80"], server.ListenPorts);
        Assert.Equal(2, server.AcceptedFrom);
        Assert.Equal(0, server.ConnectedTo);
        Assert.Equal("accepts on 80 from 2 hosts", server.Why);
        var client = wire.Host("10.0.0.1");
        Assert.Equal(HostRole.Client, client.Role);
        Assert.Equal(0, client.AcceptedFrom);
        Assert.Equal(1, client.ConnectedTo);
        Assert.Equal(3, client.PacketsSent); // SYN, ACK, the request; received: SYN/ACK and the answer
        Assert.Equal(2, client.PacketsReceived);
    }

    [Fact]
    public void A_connection_without_its_handshake_leaves_both_hosts_unknown_and_says_why()
    {
        var wire = new SyntheticWire();
        wire.Data("10.0.0.1", 40000, "10.0.0.2", 443, "some data in the middle of a stream");
        wire.Data("10.0.0.3", 40001, "10.0.0.2", 443, "more data in the middle of a stream");
        var a = wire.Host("10.0.0.1");
        Assert.Equal(HostRole.Unknown, a.Role);
        Assert.Equal("1 TCP connection seen without their handshake", a.Why);
        var b = wire.Host("10.0.0.2");
        Assert.Equal(HostRole.Unknown, b.Role);
        Assert.Equal("2 TCP connections seen without their handshake; all on its port 443: likely a server", b.Why);
        Assert.Equal(LinkDirection.Unknown, Assert.Single(a.Links).Direction);
    }

    [Fact]
    public void A_SYN_ACK_without_its_SYN_still_names_the_server()
    {
        var wire = new SyntheticWire();
        wire.Tcp("10.0.0.2", 22, "10.0.0.1", 50000, SyntheticWire.Syn | SyntheticWire.Ack);
        wire.Tcp("10.0.0.1", 50000, "10.0.0.2", 22, SyntheticWire.Ack);
        Assert.Equal(HostRole.Server, wire.Host("10.0.0.2").Role);
        Assert.Equal(["22"], wire.Host("10.0.0.2").ListenPorts);
        Assert.Equal(HostRole.Client, wire.Host("10.0.0.1").Role);
    }

    [Fact]
    public void A_refused_connection_makes_a_client_and_an_unknown_that_refused()
    {
        var wire = new SyntheticWire();
        wire.Tcp("10.0.0.1", 50000, "10.0.0.2", 81, SyntheticWire.Syn);
        wire.Tcp("10.0.0.2", 81, "10.0.0.1", 50000, SyntheticWire.Rst | SyntheticWire.Ack);
        var client = wire.Host("10.0.0.1");
        Assert.Equal(HostRole.Client, client.Role);
        Assert.Equal("only opens connections; 1 of its openings unanswered or refused", client.Why);
        var refuser = wire.Host("10.0.0.2");
        Assert.Equal(HostRole.Unknown, refuser.Role);
        Assert.Equal("refused or ignored 1 connection opened to it", refuser.Why);
        Assert.Empty(refuser.ListenPorts);
    }

    [Fact]
    public void A_host_that_answers_on_a_fixed_UDP_port_serves()
    {
        var wire = new SyntheticWire();
        for (int i = 0; i < 3; i++)
        {
            wire.Udp($"10.0.0.{i + 1}", (ushort)(40000 + i), "10.0.0.53", 53, "query for a name");
            wire.Udp("10.0.0.53", 53, $"10.0.0.{i + 1}", (ushort)(40000 + i), "answer with an address");
        }
        var dns = wire.Host("10.0.0.53");
        Assert.Equal(HostRole.Server, dns.Role);
        Assert.Equal(["53/udp"], dns.ListenPorts);
        Assert.Equal(3, dns.AcceptedFrom);
        Assert.Equal(HostRole.Client, wire.Host("10.0.0.2").Role);
    }

    [Fact]
    public void An_answer_whose_question_was_not_captured_still_comes_from_the_server()
    {
        var wire = new SyntheticWire();
        wire.Udp("10.0.0.53", 53, "10.0.0.1", 40000, "answer with an address");
        Assert.Equal(HostRole.Server, wire.Host("10.0.0.53").Role);
        Assert.Equal(HostRole.Client, wire.Host("10.0.0.1").Role);
    }

    [Fact]
    public void Datagrams_never_answered_leave_the_receiver_unknown()
    {
        var wire = new SyntheticWire();
        wire.Udp("10.0.0.1", 40000, "10.0.0.9", 514, "a syslog line nobody answers");
        Assert.Equal(HostRole.Client, wire.Host("10.0.0.1").Role);
        var sink = wire.Host("10.0.0.9");
        Assert.Equal(HostRole.Unknown, sink.Role);
        Assert.Equal("never answered 1 UDP flow sent to it", sink.Why);
    }

    [Fact]
    public void Multicast_and_broadcast_destinations_are_not_hosts()
    {
        var wire = new SyntheticWire();
        wire.Udp("10.0.0.1", 5353, "224.0.0.251", 5353, "an mDNS question for everyone");
        wire.Udp("10.0.0.1", 68, "255.255.255.255", 67, "a DHCP discover for everyone");
        var only = Assert.Single(wire.Classify().Hosts);
        Assert.Equal("10.0.0.1", only.Address);
        Assert.Equal(HostRole.Unknown, only.Role);
        Assert.Equal("sends only to multicast or broadcast", only.Why);
        Assert.Equal(2, only.PacketsSent);
    }

    [Fact]
    public void A_host_without_TCP_or_UDP_is_unknown()
    {
        var wire = new SyntheticWire();
        wire.Ping("10.0.0.1", "10.0.0.2");
        Assert.All(wire.Classify().Hosts, h => Assert.Equal("no TCP or UDP seen", h.Why));
    }

    [Fact]
    public void A_host_that_talks_to_itself_is_its_own_client_and_a_server()
    {
        var wire = new SyntheticWire();
        wire.Exchange("127.0.0.1", 51000, "127.0.0.1", 80);
        var host = Assert.Single(wire.Classify().Hosts);
        Assert.Equal(HostRole.Server, host.Role);
        Assert.Equal(1, host.AcceptedFrom);
        Assert.Equal(1, host.ConnectedTo);
        Assert.Equal("accepts on 80 from itself only; talks to itself (its own client)", host.Why);
        Assert.Equal(LinkDirection.Self, Assert.Single(host.Links).Direction);
    }

    /// <summary>Six peers in a ring (each connects to the next two), all logged in to one supernode, plus a web server with a database behind it.</summary>
    private static SyntheticWire Overlay(int peers = 6, int fanout = 2)
    {
        var wire = new SyntheticWire();
        ushort ephemeral = 40000;
        for (int i = 0; i < peers; i++) wire.Exchange($"10.0.1.{i + 1}", ephemeral++, "10.0.1.100", 7000, "LIST of peers please", "PEERS here they are");
        for (int i = 0; i < peers; i++)
            for (int step = 1; step <= fanout; step++)
                wire.Exchange($"10.0.1.{i + 1}", ephemeral++, $"10.0.1.{(i + step) % peers + 1}", (ushort)(7100 + (i + step) % peers), "HELLO from a peer", "HI back to you");
        wire.Exchange("10.0.2.1", ephemeral++, "10.0.2.80", 80);
        wire.Exchange("10.0.2.2", ephemeral++, "10.0.2.80", 80);
        wire.Exchange("10.0.2.80", ephemeral++, "10.0.2.5", 5432);
        return wire;
    }

    [Fact]
    public void Peers_connect_to_each_other_and_the_one_they_all_log_in_to_is_the_supernode()
    {
        var result = Overlay().Classify();
        var roles = result.Hosts.ToDictionary(h => h.Address, h => h.Role);
        for (int i = 1; i <= 6; i++) Assert.Equal(HostRole.Peer, roles[$"10.0.1.{i}"]);
        Assert.Equal(HostRole.Supernode, roles["10.0.1.100"]);
        Assert.Equal(HostRole.Server, roles["10.0.2.80"]); // it also connects to its database: not a peer
        Assert.Equal(HostRole.Server, roles["10.0.2.5"]);
        Assert.Equal(HostRole.Client, roles["10.0.2.1"]);
        var overlay = Assert.Single(result.Overlays);
        Assert.Equal(6, overlay.Peers.Count);
        Assert.Equal(["10.0.1.100"], overlay.Supernodes);
        Assert.Equal("6 of 6 peers of overlay 1 connect to it on 7000", result.Hosts.Single(h => h.Address == "10.0.1.100").Why);
        Assert.Equal("accepts on 80 from 2 hosts; also a client of 1 host", result.Hosts.Single(h => h.Address == "10.0.2.80").Why);
    }

    [Fact]
    public void In_a_full_mesh_no_peer_stands_out_as_a_supernode()
    {
        var wire = new SyntheticWire();
        ushort ephemeral = 40000;
        // Everyone connects to everyone once (in both directions over the whole mesh, so every peer accepts).
        for (int i = 1; i <= 5; i++)
            for (int j = 1; j <= 5; j++)
                if (i != j && (j - i + 5) % 5 <= 2) wire.Exchange($"10.0.3.{i}", ephemeral++, $"10.0.3.{j}", 6881);
        var result = wire.Classify();
        Assert.All(result.Hosts, h => Assert.Equal(HostRole.Peer, h.Role));
        Assert.Empty(Assert.Single(result.Overlays).Supernodes);
    }

    [Fact]
    public void A_server_that_every_peer_uses_on_a_well_known_port_stays_a_server()
    {
        var wire = Overlay();
        ushort ephemeral = 45000;
        for (int i = 1; i <= 6; i++) wire.Exchange($"10.0.1.{i}", ephemeral++, "10.0.1.53", 53, "a question over TCP", "an answer over TCP");
        Assert.Equal(HostRole.Server, wire.Host("10.0.1.53").Role);
        Assert.Equal(HostRole.Supernode, wire.Host("10.0.1.100").Role);
    }

    [Fact]
    public void A_payload_passed_on_to_a_third_host_marks_a_relay()
    {
        var wire = new SyntheticWire();
        wire.Handshake("10.0.0.1", 40000, "10.0.0.2", 7102);
        wire.Handshake("10.0.0.2", 40001, "10.0.0.3", 7103);
        wire.Data("10.0.0.1", 40000, "10.0.0.2", 7102, "RELAY 10.0.0.3:7103 MSG r1 from=a text=this-message-goes-through-b");
        wire.Data("10.0.0.2", 40001, "10.0.0.3", 7103, "MSG r1 from=a text=this-message-goes-through-b");
        var result = wire.Classify();
        Assert.Equal(1, result.Hosts.Single(h => h.Address == "10.0.0.2").Relays);
        Assert.Equal(0, result.Hosts.Single(h => h.Address == "10.0.0.1").Relays);
        var relay = Assert.Single(result.Relays);
        Assert.Equal(("10.0.0.1", "10.0.0.2", "10.0.0.3", "same ending"), (relay.From, relay.Relay, relay.To, relay.Match));
        Assert.Equal(100_000, relay.DelayNs);
    }

    [Fact]
    public void The_very_same_bytes_passed_on_are_the_same_payload()
    {
        var wire = new SyntheticWire();
        wire.Handshake("10.0.0.1", 40000, "10.0.0.2", 7102);
        wire.Handshake("10.0.0.2", 40001, "10.0.0.3", 7103);
        wire.Data("10.0.0.1", 40000, "10.0.0.2", 7102, "a gossip message that every peer floods onwards");
        wire.Data("10.0.0.2", 40001, "10.0.0.3", 7103, "a gossip message that every peer floods onwards");
        Assert.Equal("same payload", Assert.Single(wire.Classify().Relays).Match);
    }

    [Fact]
    public void Answers_of_the_same_size_or_too_late_or_back_to_the_sender_are_not_relays()
    {
        var wire = new SyntheticWire();
        wire.Handshake("10.0.0.1", 40000, "10.0.0.2", 7102);
        wire.Handshake("10.0.0.2", 40001, "10.0.0.3", 7103);
        // The same size, other bytes: a PONG for a PING is not the PING passed on.
        wire.Data("10.0.0.1", 40000, "10.0.0.2", 7102, "PING from peer one, sequence 0001");
        wire.Data("10.0.0.2", 40001, "10.0.0.3", 7103, "PONG from peer two, sequence 0001");
        // The same bytes back on the connection they came from: an echo, not a relay.
        wire.Data("10.0.0.1", 40000, "10.0.0.2", 7102, "an echo request that comes straight back");
        wire.Data("10.0.0.2", 7102, "10.0.0.1", 40000, "an echo request that comes straight back");
        // The same bytes, but seconds later.
        wire.Data("10.0.0.1", 40000, "10.0.0.2", 7102, "a message that b forwards much later on");
        wire.TimeNs += 2_000_000_000;
        wire.Data("10.0.0.2", 40001, "10.0.0.3", 7103, "a message that b forwards much later on");
        var result = wire.Classify();
        Assert.Empty(result.Relays);
        Assert.All(result.Hosts, h => Assert.Equal(0, h.Relays));
    }

    [Fact]
    public void The_host_table_is_bounded_and_says_what_it_left_out()
    {
        var wire = new SyntheticWire(new RoleTrackerOptions { MaxHosts = 3 });
        for (int i = 1; i <= 4; i++) wire.Exchange($"10.0.0.{i}", 40000, "10.0.0.100", 80);
        var result = wire.Classify();
        Assert.Equal(3, result.Hosts.Count);
        Assert.True(result.Limits.Any);
        Assert.True(result.Limits.UntrackedHostPackets > 0);
    }

    [Fact]
    public void UDP_flows_are_bounded_and_counted()
    {
        var wire = new SyntheticWire(new RoleTrackerOptions { MaxUdpFlows = 10 });
        for (int i = 0; i < 30; i++) wire.Udp("10.0.0.1", (ushort)(40000 + i), "10.0.0.53", 53, "a question for the resolver");
        Assert.True(wire.Classify().Limits.ForgottenUdpFlows >= 20);
    }
}
