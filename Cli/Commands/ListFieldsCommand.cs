using Sniffer.Cli.Options;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Cli.Commands;

/// <summary>-G fields / -G protocols: the field registry, in tshark's tab-separated layout.</summary>
public static class ListFieldsCommand
{
    public static int Run(string report, TextWriter stdout)
    {
        switch (report)
        {
            case "fields":
                foreach (var f in FieldRegistry.All)
                {
                    if (f.Type == FieldType.Protocol)
                        stdout.Write($"P\t{f.DisplayName}\t{f.Name}\n");
                    else
                        stdout.Write($"F\t{f.DisplayName}\t{f.Name}\t{f.Type.WiresharkName()}\t{f.ProtocolName}\t{BaseName(f)}\t0x{f.Bitmask:x}\t{f.Description}\n");
                }
                return 0;
            case "protocols":
                foreach (var f in FieldRegistry.All)
                    if (f.Type == FieldType.Protocol) stdout.Write($"{f.DisplayName}\t{f.DisplayName}\t{f.Name}\n");
                return 0;
            default:
                throw new UsageException($"Invalid -G report \"{report}\"; known: fields, protocols.");
        }
    }

    private static string BaseName(FieldDef f) => f.Base switch
    {
        FieldBase.Dec => "BASE_DEC",
        FieldBase.Hex => "BASE_HEX",
        FieldBase.Oct => "BASE_OCT",
        FieldBase.DecHex => "BASE_DEC_HEX",
        FieldBase.HexDec => "BASE_HEX_DEC",
        _ => "BASE_NONE",
    };
}
