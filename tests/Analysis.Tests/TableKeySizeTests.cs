using System.Runtime.CompilerServices;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Analysis;

/// <summary>
/// Keys of the per-conversation tables hold addresses as 64-bit halves: with UInt128 fields (16-byte
/// aligned) they pad to 48 bytes, and the TUI holds hundreds of thousands of them.
/// </summary>
public class TableKeySizeTests
{
    [Fact]
    public void Conversation_keys_pack_without_UInt128_padding()
    {
        Assert.Equal(36, Unsafe.SizeOf<ConversationKey>());
        Assert.Equal(40, Unsafe.SizeOf<DnsTransactionKey>());
        Assert.Equal(40, Unsafe.SizeOf<Sniffer.Analysis.Flows.FlowKey>());
    }

    [Fact]
    public void Packed_keys_keep_their_values_and_equality()
    {
        UInt128 v6 = (UInt128.One << 127) | 0x1234_5678_9abc_def0UL;
        var key = new ConversationKey(v6, 7, 443, 50000);
        Assert.Equal(v6, key.Client);
        Assert.Equal((UInt128)7, key.Server);
        Assert.Equal(key, new ConversationKey(v6, 7, 443, 50000));
        Assert.NotEqual(key, key with { Server = 8 });
        Assert.Equal(key.GetHashCode(), new ConversationKey(v6, 7, 443, 50000).GetHashCode());
        var dns = new DnsTransactionKey(v6, 1, 5353, 53, 9, TransportKind.Udp);
        Assert.Equal(v6, dns.Client);
        Assert.NotEqual(dns, dns with { Id = 10 });
        Assert.Equal(dns with { ClientPort = 1 }, new DnsTransactionKey(v6, 1, 1, 53, 9, TransportKind.Udp));
    }
}
