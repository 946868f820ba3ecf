using SharpPcap.LibPcap;

namespace Sniffer.Capture;

/// <summary>Reads libpcap's interface list fresh each time, so interfaces added since start are seen.</summary>
internal static class InterfaceCatalog
{
    // pcap_if_t flags
    private const uint Loopback = 0x1, Up = 0x2, Running = 0x4;

    public static IReadOnlyList<LibPcapLiveDevice> LoadDevices()
    {
        try
        {
            return LibPcapLiveDeviceList.New();
        }
        catch (Exception e) when (LiveCaptureErrors.IsLibpcapMissing(e))
        {
            throw LiveCaptureErrors.LibpcapMissing(e);
        }
    }

    public static IReadOnlyList<NetworkInterfaceInfo> Describe(IReadOnlyList<LibPcapLiveDevice> devices)
    {
        var list = new List<NetworkInterfaceInfo>(devices.Count);
        for (int i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            var addresses = device.Addresses
                .Select(a => a.Addr?.ipAddress?.ToString())
                .Where(a => a is not null)
                .Select(a => a!)
                .ToList();
            uint flags = device.Flags;
            list.Add(new NetworkInterfaceInfo(i + 1, device.Name, device.Description, addresses,
                IsUp: (flags & Up) != 0, IsRunning: (flags & Running) != 0, IsLoopback: (flags & Loopback) != 0));
        }
        return list;
    }

    /// <summary>By name, or by the 1-based number <c>-D</c> printed (tshark accepts both).</summary>
    public static LibPcapLiveDevice? Find(IReadOnlyList<LibPcapLiveDevice> devices, string nameOrNumber)
    {
        foreach (var device in devices)
            if (device.Name == nameOrNumber) return device;
        if (int.TryParse(nameOrNumber, out int number) && number >= 1 && number <= devices.Count)
            return devices[number - 1];
        return null;
    }
}
