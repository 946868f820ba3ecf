using System.Runtime.CompilerServices;

namespace Sniffer.Tests.Tui;

internal static class TestSetup
{
    // Must run before the first Init: keeps the ANSI driver away from the real terminal.
    [ModuleInitializer]
    internal static void Init() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}
