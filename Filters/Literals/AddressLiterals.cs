using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sniffer.Filters.Literals;

/// <summary>IPv4 and IPv6 addresses with an optional /prefix. Host names are not resolved (Sniffer runs with -n).</summary>
internal static class AddressLiterals
{
    public enum Result { Ok, BadAddress, BadPrefix }

    public static Result TryParseIPv4(string text, out byte[] address, out int prefixBits)
    {
        prefixBits = -1;
        address = new byte[4];
        string host = text;
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            host = text[..slash];
            if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefixBits))
                return Result.BadAddress;
            if (prefixBits > 32) return Result.BadPrefix;
        }
        var parts = host.Split('.');
        if (parts.Length != 4) return Result.BadAddress;
        for (int i = 0; i < 4; i++)
        {
            if (parts[i].Length is 0 or > 3 || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out address[i]))
                return Result.BadAddress;
        }
        return Result.Ok;
    }

    public static Result TryParseIPv6(string text, out byte[] address, out int prefixBits)
    {
        prefixBits = -1;
        address = [];
        string host = text;
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            host = text[..slash];
            if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefixBits))
                return Result.BadAddress;
            if (prefixBits > 128) return Result.BadPrefix;
        }
        if (!host.Contains(':') || !IPAddress.TryParse(host, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            return Result.BadAddress;
        address = ip.GetAddressBytes();
        return Result.Ok;
    }
}
