using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// A filter compiled by libpcap for one link type and snaplen. Matching only reads the program,
/// so one instance may be shared by several threads.
/// </summary>
public sealed unsafe class CompiledBpf : IDisposable
{
    private LibPcapNative.BpfProgramStruct* _program;

    private CompiledBpf(LibPcapNative.BpfProgramStruct* program, string expression, int linkType)
    {
        _program = program;
        Expression = expression;
        LinkType = linkType;
    }

    public string Expression { get; }
    public int LinkType { get; }

    /// <summary>Compiles <paramref name="expression"/>; on failure throws <see cref="BpfFilterException"/> with libpcap's text.</summary>
    public static CompiledBpf Compile(string expression, int linkType, int snapLength = 262144)
    {
        var program = TryCompile(expression, linkType, snapLength, out string? error);
        return program ?? throw new BpfFilterException(expression, error!, BpfErrorLocator.Locate(expression, linkType, snapLength, error!));
    }

    /// <summary>Null and libpcap's message when the expression does not compile.</summary>
    public static CompiledBpf? TryCompile(string expression, int linkType, int snapLength, out string? error)
    {
        IntPtr pcap;
        try
        {
            pcap = LibPcapNative.OpenDead(DataLinkType.FromLinkType(linkType), snapLength);
        }
        catch (Exception e) when (LiveCaptureErrors.IsLibpcapMissing(e))
        {
            throw LiveCaptureErrors.LibpcapMissing(e);    // same "apt-get install libpcap0.8" advice as live capture
        }
        if (pcap == IntPtr.Zero)
        {
            error = $"libpcap cannot describe link type {linkType}";
            return null;
        }
        var program = (LibPcapNative.BpfProgramStruct*)NativeMemory.AllocZeroed((nuint)sizeof(LibPcapNative.BpfProgramStruct));
        try
        {
            if (LibPcapNative.Compile(pcap, program, expression, optimize: 1, LibPcapNative.NetmaskUnknown) == 0)
            {
                error = null;
                var compiled = new CompiledBpf(program, expression, linkType);
                program = null;
                return compiled;
            }
            error = LibPcapNative.GetError(pcap);
            return null;
        }
        finally
        {
            if (program != null) NativeMemory.Free(program);
            LibPcapNative.Close(pcap);
        }
    }

    /// <summary>
    /// Runs the filter on a frame. <paramref name="wireLength"/> is the original length: filters such as
    /// <c>greater 1000</c> look at it, and it is larger than the data for snaplen-cut frames.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> frame, int wireLength = -1)
    {
        ObjectDisposedException.ThrowIf(_program == null, this);
        var header = new LibPcapNative.PacketHeader
        {
            CapturedLength = (uint)frame.Length,
            WireLength = (uint)Math.Max(wireLength, frame.Length),
        };
        fixed (byte* data = frame)
            return LibPcapNative.OfflineFilter(_program, &header, data) != 0;
    }

    public void Dispose()
    {
        if (_program == null) return;
        LibPcapNative.FreeCode(_program);
        NativeMemory.Free(_program);
        _program = null;
    }
}
