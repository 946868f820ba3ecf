using System.Diagnostics;

namespace Sniffer.Fuzz;

/// <summary>
/// Catches a hang the per-input clock cannot (an input that never returns): a thread that, when one input
/// has run longer than the limit, saves it and ends the process with exit code 3.
/// </summary>
public sealed class Watchdog : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly string _savePath;
    private readonly Thread _thread;
    private volatile FuzzInput? _current;
    private long _startedAt;
    private volatile bool _stopped;

    public Watchdog(TimeSpan limit, string savePath)
    {
        _limit = limit;
        _savePath = savePath;
        _thread = new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" };
        _thread.Start();
    }

    public void Begin(FuzzInput input)
    {
        Interlocked.Exchange(ref _startedAt, Stopwatch.GetTimestamp());
        _current = input;
    }

    public void End() => _current = null;

    private void Watch()
    {
        while (!_stopped)
        {
            Thread.Sleep(500);
            var input = _current;
            if (input is null || Stopwatch.GetElapsedTime(Interlocked.Read(ref _startedAt)) < _limit) continue;
            File.WriteAllBytes(_savePath, input.ToReproducer());
            Console.Error.WriteLine($"hang: one input ran over {_limit.TotalSeconds:F0} s; saved to {_savePath}");
            Environment.Exit(3);
        }
    }

    public void Dispose() => _stopped = true;
}
