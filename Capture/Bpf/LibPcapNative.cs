using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// The few libpcap calls SharpPcap does not expose in a usable form: compiling a filter for a
/// given link type and snaplen with libpcap's own error text, and running it on a frame
/// with its real wire length.
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

    public const uint NetmaskUnknown = 0xFFFFFFFF;

    private static readonly delegate* unmanaged<int, int, IntPtr> OpenDeadFn = (delegate* unmanaged<int, int, IntPtr>)Export("pcap_open_dead");
    private static readonly delegate* unmanaged<IntPtr, void> CloseFn = (delegate* unmanaged<IntPtr, void>)Export("pcap_close");
    private static readonly delegate* unmanaged<IntPtr, BpfProgramStruct*, byte*, int, uint, int> CompileFn =
        (delegate* unmanaged<IntPtr, BpfProgramStruct*, byte*, int, uint, int>)Export("pcap_compile");
    private static readonly delegate* unmanaged<IntPtr, IntPtr> GetErrorFn = (delegate* unmanaged<IntPtr, IntPtr>)Export("pcap_geterr");
    private static readonly delegate* unmanaged<BpfProgramStruct*, void> FreeCodeFn = (delegate* unmanaged<BpfProgramStruct*, void>)Export("pcap_freecode");
    private static readonly delegate* unmanaged<BpfProgramStruct*, PacketHeader*, byte*, int> OfflineFilterFn =
        (delegate* unmanaged<BpfProgramStruct*, PacketHeader*, byte*, int>)Export("pcap_offline_filter");

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
