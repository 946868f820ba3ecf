using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// The few libpcap calls SharpPcap does not expose in a usable form: compiling a filter for a
/// given link type and snaplen with libpcap's own error text, running it on a frame with its
/// real wire length, and reading a live capture's kernel counters.
/// Bound through function pointers rather than [DllImport] so this assembly needs no
/// DllImportResolver (only one may exist per assembly, and other code here may want its own).
/// </summary>
internal static unsafe class LibPcapNative
{
    // Same search as SharpPcap: the -dev symlink first, then the runtime sonames.
    private static readonly string[] Candidates = OperatingSystem.IsWindows() ? ["wpcap"]
        : OperatingSystem.IsMacOS() ? ["libpcap.A.dylib", "libpcap.dylib"]
        : ["libpcap.so", "libpcap.so.1", "libpcap.so.0.8", "libpcap.so.0"];

    private static readonly IntPtr Library = Load();

    /// <summary>struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BpfProgramStruct
    {
        public uint Length;
        public IntPtr Instructions;
    }

    /// <summary>struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen; bpf_u_int32 len; } (LP64/ILP32 timeval).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PacketHeader
    {
        public nint Seconds;
        public nint Microseconds;
        public uint CapturedLength;
        public uint WireLength;
    }

    /// <summary>
    /// struct pcap_stat { u_int ps_recv; u_int ps_drop; u_int ps_ifdrop; } (plus bs_capt on Windows). SharpPcap
    /// 6.3.1 reads these on Unix as pointer-sized fields, so on 64-bit Linux its DroppedPackets is ps_ifdrop
    /// (always 0 here) and kernel drops were never reported.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PcapStat
    {
        public uint Received;
        public uint Dropped;
        public uint InterfaceDropped;
        public uint CapturedWindows;
    }

    public const uint NetmaskUnknown = 0xFFFFFFFF;

    private static readonly delegate* unmanaged<int, int, IntPtr> OpenDeadFn = (delegate* unmanaged<int, int, IntPtr>)Export("pcap_open_dead");
    private static readonly delegate* unmanaged<IntPtr, void> CloseFn = (delegate* unmanaged<IntPtr, void>)Export("pcap_close");
    private static readonly delegate* unmanaged<IntPtr, BpfProgramStruct*, byte*, int, uint, int> CompileFn =
        (delegate* unmanaged<IntPtr, BpfProgramStruct*, byte*, int, uint, int>)Export("pcap_compile");
    private static readonly delegate* unmanaged<IntPtr, IntPtr> GetErrorFn = (delegate* unmanaged<IntPtr, IntPtr>)Export("pcap_geterr");
    private static readonly delegate* unmanaged<BpfProgramStruct*, void> FreeCodeFn = (delegate* unmanaged<BpfProgramStruct*, void>)Export("pcap_freecode");
    private static readonly delegate* unmanaged<BpfProgramStruct*, PacketHeader*, byte*, int> OfflineFilterFn =
        (delegate* unmanaged<BpfProgramStruct*, PacketHeader*, byte*, int>)Export("pcap_offline_filter");

    private static readonly delegate* unmanaged<IntPtr, int, delegate* unmanaged<IntPtr, PacketHeader*, byte*, void>, IntPtr, int> DispatchFn =
        (delegate* unmanaged<IntPtr, int, delegate* unmanaged<IntPtr, PacketHeader*, byte*, void>, IntPtr, int>)Export("pcap_dispatch");
    private static readonly delegate* unmanaged<IntPtr, void> BreakLoopFn = (delegate* unmanaged<IntPtr, void>)Export("pcap_breakloop");
    private static readonly delegate* unmanaged<IntPtr, int> TimestampPrecisionFn = (delegate* unmanaged<IntPtr, int>)Export("pcap_get_tstamp_precision");

    /// <summary>pcap_dispatch: hands every packet of the next kernel block (or until the read timeout) to the callback.</summary>
    public static int Dispatch(IntPtr pcap, int count, delegate* unmanaged<IntPtr, PacketHeader*, byte*, void> callback, IntPtr user) =>
        DispatchFn(pcap, count, callback, user);

    public static void BreakLoop(IntPtr pcap) => BreakLoopFn(pcap);

    /// <summary>True when the handle's timestamps carry nanoseconds in the second timeval field (PCAP_TSTAMP_PRECISION_NANO).</summary>
    public static bool NanosecondTimestamps(IntPtr pcap) => TimestampPrecisionFn(pcap) == 1;

    private static readonly delegate* unmanaged<IntPtr, PcapStat*, int> StatsFn = (delegate* unmanaged<IntPtr, PcapStat*, int>)Export("pcap_stats");

    /// <summary>pcap_stats on an open capture handle; false when the device cannot report them.</summary>
    public static bool Stats(IntPtr pcap, out PcapStat stat)
    {
        PcapStat s = default;
        bool ok = StatsFn(pcap, &s) == 0;
        stat = s;
        return ok;
    }

    public static IntPtr OpenDead(int linkType, int snapLength) => OpenDeadFn(linkType, snapLength);

    public static void Close(IntPtr pcap) => CloseFn(pcap);

    public static int Compile(IntPtr pcap, BpfProgramStruct* program, string filter, int optimize, uint netmask)
    {
        byte[] utf8 = new byte[System.Text.Encoding.UTF8.GetByteCount(filter) + 1];   // NUL-terminated
        System.Text.Encoding.UTF8.GetBytes(filter, utf8);
        fixed (byte* text = utf8)
            return CompileFn(pcap, program, text, optimize, netmask);
    }

    public static string GetError(IntPtr pcap) => Marshal.PtrToStringUTF8(GetErrorFn(pcap)) ?? "unknown error";

    public static void FreeCode(BpfProgramStruct* program) => FreeCodeFn(program);

    public static int OfflineFilter(BpfProgramStruct* program, PacketHeader* header, byte* packet) => OfflineFilterFn(program, header, packet);

    private static IntPtr Load()
    {
        foreach (var candidate in Candidates)
            if (NativeLibrary.TryLoad(candidate, typeof(LibPcapNative).Assembly, null, out IntPtr handle))
                return handle;
        throw new DllNotFoundException($"Unable to load libpcap (tried {string.Join(", ", Candidates)}).");
    }

    private static IntPtr Export(string name) => NativeLibrary.GetExport(Library, name);
}
