using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Sniffer.Capture;

/// <summary>
/// One interface being captured. SharpPcap opens the device and installs the filter; our own thread then
/// runs libpcap's pcap_dispatch (SharpPcap's loop made a P/Invoke, an object and a decimal timestamp per
/// packet and kept up with half of what tcpdump does); each packet is copied into a pooled buffer and put
/// in a bounded channel. When the consumer is behind and the channel is full, the
/// capture thread waits for room rather than dropping: the kernel's capture buffer then takes the
/// backlog, and whatever it cannot hold is dropped *and counted by the kernel* (the statistics say
/// so), as with tcpdump. Frames are dropped by Sniffer's own queue (<see cref="LiveCaptureStatistics.QueueDropped"/>)
/// only while stopping. Read <see cref="Frames"/> and return each frame's buffer.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    private readonly LibPcapLiveDevice _device;
    private readonly Channel<CapturedFrame> _channel;
    private readonly int _linkType;
    private readonly bool _countsBothDirections;
    private long _captured;
    private long _queueDropped;
    private LiveCaptureStatistics? _finalStatistics;
    private readonly Lock _stopGate = new();
    private readonly CancellationTokenSource _stopping = new();

    private LiveCapture(LibPcapLiveDevice device, LiveCaptureOptions options)
    {
        _device = device;
        _linkType = (int)device.LinkType;
        Options = options;
        _countsBothDirections = device.Loopback || device.Name == "any";
        _channel = Channel.CreateBounded<CapturedFrame>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleWriter = true,
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,   // only TryWrite is used, so "Wait" means "TryWrite fails when full"
        });
    }

    public LiveCaptureOptions Options { get; }
    public string InterfaceName => _device.Name;
    public string? InterfaceDescription => _device.Description;
    public int LinkType => _linkType;
    public int SnapLength => Options.SnapLength;
    public bool NanosecondTimestamps => _device.TimestampResolution == TimestampResolution.Nanosecond;

    /// <summary>Frames in arrival order; completes after <see cref="Stop"/>.</summary>
    public ChannelReader<CapturedFrame> Frames => _channel.Reader;

    /// <summary>The interface as a capture file describes it.</summary>
    public CaptureInterface AsCaptureInterface() =>
        new(_linkType, SnapLength, InterfaceName, InterfaceDescription, 1_000_000_000);

    public static IReadOnlyList<NetworkInterfaceInfo> ListInterfaces() =>
        InterfaceCatalog.Describe(InterfaceCatalog.LoadDevices());

    /// <summary>
    /// Opens the interface, installs the filter (checked with libpcap first, so errors carry libpcap's
    /// words), and starts capturing. Throws <see cref="LiveCaptureException"/> with a user-facing message.
    /// The calling thread's network namespace decides which interface the name refers to.
    /// </summary>
    public static LiveCapture Start(LiveCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var devices = InterfaceCatalog.LoadDevices();
        var device = InterfaceCatalog.Find(devices, options.Interface)
            ?? throw LiveCaptureErrors.NoSuchInterface(options.Interface, devices.Select(d => d.Name));

        Open(device, options, devices);
        try
        {
            InstallFilter(device, options);
            var capture = new LiveCapture(device, options);
            capture.StartDispatching();
            return capture;
        }
        catch
        {
            device.Close();
            throw;
        }
    }

    private static void Open(LibPcapLiveDevice device, LiveCaptureOptions options, IReadOnlyList<LibPcapLiveDevice> devices)
    {
        var configuration = new DeviceConfiguration
        {
            Mode = options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
            Snaplen = options.SnapLength,
            ReadTimeout = 100,
            Immediate = options.Immediate,
            TimestampResolution = TimestampResolution.Nanosecond,
            KernelBufferSize = options.KernelBufferMiB is { } mib ? mib * 1024 * 1024 : null,
        };
        // Nanosecond stamps or immediate mode may be unsupported on some systems; libpcap then
        // keeps its defaults, which is fine, so those configuration failures are not fatal.
        configuration.ConfigurationFailed += (_, _) => { };
        try
        {
            device.Open(configuration);
        }
        catch (PcapException e)
        {
            string? libpcapText = device.LastError;
            try { device.Close(); } catch (PcapException) { }
            throw LiveCaptureErrors.FromOpenFailure(e, device.Name, libpcapText, devices.Select(d => d.Name));
        }
        catch (Exception e) when (LiveCaptureErrors.IsLibpcapMissing(e))
        {
            throw LiveCaptureErrors.LibpcapMissing(e);
        }
    }

    private static void InstallFilter(LibPcapLiveDevice device, LiveCaptureOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BpfFilter)) return;
        ValidateFilter(options.BpfFilter, (int)device.LinkType, options.SnapLength);
        try
        {
            device.Filter = options.BpfFilter;
        }
        catch (PcapException e)
        {
            throw LiveCaptureErrors.BadFilter(new BpfFilterException(options.BpfFilter, device.LastError ?? e.Message, null));
        }
    }

    /// <summary>Checks a capture filter with libpcap for a link type; throws <see cref="LiveCaptureException"/> (BadFilter).</summary>
    public static void ValidateFilter(string expression, int linkType, int snapLength = 262144)
    {
        try
        {
            using var program = CompiledBpf.Compile(expression, linkType, snapLength);
        }
        catch (BpfFilterException e)
        {
            throw LiveCaptureErrors.BadFilter(e);
        }
        catch (Exception e) when (LiveCaptureErrors.IsLibpcapMissing(e))
        {
            throw LiveCaptureErrors.LibpcapMissing(e);
        }
    }

    private Thread? _thread;
    private GCHandle _self;
    private IntPtr _pcap;
    private long _nanosPerFraction;
    private volatile bool _stopRequested;

    /// <summary>The libpcap error that ended the capture thread, if one did.</summary>
    public string? CaptureError { get; private set; }

    private void StartDispatching()
    {
        _pcap = _device.Handle.DangerousGetHandle();
        _nanosPerFraction = LibPcapNative.NanosecondTimestamps(_pcap) ? 1 : 1000;
        _self = GCHandle.Alloc(this);
        _thread = new Thread(DispatchLoop) { IsBackground = true, Name = "capture " + _device.Name };
        _thread.Start();
    }

    // pcap_dispatch returns after a kernel block, the read timeout (100 ms) or pcap_breakloop (-2).
    private unsafe void DispatchLoop()
    {
        var user = GCHandle.ToIntPtr(_self);
        while (!_stopRequested)
        {
            int result = LibPcapNative.Dispatch(_pcap, -1, &OnPacket, user);
            if (result == -1) { CaptureError = LibPcapNative.GetError(_pcap); break; }
            if (result < 0) break;
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnPacket(IntPtr user, LibPcapNative.PacketHeader* header, byte* data)
    {
        // An exception must not unwind into libpcap: that would end the process.
        try
        {
            if (GCHandle.FromIntPtr(user).Target is LiveCapture capture) capture.Deliver(header, data);
        }
        catch (Exception e)
        {
            System.Diagnostics.Trace.TraceError($"sniffer: capture callback failed: {e}");
        }
    }

    // Runs on the capture thread: copy, offer; wait only for room in the queue (see WaitForRoom).
    private unsafe void Deliver(LibPcapNative.PacketHeader* header, byte* packet)
    {
        // The rest of the kernel block handed over after Stop is left unread, as tcpdump leaves it: those
        // packets were still in the kernel buffer at the stop (the final message counts them so).
        if (_stopRequested) return;
        int captured = (int)header->CapturedLength;
        int wireLength = (int)Math.Min(header->WireLength, int.MaxValue);
        long timestampNs = header->Seconds * 1_000_000_000L + header->Microseconds * _nanosPerFraction;

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(captured, 1));
        new ReadOnlySpan<byte>(packet, captured).CopyTo(buffer);
        // FileOffset -1: a live frame has no place in a file yet.
        var info = new FrameInfo(timestampNs, _linkType, captured, Math.Max(wireLength, captured), InterfaceId: 0, FileOffset: -1);
        var frame = new CapturedFrame(info, buffer);
        if (_channel.Writer.TryWrite(frame) || WaitForRoom(frame))
        {
            Interlocked.Increment(ref _captured);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interlocked.Increment(ref _queueDropped);
        }
    }

    // The consumer is behind: block the capture thread until it catches up (or the capture stops), so
    // that the backlog waits in the kernel buffer, where an overflow is counted, instead of vanishing here.
    private bool WaitForRoom(in CapturedFrame frame)
    {
        try
        {
            var write = _channel.Writer.WriteAsync(frame, _stopping.Token);
            if (!write.IsCompleted) write.AsTask().GetAwaiter().GetResult();
            else write.GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException) { return false; }
        catch (ChannelClosedException) { return false; }
    }

    /// <summary>Counters so far; after <see cref="Stop"/>, the final ones.</summary>
    public LiveCaptureStatistics GetStatistics()
    {
        if (_finalStatistics is { } final) return final;
        long? received = null, dropped = null, interfaceDropped = null;
        // Read with our own pcap_stats call: SharpPcap's Statistics loses ps_drop on 64-bit Unix (see LibPcapNative.PcapStat).
        // Some devices (e.g. nflog) cannot report statistics; the kernel counters then stay unknown.
        var handle = _device.Handle;
        if (handle is { IsInvalid: false, IsClosed: false } && LibPcapNative.Stats(handle.DangerousGetHandle(), out var pcap))
        {
            received = pcap.Received;
            dropped = pcap.Dropped;
            interfaceDropped = pcap.InterfaceDropped;
        }
        return new LiveCaptureStatistics(Interlocked.Read(ref _captured), Interlocked.Read(ref _queueDropped),
            received, dropped, interfaceDropped, _countsBothDirections);
    }

    /// <summary>Stops capturing, records final statistics, closes the device and completes <see cref="Frames"/>.
    /// Frames already queued stay readable.</summary>
    public void Stop()
    {
        lock (_stopGate)
        {
            if (_finalStatistics is not null) return;
            _stopRequested = true;
            _stopping.Cancel(); // release a capture thread waiting for room, or it would never return
            LibPcapNative.BreakLoop(_pcap);
            bool ended = _thread is null || _thread.Join(TimeSpan.FromSeconds(10));
            var statistics = GetStatistics();
            // Closing the handle under a thread still inside pcap_dispatch would free what it reads: leak it instead.
            if (ended)
            {
                _device.Close();
                if (_self.IsAllocated) _self.Free();
            }
            _finalStatistics = statistics;
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Stops and returns the buffers of frames nobody read.</summary>
    public void Dispose()
    {
        Stop();
        while (_channel.Reader.TryRead(out var frame)) frame.ReturnBuffer();
    }
}
