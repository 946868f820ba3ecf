using Terminal.Gui.Input;

namespace Sniffer.Tui.Views;

/// <summary>Filters one key away (digits on the main screen).</summary>
public sealed record FilterPreset(char Key, string Name, string Filter)
{
    public static readonly FilterPreset[] All =
    [
        new('1', "SYN/ACK exchanges", "tcp.flags.syn == 1 && tcp.flags.ack == 1"),
        new('2', "Handshakes", "tcp.flags.syn == 1"),
        // Wireshark's "Bad TCP" rule: window updates are analysis flags too, but not problems.
        new('3', "Problems", "tcp.analysis.flags && !tcp.analysis.window_update"),
        new('4', "DNS", "dns"),
        new('5', "HTTP", "http"),
        new('0', "Clear filter", ""),
    ];
}

public static class FilterPresets
{
    public static FilterPreset? ForKey(Key key) => FilterPreset.All.FirstOrDefault(p => key == new Key(p.Key));
}
