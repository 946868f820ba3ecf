using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip.Fragments;

/// <summary>The items Wireshark's reassembly code adds for one protocol (its fragment_items).</summary>
public sealed class FragmentFieldSet(string name, FieldDef fragments, FieldDef fragment, FieldDef count, FieldDef reassembledIn,
    FieldDef length, FieldDef data, FieldDef overlap, FieldDef conflict)
{
    /// <summary>"IPv4" or "IPv6", as in "[3 IPv4 Fragments (3508 bytes): ...]" and "Reassembled IPv4 (3508 bytes)".</summary>
    public string Name { get; } = name;
    public FieldDef Fragments { get; } = fragments;
    public FieldDef Fragment { get; } = fragment;
    public FieldDef Count { get; } = count;
    public FieldDef ReassembledIn { get; } = reassembledIn;
    public FieldDef Length { get; } = length;
    public FieldDef Data { get; } = data;
    public FieldDef Overlap { get; } = overlap;
    public FieldDef Conflict { get; } = conflict;
}

[FieldTable]
public static class FragmentFields
{
    public static readonly FieldDef Ipv4Fragments = new("ip.fragments", "IPv4 Fragments", FieldType.Bytes);
    public static readonly FieldDef Ipv4Fragment = new("ip.fragment", "IPv4 Fragment", FieldType.FrameNum);
    public static readonly FieldDef Ipv4Count = new("ip.fragment.count", "Fragment count", FieldType.UInt32);
    public static readonly FieldDef Ipv4ReassembledIn = new("ip.reassembled_in", "Reassembled IPv4 in frame", FieldType.FrameNum);
    public static readonly FieldDef Ipv4Length = new("ip.reassembled.length", "Reassembled IPv4 length", FieldType.UInt32);
    public static readonly FieldDef Ipv4Data = new("ip.reassembled.data", "Reassembled IPv4 data", FieldType.Bytes);
    public static readonly FieldDef Ipv4Overlap = new("ip.fragment.overlap", "Fragment overlap", FieldType.Boolean);
    public static readonly FieldDef Ipv4Conflict = new("ip.fragment.overlap.conflict", "Conflicting data in fragment overlap", FieldType.Boolean);

    public static readonly FieldDef Ipv6Fragments = new("ipv6.fragments", "IPv6 Fragments", FieldType.Bytes);
    public static readonly FieldDef Ipv6Fragment = new("ipv6.fragment", "IPv6 Fragment", FieldType.FrameNum);
    public static readonly FieldDef Ipv6Count = new("ipv6.fragment.count", "Fragment count", FieldType.UInt32);
    public static readonly FieldDef Ipv6ReassembledIn = new("ipv6.reassembled_in", "Reassembled IPv6 in frame", FieldType.FrameNum);
    public static readonly FieldDef Ipv6Length = new("ipv6.reassembled.length", "Reassembled IPv6 length", FieldType.UInt32);
    public static readonly FieldDef Ipv6Data = new("ipv6.reassembled.data", "Reassembled IPv6 data", FieldType.Bytes);
    public static readonly FieldDef Ipv6Overlap = new("ipv6.fragment.overlap", "Fragment overlap", FieldType.Boolean);
    public static readonly FieldDef Ipv6Conflict = new("ipv6.fragment.overlap.conflict", "Conflicting data in fragment overlap", FieldType.Boolean);

    public static FragmentFieldSet IPv4 => s_ipv4 ??= new("IPv4", Ipv4Fragments, Ipv4Fragment, Ipv4Count, Ipv4ReassembledIn, Ipv4Length, Ipv4Data, Ipv4Overlap, Ipv4Conflict);
    public static FragmentFieldSet IPv6 => s_ipv6 ??= new("IPv6", Ipv6Fragments, Ipv6Fragment, Ipv6Count, Ipv6ReassembledIn, Ipv6Length, Ipv6Data, Ipv6Overlap, Ipv6Conflict);

    private static FragmentFieldSet? s_ipv4, s_ipv6;
}
