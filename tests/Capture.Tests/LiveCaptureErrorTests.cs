using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>The messages a user sees when capture cannot start; these need no root.</summary>
public sealed class LiveCaptureErrorTests
{
    [Fact]
    public void Unknown_interface_lists_the_real_ones()
    {
        var error = Assert.Throws<LiveCaptureException>(() => LiveCapture.Start(new LiveCaptureOptions { Interface = "nosuch0" }));
        Assert.Equal(LiveCaptureErrorKind.NoSuchInterface, error.Kind);
        Assert.Contains("'nosuch0'", error.Message);
        Assert.Contains("lo", error.Message);
    }

    [Fact]
    public void Missing_libpcap_names_the_package_not_wpcap()
    {
        var dll = new DllNotFoundException("Unable to load shared library 'wpcap' or one of its dependencies.");
        Assert.True(LiveCaptureErrors.IsLibpcapMissing(new TypeInitializationException("SharpPcap.LibPcap.X", dll)));
        var error = LiveCaptureErrors.LibpcapMissing(dll);
        Assert.Equal(LiveCaptureErrorKind.LibpcapMissing, error.Kind);
        Assert.Contains("apt-get install libpcap0.8", error.Message);
        Assert.DoesNotContain("wpcap", error.Message);
    }

    [Fact]
    public void Permission_denied_suggests_root_or_setcap_on_the_binary()
    {
        var error = LiveCaptureErrors.PermissionDenied("lo", "socket: Operation not permitted");
        Assert.Contains("socket: Operation not permitted", error.Message);
        Assert.Contains("Run as root", error.Message);
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", error.Message);
        Assert.Contains("published sniffer binary", error.Message);   // tests run under the shared 'dotnet' host
    }

    [SkippableFact]
    public void Capturing_without_cap_net_raw_is_permission_denied_with_the_fix()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux capabilities");
        var error = Assert.Throws<LiveCaptureException>(() => ThreadCapabilities.RunWithout(ThreadCapabilities.NetRaw,
            () => LiveCapture.Start(new LiveCaptureOptions { Interface = "lo" })));
        Assert.Equal(LiveCaptureErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("Operation not permitted", error.Message);       // libpcap's own words survive
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", error.Message);
    }

    [Fact]
    public void Filter_is_validated_for_the_link_type()
    {
        LiveCapture.ValidateFilter("tcp port 80", LinkType.LinuxSll);
        var error = Assert.Throws<LiveCaptureException>(() => LiveCapture.ValidateFilter("ether host 1:2:3:4:5:6", LinkType.Raw));
        Assert.Equal(LiveCaptureErrorKind.BadFilter, error.Kind);
    }

    [Fact]
    public void Interface_list_has_tshark_numbering()
    {
        var interfaces = LiveCapture.ListInterfaces();
        Assert.NotEmpty(interfaces);
        Assert.Equal(Enumerable.Range(1, interfaces.Count), interfaces.Select(i => i.Number));
        Assert.Contains(interfaces, i => i.Name == "lo" && i.IsLoopback);
    }
}
