using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>The `?` screen: every key in one place.</summary>
public static class HelpDialog
{
    public const string Text = """
        Packet list / anywhere
          Up/Down PgUp/PgDn   move            Home/End, g/G   first/last packet
          Tab / Shift+Tab     next/prev pane  Enter           go to the detail tree
          /  or Ctrl+F        edit display filter (Enter applies, Esc returns, Up/Down history)
          1  SYN/ACK exchanges   2  handshakes (SYN)   3  problems (Bad TCP)
          4  DNS                 5  HTTP               0  clear the filter
          f  F2   follow the selected packet's stream
          l  F3   handshake ladder of the selected TCP stream
          c  F4   conversations (TCP / UDP / IP)
          e  F5   expert info
          t  F7   page-load timeline (Enter on a phase: its first frame; f: filter to the request)
          h  F8   hosts: client / server / peer / supernode, arrows to the selected host's peers
          a       apply the selected tree field as a filter (field == value)
          s       stop a live capture                ?  F1   this help
          q  Esc  quit (asks to save an unsaved live capture)

        Detail tree:  Right/Left expand/collapse   *  expand all   -  collapse all
        Hex pane:     Up/Down/PgUp/PgDn scroll; the selected field's bytes are lit
        Mouse:        click to select, wheel to scroll, click the shortcuts below
        """;

    public static void Show(IApplication app)
    {
        var dialog = new Dialog { Title = "Sniffer keys", Width = Dim.Percent(80), Height = Dim.Auto() };
        dialog.Add(new Label { Text = Text, X = 1, Y = 0 });
        dialog.AddButton(new Button { Text = "_Close", IsDefault = true });
        app.Run(dialog);
        dialog.Dispose();
    }
}
