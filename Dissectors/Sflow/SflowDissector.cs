using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Sflow;

/// <summary>
/// sFlow version 5 datagrams (UDP 6343, sflow.org/sflow_version_5.txt): the datagram header, then samples.
/// Flow samples carry records; the raw packet header record's bytes are dissected as a packet of their own
/// (see <see cref="SflowSampledHeader"/>). Counter samples are shown by their headers and skipped by length.
/// </summary>
public static class SflowDissector
{
    public const ushort UdpPort = 6343;

    // version | agent address type | agent address (4 or 16) | sub-agent id | sequence | uptime | samples
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "sFlow";
        ctx.Protocols?.Add("sflow");
        if (!ctx.InErrorPacket) ctx.Protocol = "sFlow";
        int limit = Math.Min(end, frame.Length);
        sink.PushProtocol(SflowFields.Sflow, offset, Math.Max(0, limit - offset));
        var status = DissectDatagram(frame, offset, end, ref ctx, ref sink);
        sink.Pop();
        return status;
    }

    private static DissectStatus DissectDatagram<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int p = offset;
        if (!Bounds.Has(frame, p, 8)) return Bounds.Missing(frame, p, 8, end);
        uint version = Read(frame, p);
        sink.AddUInt(SflowFields.Version, p, 4, version);
        if (version != 5)
        {
            // Versions 2 and 4 differ in every sample; we do not guess at them.
            Notes.Add(ref ctx, ref sink, SflowExperts.UnknownVersion, p, 4);
            return DissectStatus.Complete;
        }
        uint agentType = Read(frame, p + 4);
        sink.AddUInt(SflowFields.AgentType, p + 4, 4, agentType);
        p += 8;
        int agentLength = agentType switch { 1 => 4, 2 => 16, _ => 0 };
        if (!Bounds.Has(frame, p, agentLength + 16)) return Bounds.Missing(frame, p, agentLength + 16, end);
        var agent = frame.Slice(p, agentLength);
        if (agentLength == 4) sink.AddBytes(SflowFields.Agent, p, 4, agent);
        else if (agentLength == 16) sink.AddBytes(SflowFields.AgentV6, p, 16, agent);
        p += agentLength;
        uint subAgent = Read(frame, p), sequence = Read(frame, p + 4), uptime = Read(frame, p + 8), samples = Read(frame, p + 12);
        sink.AddUInt(SflowFields.SubAgentId, p, 4, subAgent);
        sink.AddUInt(SflowFields.SequenceNumber, p + 4, 4, sequence);
        sink.AddUInt(SflowFields.SysUptime, p + 8, 4, uptime);
        if (sink.WantsTree) sink.SetLabel($"SysUptime: {Uptime(uptime)} ({uptime}ms)");
        sink.AddUInt(SflowFields.NumSamples, p + 12, 4, samples);
        p += 16;
        if (!ctx.InErrorPacket && ctx.Info is { } info)
        {
            info.Set("V5, agent ");
            AppendAddress(info, agent);
            info.Append(", sub-agent ID ").Append((long)subAgent).Append(", seq ").Append((long)sequence)
                .Append(", ").Append((long)samples).Append(" samples");
        }

        for (uint i = 0; i < samples; i++)
        {
            if (!Bounds.Has(frame, p, 8)) return Bounds.Missing(frame, p, 8, end);
            uint format = Read(frame, p);
            int length = (int)Math.Min(Read(frame, p + 4), int.MaxValue);
            int body = p + 8;
            bool fits = length <= end - body;
            int shown = Math.Min(length, Math.Max(0, Math.Min(end, frame.Length) - body));
            if (sink.WantsTree)
            {
                sink.AddText(SflowSamples.Label(format, frame, body, shown), p, 8 + shown);
                sink.Push();
            }
            sink.AddUInt(SflowFields.Enterprise, p, 4, format);
            sink.AddUInt(SflowFields.SampleType, p, 4, format);
            sink.AddUInt(SflowFields.SampleLength, p + 4, 4, (uint)length);
            if (!fits)
            {
                Notes.Add(ref ctx, ref sink, SflowExperts.LengthInvalid, p + 4, 4);
                if (sink.WantsTree) sink.Pop();
                return DissectStatus.Malformed;
            }
            var status = format >> 12 == 0
                ? SflowSamples.Dissect(format & 0xFFF, frame, body, body + length, ref ctx, ref sink)
                : DissectStatus.Complete;
            if (sink.WantsTree) sink.Pop();
            if (status != DissectStatus.Complete) return status;
            p = body + length;
        }
        return DissectStatus.Complete;
    }

    internal static uint Read(ReadOnlySpan<byte> frame, int offset) => BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]);

    private static void AppendAddress(InfoColumn info, ReadOnlySpan<byte> a)
    {
        if (a.Length == 16)
        {
            Span<char> chars = stackalloc char[40];
            info.Append(chars[..Dns.Ipv6Text.Format(a, chars)]);
            return;
        }
        for (int i = 0; i < a.Length; i++)
        {
            if (i > 0) info.Append('.');
            info.Append((long)a[i]);
        }
    }

    // Wireshark's time_msecs_to_str: "40 days, 2 hours, 30 minutes, 2 seconds".
    private static string Uptime(uint ms)
    {
        ulong s = ms / 1000;
        var parts = new List<string>(4);
        void Add(ulong n, string unit) { if (n > 0) parts.Add($"{n} {unit}{(n == 1 ? "" : "s")}"); }
        Add(s / 86400, "day"); Add(s / 3600 % 24, "hour"); Add(s / 60 % 60, "minute"); Add(s % 60, "second");
        return parts.Count == 0 ? "0 seconds" : string.Join(", ", parts);
    }
}
