using Terminal.Gui.Input;

namespace Sniffer.Tests.Tui;

public sealed class PacketListTests
{
    [Fact]
    public void Shows_the_rows_of_a_real_capture_with_all_columns()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        string screen = ui.Screen;
        Assert.Contains("No.", screen);
        Assert.Contains("Destination", screen);
        Assert.Contains("74.125.95.104", screen);
        Assert.Contains("Seq=", screen); // the Info column is wide enough to read
        Assert.Contains("Packets: 12", screen);
    }

    [Fact]
    public void Down_selects_the_next_packet_and_shows_its_tree_and_bytes()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        Assert.Contains("Frame 1:", ui.Screen);
        ui.Press(Key.CursorDown);
        Assert.Contains("Frame 2: 66 bytes on wire", ui.Screen);
        Assert.Equal(1, ui.Window.List.SelectedFrameIndex);
    }

    [Fact]
    public void End_jumps_to_the_last_packet()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        ui.Press(Key.End);
        Assert.Equal(11, ui.Window.List.SelectedFrameIndex);
        Assert.Contains("Frame 12:", ui.Screen);
    }
}
