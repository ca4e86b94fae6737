using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Core;

namespace Wrapper.Tests.Streaming;

public sealed class ProgressMarkersTests
{
    [Test]
    public void Markers_rotate_the_four_quarters_adding_a_dot_each_time_on_a_doubling_schedule_capped_at_a_minute()
    {
        var markers = new ProgressMarkers(TimeSpan.FromSeconds(2));
        var delays = new List<double>();
        var texts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            delays.Add(markers.NextDelay.TotalSeconds);
            texts.Add(markers.Next());
        }

        Assert.That(delays, Is.EqualTo(new[] { 2.0, 4, 8, 16, 32, 60, 60, 60 }));
        Assert.That(texts, Is.EqualTo(new[] { " ◐·", " ◓··", " ◑···", " ◒····", " ◐·····", " ◓······", " ◑·······", " ◒········" }));
    }

    [Test]
    public void Dots_stop_growing_after_twelve()
    {
        var markers = new ProgressMarkers(TimeSpan.FromSeconds(1));
        string last = "";
        for (var i = 0; i < 40; i++) last = markers.Next();

        Assert.That(last.Count(c => c == '·'), Is.EqualTo(12));
    }
}
