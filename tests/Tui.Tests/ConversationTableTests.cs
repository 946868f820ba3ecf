using Sniffer.Tui.Model;

namespace Sniffer.Tests.Tui;

/// <summary>
/// The conversation table finds conversations through its own open-addressing lookup; it must give
/// the same ids, stream numbers and counters as a plain dictionary would.
/// </summary>
public sealed class ConversationTableTests
{
    [Fact]
    public void Packets_land_in_the_conversation_a_dictionary_would_give_them()
    {
        var random = new Random(7);
        var table = new ConversationTable();
        var expected = new Dictionary<FlowKey, (int Id, long Packets, long Bytes)>();
        // Few addresses and ports, so keys repeat often and the table grows through several sizes.
        for (int frame = 0; frame < 60_000; frame++)
        {
            var key = new FlowKey((UInt128)random.Next(40), (UInt128)(1000 + random.Next(40)),
                (ushort)random.Next(3), (ushort)random.Next(3), (byte)(random.Next(2) == 0 ? 6 : 17), isIPv6: random.Next(2) == 0);
            int length = random.Next(60, 1500);
            var conversation = table.Observe(key, fromA: true, frame, frame * 1000L, length);
            if (!expected.TryGetValue(key, out var e)) e = (expected.Count, 0, 0);
            expected[key] = (e.Id, e.Packets + 1, e.Bytes + length);
            Assert.Equal(e.Id, conversation.Id);
            Assert.Equal(key, conversation.Key);
        }
        Assert.Equal(expected.Count, table.Count);
        foreach (var (key, e) in expected)
        {
            var conversation = table[e.Id];
            Assert.Equal((key, e.Packets, e.Bytes), (conversation.Key, conversation.PacketsAToB, conversation.BytesAToB));
        }
        var tcp = table.Snapshot().Where(c => c.Key.Protocol == 6).Select(c => c.StreamNumber);
        Assert.Equal(Enumerable.Range(0, tcp.Count()), tcp);
    }
}

public sealed class FlowKeySizeTests
{
    [Fact]
    public void A_flow_key_packs_to_forty_bytes_and_keeps_its_addresses()
    {
        Assert.Equal(40, System.Runtime.CompilerServices.Unsafe.SizeOf<FlowKey>());
        UInt128 v6 = UInt128.Parse("42540766411282592856903984951653826561"); // 2001:db8::1
        var key = new FlowKey(v6, UInt128.MaxValue, 1, 2, 6, isIPv6: true);
        Assert.Equal((v6, UInt128.MaxValue, (ushort)1, (ushort)2, (byte)6, true), (key.AddressA, key.AddressB, key.PortA, key.PortB, key.Protocol, key.IsIPv6));
        Assert.Equal("2001:db8::1", key.FormatAddress(key.AddressA));
    }
}
