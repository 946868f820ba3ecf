using System.Net;
using Sniffer.Analysis.Flows;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Reports;

/// <summary>Which TCP stream -z follow wants: by tcp.stream index, or by its two endpoints.</summary>
public readonly record struct FollowTarget(uint? StreamIndex, IPEndPoint? EndpointA, IPEndPoint? EndpointB)
{
    /// <summary>Parses the part after "follow,tcp,MODE,": "N" or "ADDR:PORT,ADDR:PORT" (IPv6 in brackets).</summary>
    public static bool TryParse(string text, out FollowTarget target)
    {
        target = default;
        if (uint.TryParse(text, out uint index)) { target = new FollowTarget(index, null, null); return true; }
        int split = FindEndpointSeparator(text);
        if (split < 0) return false;
        if (!IPEndPoint.TryParse(text[..split], out var a) || !IPEndPoint.TryParse(text[(split + 1)..], out var b)) return false;
        target = new FollowTarget(null, a, b);
        return true;
    }

    private static int FindEndpointSeparator(string text)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '[') depth++;
            else if (text[i] == ']') depth--;
            else if (text[i] == ',' && depth == 0) return i;
        }
        return -1;
    }
}

/// <summary>
/// Collects the reassembled data of one TCP stream for -z follow,tcp: one chunk per segment that
/// brought new bytes, as tshark prints them. Attach it as the analyzer's <see cref="ITcpSegmentObserver"/>.
/// </summary>
public sealed class FollowStreamCollector : ITcpSegmentObserver, IStreamConsumer
{
    private readonly FollowTarget _target;
    private StreamReassembler? _reassembler;
    private uint _stream = uint.MaxValue;
    private bool _nodeZeroIsA;

    public FollowStreamCollector(FollowTarget target, ReassemblyLimits? limits = null)
    {
        _target = target;
        Limits = limits ?? new ReassemblyLimits();
    }

    public ReassemblyLimits Limits { get; }
    public FollowModel Model { get; } = new();

    public void OnSegment(TcpStreamState stream, bool fromA, uint frame, long timeNs, in TcpSegment seg, ReadOnlySpan<byte> payload)
    {
        if (_reassembler is null)
        {
            if (!Matches(stream, fromA)) return;
            _stream = stream.Index;
            _nodeZeroIsA = fromA;
            var key = stream.Key;
            Model.Node0 = Endpoint(key, fromA);
            Model.Node1 = Endpoint(key, !fromA);
            Model.StreamIndex = stream.Index;
            _reassembler = new StreamReassembler(this, Limits);
        }
        else if (stream.Index != _stream) return;
        // An ACK for data we never saw lets the data waiting behind the hole through (Wireshark bug 3838).
        if (seg.Has(TcpSegment.AckFlag)) _reassembler.SkipAcknowledgedGap(!fromA, frame, timeNs, seg.Ack);
        _reassembler.Add(fromA, frame, timeNs, seg.Seq, seg.Flags, payload);
    }

    public void OnData(bool fromA, uint frame, long timeNs, ReadOnlySpan<byte> data) =>
        Model.Chunks.Add(new FollowChunk(fromA == _nodeZeroIsA, frame, data.ToArray()));

    /// <summary>tshark shows a skipped hole as a record of its own: "[N bytes missing in capture file]" and a NUL.</summary>
    public void OnGap(bool fromA, long missingBytes)
    {
        Model.MissingBytes += missingBytes;
        var text = System.Text.Encoding.ASCII.GetBytes($"[{missingBytes} bytes missing in capture file]\0");
        Model.Chunks.Add(new FollowChunk(fromA == _nodeZeroIsA, 0, text));
    }

    /// <summary>Call at the end of the capture.</summary>
    public FollowModel Finish()
    {
        // tshark's follow never shows data that sits behind a hole that was not filled.
        _reassembler?.Flush(deliverAfterGaps: false);
        if (_reassembler is not null) Model.Stats = _reassembler.Stats;
        return Model;
    }

    private bool Matches(TcpStreamState stream, bool fromA)
    {
        if (_target.StreamIndex is uint index) return stream.Index == index;
        var key = stream.Key;
        var a = Endpoint(key, true);
        var b = Endpoint(key, false);
        return (Same(a, _target.EndpointA!) && Same(b, _target.EndpointB!)) || (Same(a, _target.EndpointB!) && Same(b, _target.EndpointA!));
    }

    private static bool Same((string Address, ushort Port) e, IPEndPoint p) =>
        e.Port == p.Port && IPAddress.TryParse(e.Address, out var ip) && ip.Equals(p.Address);

    private static (string Address, ushort Port) Endpoint(FlowKey key, bool a) =>
        a ? (FlowKey.FormatAddress(key.AddressA, key.Kind), key.PortA) : (FlowKey.FormatAddress(key.AddressB, key.Kind), key.PortB);
}

public sealed record FollowChunk(bool FromNode0, uint Frame, byte[] Data);

public sealed class FollowModel
{
    public uint? StreamIndex;
    public (string Address, ushort Port) Node0 = ("", 0);
    public (string Address, ushort Port) Node1 = ("", 0);
    public List<FollowChunk> Chunks { get; } = new();
    public long MissingBytes;
    public ReassemblyStats? Stats;
}
