namespace Sniffer.Capture;

/// <summary>pcapng block type codes (IETF draft-ietf-opsawg-pcapng).</summary>
internal static class PcapngBlockType
{
    public const uint SectionHeader = 0x0A0D0D0A;        // same bytes in either byte order, by design
    public const uint InterfaceDescription = 0x00000001;
    public const uint ObsoletePacket = 0x00000002;
    public const uint SimplePacket = 0x00000003;
    public const uint NameResolution = 0x00000004;
    public const uint InterfaceStatistics = 0x00000005;
    public const uint EnhancedPacket = 0x00000006;
    public const uint DecryptionSecrets = 0x0000000A;
    public const uint Custom = 0x00000BAD;
    public const uint CustomNoCopy = 0x40000BAD;

    public const uint ByteOrderMagic = 0x1A2B3C4D;
}

/// <summary>pcapng option codes we read.</summary>
internal static class PcapngOptionCode
{
    public const ushort EndOfOptions = 0;
    public const ushort Comment = 1;
    public const ushort InterfaceName = 2;
    public const ushort InterfaceDescription = 3;
    public const ushort InterfaceTimestampResolution = 9;
    public const ushort InterfaceTimestampOffset = 14;
}
