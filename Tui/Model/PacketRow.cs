namespace Sniffer.Tui.Model;

/// <summary>The packet list columns of one packet, formatted.</summary>
public sealed record PacketRow(int Number, string Time, string Source, string Destination, string Protocol, int Length, string Info, RowColour Colour)
{
    public static PacketRow Unreadable(int number, RowColour colour) => new(number, "", "", "", "?", 0, "[frame could not be read back from the file]", colour);
}
