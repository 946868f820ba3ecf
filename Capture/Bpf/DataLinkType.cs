namespace Sniffer.Capture;

/// <summary>
/// libpcap's compiler wants a DLT_* value, files store LINKTYPE_* values. They are equal except
/// for a few old types whose DLT numbers differ between systems; libpcap maps them internally
/// but does not export that mapping.
/// </summary>
internal static class DataLinkType
{
    private const int DltAtmRfc1483 = 11;
    private const int DltRawLinuxAndMost = 12;
    private const int LinkTypeAtmRfc1483 = 100;

    public static int FromLinkType(int linkType) => linkType switch
    {
        LinkType.Raw => DltRawLinuxAndMost,
        LinkTypeAtmRfc1483 => DltAtmRfc1483,
        _ => linkType,
    };
}
