namespace Sniffer.Capture;

public enum CaptureFileFormat
{
    Pcapng,
    Pcap,
}
