using Sniffer.Tui.Views;
using Terminal.Gui.Input;

namespace Sniffer.Tests.Tui;

public sealed class DetailTests
{
    [Fact]
    public void Selecting_a_field_lights_up_its_bytes_in_the_hex_pane()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        ui.Press(Key.Tab); // list → tree
        Assert.True(ui.Window.Tree.HasFocus);
        Assert.True(ui.Window.Tree.SelectFirst(n => n.Label.StartsWith("Time to Live", StringComparison.Ordinal)));
        ui.Draw();
        Assert.Contains("Time to Live: 128", ui.Screen);
        Assert.Equal(22, ui.Window.Hex.HighlightOffset);
        Assert.Equal(1, ui.Window.Hex.HighlightLength);

        // Byte 22 (0x16) is on hex line 0010, column 6: "│0010  " + 6 × "xx ".
        var lines = ui.Lines;
        int row = Enumerable.Range(0, lines.Count).First(i => lines[i].StartsWith("│0010", StringComparison.Ordinal));
        int col = 1 + 6 + 6 * 3;
        Assert.Equal("80", lines[row].Substring(col, 2)); // TTL 128
        var cells = ui.App.Driver!.Contents!;
        Assert.Equal(Palette.HexHighlight.Background, cells[row, col].Attribute!.Value.Background);
        Assert.NotEqual(Palette.HexHighlight.Background, cells[row, col + 3].Attribute!.Value.Background);
    }

    [Fact]
    public void Star_expands_the_whole_tree_and_a_applies_the_field_as_filter()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        ui.Press(Key.Tab);
        ui.Type("*");
        Assert.Contains("Section number: 1", ui.Screen); // inside the (now expanded) frame layer
        Assert.True(ui.Window.Tree.SelectFirst(n => n.Label.StartsWith("Source Address", StringComparison.Ordinal)));
        ui.Draw();
        Assert.Contains("Source Address: 172.16.16.128", ui.Screen);
        ui.Type("a");
        ui.WaitForFilter();
        Assert.Equal("ip.src == 172.16.16.128", ui.Window.Filter.Field.Text);
        Assert.Equal(5, ui.Window.Source.Rows);
    }
}
