using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;

namespace Sniffer.Tests.Dissectors;

/// <summary>
/// Hostile-input checks shared by the application dissector tests: every prefix of a real message
/// and seeded random mutations must dissect without an exception escaping (FrameDissector turns
/// one into [Malformed Packet] and counts it, so the count must not move).
/// </summary>
internal static class Mutations
{
    /// <returns>The status of each prefix, by its length.</returns>
    public static Dictionary<int, DissectStatus> EveryPrefixIsSafe(byte[] frame, int headerBytes)
    {
        var statuses = new Dictionary<int, DissectStatus>();
        long before = FrameDissector.InternalErrors;
        for (int n = headerBytes; n <= frame.Length; n++)
        {
            var cut = frame.AsSpan(0, n).ToArray();
            // Cut by the capture (snaplen): the packet claims its full length.
            var info = new FrameInfo(1_700_000_000_000_000_000, LinkType.Ethernet, cut.Length, frame.Length, 0, 0);
            statuses[n] = Dissect.Tree(cut, info).Status;
        }
        Assert.Equal(before, FrameDissector.InternalErrors);
        return statuses;
    }

    public static void RandomMutationsAreSafe(byte[] frame, int headerBytes, int seed, int rounds = 2000)
    {
        long before = FrameDissector.InternalErrors;
        var random = new Random(seed);
        for (int i = 0; i < rounds; i++)
        {
            var copy = (byte[])frame.Clone();
            int flips = 1 + random.Next(8);
            for (int f = 0; f < flips; f++)
            {
                int at = headerBytes + random.Next(copy.Length - headerBytes);
                copy[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xC0, // a compression pointer / a big length
                    _ => 0xFF,
                };
            }
            Dissect.Tree(copy);
        }
        Assert.Equal(before, FrameDissector.InternalErrors);
    }
}
