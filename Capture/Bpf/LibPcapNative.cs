using System.Reflection;
using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// The few libpcap calls SharpPcap does not expose in a usable form: compiling a filter for a
/// given link type and snaplen with libpcap's own error text, and running it on a frame
/// with its real wire length.
/// </summary>
internal static unsafe partial class LibPcapNative
{
    private const string Library = "pcap";

    // Same search as SharpPcap: the -dev symlink first, then the runtime sonames.
    private static readonly string[] LinuxCandidates = ["libpcap.so", "libpcap.so.1", "libpcap.so.0.8", "libpcap.so.0"];

    static LibPcapNative() => NativeLibrary.SetDllImportResolver(typeof(LibPcapNative).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library) return IntPtr.Zero;
        string[] candidates = OperatingSystem.IsWindows() ? ["wpcap"]
            : OperatingSystem.IsMacOS() ? ["libpcap.A.dylib", "libpcap.dylib"]
            : LinuxCandidates;
        foreach (var candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out IntPtr handle))
                return handle;
        throw new DllNotFoundException($"Unable to load libpcap (tried {string.Join(", ", candidates)}).");
    }

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

    [LibraryImport(Library, EntryPoint = "pcap_open_dead")]
    public static partial IntPtr OpenDead(int linkType, int snapLength);

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    public static partial void Close(IntPtr pcap);

    [LibraryImport(Library, EntryPoint = "pcap_compile", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Compile(IntPtr pcap, BpfProgramStruct* program, string filter, int optimize, uint netmask);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    public static partial IntPtr GetError(IntPtr pcap);

    [LibraryImport(Library, EntryPoint = "pcap_freecode")]
    public static partial void FreeCode(BpfProgramStruct* program);

    [LibraryImport(Library, EntryPoint = "pcap_offline_filter")]
    public static partial int OfflineFilter(BpfProgramStruct* program, PacketHeader* header, byte* packet);
}
