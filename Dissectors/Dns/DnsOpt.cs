using System.Buffers.Binary;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>The options of an EDNS0 OPT record (RFC 6891 §6.1.2).</summary>
internal static class DnsOpt
{
    //  +0 (MSB)                            +1 (LSB)
    //  |                          OPTION-CODE                          |
    //  |                         OPTION-LENGTH                         |
    //  /                          OPTION-DATA                          /
    public static bool Options<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        while (at < end)
        {
            if (at + 4 > end) return false;
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(msg[at..]);
            ushort length = BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 2)..]);
            if (at + 4 + length > end) return false;
            var data = msg.Slice(at + 4, length);
            sink.AddNone(DnsFields.Opt, frameBase + at, 4 + length);
            if (sink.WantsTree) sink.SetLabel("Option: " + (DnsFields.OptionCodes.Find(code) ?? $"Unknown ({code})"));
            sink.Push();
            sink.AddUInt(DnsFields.OptCode, frameBase + at, 2, code);
            sink.AddUInt(DnsFields.OptLen, frameBase + at + 2, 2, length);
            sink.AddBytes(DnsFields.OptData, frameBase + at + 4, length, data);
            if (sink.WantsTree && length == 0) sink.SetLabel("Option Data: <MISSING>");
            Option(code, data, frameBase + at + 4, ref sink);
            sink.Pop();
            at += 4 + length;
        }
        return true;
    }

    private static void Option<TSink>(ushort code, ReadOnlySpan<byte> data, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        switch (code)
        {
            case 8 when data.Length >= 4: // Client subnet (RFC 7871): FAMILY | SOURCE PREFIX | SCOPE PREFIX | ADDRESS
                ushort family = BinaryPrimitives.ReadUInt16BigEndian(data);
                sink.AddUInt(DnsFields.OptClientFamily, offset, 2, family);
                sink.AddUInt(DnsFields.OptClientNetmask, offset + 2, 1, data[2]);
                sink.AddUInt(DnsFields.OptClientScope, offset + 3, 1, data[3]);
                var address = data[4..];
                int size = family == 1 ? 4 : family == 2 ? 16 : 0;
                if (size != 0 && address.Length <= size)
                {
                    Span<byte> full = stackalloc byte[16];
                    full.Clear();
                    address.CopyTo(full);
                    sink.AddBytes(family == 1 ? DnsFields.OptClientAddr4 : DnsFields.OptClientAddr6, offset + 4, address.Length, full[..size]);
                }
                else
                {
                    sink.AddBytes(DnsFields.OptClientAddr, offset + 4, address.Length, address);
                }
                break;
            case 10 when data.Length >= 8: // Cookie (RFC 7873): client cookie (8) | server cookie (8..32)
                sink.AddBytes(DnsFields.OptCookieClient, offset, 8, data[..8]);
                sink.AddBytes(DnsFields.OptCookieServer, offset + 8, data.Length - 8, data[8..]);
                if (sink.WantsTree && data.Length == 8) sink.SetLabel("Server Cookie: <MISSING>");
                break;
            case 11 when data.Length >= 2:
                sink.AddUInt(DnsFields.OptKeepalive, offset, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                break;
            case 12:
                if (data.Length > 0) sink.AddBytes(DnsFields.OptPadding, offset, data.Length, data);
                break;
            case 15 when data.Length >= 2: // Extended DNS error (RFC 8914): INFO-CODE | EXTRA-TEXT
                sink.AddUInt(DnsFields.OptExtErrorCode, offset, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                if (data.Length > 2) sink.AddBytes(DnsFields.OptExtErrorText, offset + 2, data.Length - 2, data[2..]);
                break;
        }
    }
}
