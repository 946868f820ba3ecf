using Sniffer.Tui.Model;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Sniffer.Tui.Views;

/// <summary>
/// Colours of the UI in one place. Packet rows follow Wireshark's default colouring rules, with the
/// backgrounds picked so black text stays readable on a dark or light terminal.
/// </summary>
public static class Palette
{
    private static readonly Color Ink = new(0, 0, 0);

    public static Attribute RowAttribute(RowColour colour) => colour switch
    {
        RowColour.Malformed => new Attribute(new Color(255, 92, 92), Ink),
        RowColour.BadTcp => new Attribute(new Color(247, 120, 120), Ink),       // red on black
        RowColour.TcpReset => new Attribute(new Color(255, 252, 156), new Color(164, 0, 0)),
        RowColour.IcmpError => new Attribute(new Color(183, 247, 116), Ink),
        RowColour.SynFin => new Attribute(Ink, new Color(160, 160, 160)),
        RowColour.Http => new Attribute(Ink, new Color(228, 255, 199)),
        RowColour.Tcp => new Attribute(Ink, new Color(231, 230, 255)),
        RowColour.Dns or RowColour.Udp => new Attribute(Ink, new Color(218, 238, 255)),
        RowColour.Icmp => new Attribute(Ink, new Color(252, 224, 255)),
        RowColour.Arp => new Attribute(Ink, new Color(250, 240, 215)),
        _ => new Attribute(new Color(220, 220, 220), new Color(24, 24, 24)),
    };

    /// <summary>The selected row: the row's colours swapped, so the colouring rule stays recognisable.</summary>
    public static Attribute Selected(RowColour colour)
    {
        var a = RowAttribute(colour);
        return new Attribute(a.Background, a.Foreground == Ink ? new Color(40, 40, 90) : a.Foreground);
    }

    public static readonly Attribute HexHighlight = new(Ink, new Color(255, 215, 0));
    public static readonly Attribute HexNormal = new(new Color(210, 210, 210), new Color(24, 24, 24));
    public static readonly Attribute HexOffset = new(new Color(120, 120, 120), new Color(24, 24, 24));
    public static readonly Attribute FilterValid = new(Ink, new Color(175, 255, 175));
    public static readonly Attribute FilterInvalid = new(Ink, new Color(255, 175, 175));
    public static readonly Attribute FilterError = new(new Color(255, 120, 120), new Color(24, 24, 24));
    public static readonly Attribute Client = new(new Color(255, 150, 150), new Color(24, 24, 24));
    public static readonly Attribute Server = new(new Color(140, 170, 255), new Color(24, 24, 24));
    public static readonly Attribute SearchHit = new(Ink, new Color(255, 215, 0));
    public static readonly Attribute Plain = new(new Color(220, 220, 220), new Color(24, 24, 24));
    public static readonly Attribute Dim = new(new Color(130, 130, 130), new Color(24, 24, 24));
    public static readonly Attribute Warning = new(new Color(255, 120, 120), new Color(24, 24, 24));
    public static readonly Attribute Accent = new(new Color(255, 215, 0), new Color(24, 24, 24));
    public static readonly Attribute Cursor = new(Ink, new Color(140, 200, 255));
}
