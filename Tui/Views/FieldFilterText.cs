using System.Globalization;
using System.Text;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Views;

/// <summary>Builds `field == value` for "apply selected field as filter".</summary>
public static class FieldFilterText
{
    public static string? For(FieldNode node)
    {
        if (node.Field is not { } field) return null;
        if (field.Type == FieldType.Protocol || node.Kind == ValueKind.None) return field.Name;
        string? value = node.Kind switch
        {
            ValueKind.UInt => field.Type == FieldType.Boolean ? node.Bits.ToString(CultureInfo.InvariantCulture) : node.Bits.ToString(CultureInfo.InvariantCulture),
            ValueKind.Int => ((long)node.Bits).ToString(CultureInfo.InvariantCulture),
            ValueKind.Double => node.Number.ToString(CultureInfo.InvariantCulture),
            ValueKind.Bytes when node.Data is { } d => field.Type switch
            {
                FieldType.IPv4 or FieldType.IPv6 or FieldType.Ether => node.DisplayValue,
                FieldType.String => "\"" + Encoding.UTF8.GetString(d).Replace("\"", "\\\"") + "\"",
                _ => node.DisplayValue,
            },
            _ => node.DisplayValue,
        };
        return string.IsNullOrEmpty(value) ? field.Name : $"{field.Name} == {value}";
    }
}
