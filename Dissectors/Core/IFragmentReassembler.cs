namespace Sniffer.Dissectors.Core;

/// <summary>
/// The seam between the IP dissectors and the stateful fragment table (implemented in Sniffer.Analysis),
/// as Wireshark's ip.defragment / ipv6.defragment. Like <see cref="IPacketAnalyzer"/> it changes state only
/// the first time it sees a frame; a later visit of the same frame reads what it stored then.
/// Reached through <see cref="IPacketAnalyzer.Fragments"/>.
/// </summary>
public interface IFragmentReassembler
{
    /// <summary>
    /// Adds one fragment's payload (first visit) or looks it up (revisit). Returns the whole datagram when
    /// this fragment completed it, else null; <paramref name="reassembledIn"/> is the completing frame when it is
    /// already known (only on revisits, since a single pass cannot know the future), else 0.
    /// </summary>
    /// <param name="header">The IP header of this fragment; the completing fragment's header is kept in front of the datagram.</param>
    /// <param name="fragmentOffset">Offset of <paramref name="data"/> in the datagram, in bytes.</param>
    ReassembledDatagram? Add(uint frameNumber, in FragmentKey key, ReadOnlySpan<byte> header, int fragmentOffset, bool moreFragments,
        ReadOnlySpan<byte> data, out uint reassembledIn);
}

/// <summary>What identifies the fragments of one datagram: addresses, identification and (IPv4) protocol.</summary>
public readonly record struct FragmentKey(byte IpVersion, byte Protocol, uint Id, UInt128 Source, UInt128 Destination)
{
    public static FragmentKey IPv4(ReadOnlySpan<byte> src, ReadOnlySpan<byte> dst, ushort id, byte protocol) =>
        new(4, protocol, id, ReadAddress(src), ReadAddress(dst));

    public static FragmentKey IPv6(ReadOnlySpan<byte> src, ReadOnlySpan<byte> dst, uint id) =>
        new(6, 0, id, ReadAddress(src), ReadAddress(dst));

    private static UInt128 ReadAddress(ReadOnlySpan<byte> address)
    {
        UInt128 value = 0;
        foreach (byte b in address) value = (value << 8) | b;
        return value;
    }
}

/// <summary>One fragment as it went into a datagram: its frame and where its bytes landed.</summary>
public readonly record struct FragmentPiece(uint Frame, int Offset, int Length);

/// <summary>
/// A datagram put back together. <see cref="Buffer"/> holds a copy of the completing fragment's IP header
/// followed by the payload, so that upper layers find their pseudo-header at offset 0.
/// </summary>
public sealed class ReassembledDatagram(byte[] buffer, int payloadOffset, FragmentPiece[] pieces, bool overlap, bool conflict)
{
    public byte[] Buffer { get; } = buffer;
    public int PayloadOffset { get; } = payloadOffset;
    public int PayloadLength => Buffer.Length - PayloadOffset;
    /// <summary>Fragments in offset order.</summary>
    public FragmentPiece[] Pieces { get; } = pieces;
    public bool Overlap { get; } = overlap;
    /// <summary>Overlapping fragments disagreed about some bytes (the first one's bytes were kept).</summary>
    public bool Conflict { get; } = conflict;
}
