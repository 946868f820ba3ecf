using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

internal static class Dialogs
{
    public static void NotYet(IApplication app, string what) =>
        MessageBox.Query(app, what, $"{what} is not available yet.", "_OK");

    public static void Info(IApplication app, string title, string text) => MessageBox.Query(app, title, text, "_OK");
}
