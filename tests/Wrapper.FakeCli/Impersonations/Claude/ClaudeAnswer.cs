namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// A successful answer, shaped like Recordings/claude-stream-json-partial.txt: message_start, per
/// block start / word deltas / stop (the full assistant message just before the last stop),
/// message_delta, message_stop, result. FAKE:crash stops halfway through the text deltas.
/// </summary>
internal sealed class ClaudeAnswer(ClaudeEvents events, FakeTurn turn)
{
    private const int CrashExitCode = 134;
    private bool _firstDelta = true;

    public async Task<int> WriteAsync()
    {
        var script = turn.Script;
        var text = turn.ReplyText;
        AnswerBlock[] blocks = script.Thinking is { } thinking
            ? [new AnswerBlock("thinking", thinking), new AnswerBlock("text", text)]
            : [new AnswerBlock("text", text)];
        var messageId = $"msg_fake_{Guid.NewGuid():N}"[..30];

        events.MessageStart(messageId, script.Usage);
        for (var index = 0; index < blocks.Length; index++)
        {
            var block = blocks[index];
            events.BlockStart(index, block);
            var chunks = WordChunks.Split(block.Text);
            var crashAfter = script.Crash && !block.IsThinking ? chunks.Count / 2 : int.MaxValue;
            for (var i = 0; i < chunks.Count; i++)
            {
                if (i == crashAfter) return await CrashAsync();
                await PaceAsync(script.ChunkDelay);
                events.Delta(index, block, chunks[i]);
            }
            if (crashAfter == chunks.Count) return await CrashAsync(); // an empty text still crashes
            if (block.IsThinking) events.SignatureDelta(index);
            if (index == blocks.Length - 1) events.Assistant(messageId, blocks, script.Usage);
            events.BlockStop(index);
        }

        var stopReason = script.MaxTokens ? "max_tokens" : "end_turn";
        events.MessageDelta(stopReason, script.Usage);
        events.MessageStop();
        events.SuccessResult(text, stopReason, script.Usage);
        return 0;
    }

    /// <summary>FAKE:chunk-delay waits between deltas, not before the first, so the first word is prompt.</summary>
    private async Task PaceAsync(TimeSpan delay)
    {
        if (!_firstDelta && delay > TimeSpan.Zero) await Task.Delay(delay);
        _firstDelta = false;
    }

    private async Task<int> CrashAsync()
    {
        await turn.Stderr.WriteLineAsync("Segmentation fault (fake)");
        return CrashExitCode;
    }
}
