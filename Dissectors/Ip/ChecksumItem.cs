using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>Wireshark's proto_tree_add_checksum for a verified 16-bit checksum: the value, its status and, if bad, a note.</summary>
internal static class ChecksumItem
{
    public enum Verdict : byte { Unverified, Good, Bad }

    public static void Add<TSink>(ref PacketContext ctx, ref TSink sink, FieldDef field, FieldDef status, ExpertDef bad,
        int offset, ushort stored, Verdict verdict, ushort expected, bool inErrorPacket)
        where TSink : struct, IFieldSink
    {
        sink.AddUInt(field, offset, 2, stored);
        if (sink.WantsTree)
        {
            string suffix = inErrorPacket ? " [in ICMP error packet]" : "";
            sink.SetLabel(verdict switch
            {
                Verdict.Good => $"Checksum: 0x{stored:x4} [correct]{suffix}",
                Verdict.Bad => $"Checksum: 0x{stored:x4} incorrect, should be 0x{expected:x4}{suffix}",
                _ => $"Checksum: 0x{stored:x4} [unverified]{suffix}",
            });
        }
        byte code = verdict switch { Verdict.Good => ChecksumStatusNames.Good, Verdict.Bad => ChecksumStatusNames.Bad, _ => ChecksumStatusNames.Unverified };
        sink.AddUInt(status, offset, 0, code, FieldFlags.Generated);
        if (verdict == Verdict.Bad)
        {
            Notes.Add(ref ctx, ref sink, bad, offset, 2, sink.WantsTree ? $"Bad checksum [should be 0x{expected:x4}]" : null);
        }
    }
}
