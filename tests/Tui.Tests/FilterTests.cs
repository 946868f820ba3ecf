using Sniffer.Tui.Model.Filtering;
using Terminal.Gui.Input;

namespace Sniffer.Tests.Tui;

public sealed class FilterTests
{
    [Fact]
    public void Preset_1_shows_only_the_SYN_ACK_exchanges()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_espn.pcapng"));
        ui.Press(new Key('1'));
        ui.WaitForFilter();
        Assert.Equal("tcp.flags.syn == 1 && tcp.flags.ack == 1", ui.Window.Filter.Field.Text);
        Assert.Equal(25, ui.Window.Source.Rows); // tshark -Y 'tcp.flags.syn==1 && tcp.flags.ack==1' | wc -l
        var rows = ui.Lines.Where(l => l.Contains(" TCP ")).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("[SYN, ACK]", r));
        Assert.Contains("Displayed: 25", ui.Screen);
    }

    [Fact]
    public void Typing_a_filter_validates_it_and_Enter_applies_it()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_espn.pcapng"));
        ui.Type("/");
        Assert.True(ui.Window.Filter.Field.HasFocus);
        ui.Type("tcp.flags.sin == 1");
        Assert.NotNull(ui.Window.Filter.Problem);
        Assert.Equal(0, ui.Window.Filter.Problem!.Position);
        Assert.Contains("col 1:", ui.Lines[0]);
        Assert.Contains("tcp.flags.sin", ui.Lines[0].Substring(40)); // the message names the culprit

        ui.Window.Filter.SetText("");
        ui.Type("tcp.flags.syn == 1");
        Assert.Null(ui.Window.Filter.Problem);
        ui.Press(Key.Enter);
        ui.WaitForFilter();
        Assert.Equal(50, ui.Window.Source.Rows); // 25 SYN + 25 SYN/ACK
        Assert.True(ui.Window.List.HasFocus);
    }

    [Fact]
    public void History_recalls_earlier_filters_with_Up()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_espn.pcapng"));
        ui.Press(new Key('4'));
        ui.Press(new Key('5'));
        ui.Type("/");
        ui.Press(Key.CursorUp);
        Assert.Equal("http", ui.Window.Filter.Field.Text);
        ui.Press(Key.CursorUp);
        Assert.Equal("dns", ui.Window.Filter.Field.Text);
    }

    [Theory]
    [InlineData("tcp.flags.syn == 1 && tcp.flags.ack == 1", true)]
    [InlineData("tcp && !(udp)", true)]
    [InlineData("ip.addr == 10.0.0.1 or tcp.port eq 80", true)]
    [InlineData("tcp.port ==", false)]
    [InlineData("(tcp", false)]
    [InlineData("tcp.flags.syn = 1", false)]
    public void The_compiler_accepts_and_rejects_like_a_display_filter(string text, bool valid)
    {
        Assert.Equal(valid, FilterCompiler.TryCompile(text, out _, out var problem));
        Assert.Equal(valid, problem is null);
    }
}
