namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// A successful answer, shaped like Recordings/claude-stream-json-partial.txt: message_start, per
/// block start / word deltas / stop (the full assistant message just before the last stop),
/// message_delta, message_stop, result. FAKE:crash stops halfway through the text deltas.
/// </summary>
internal sealed class ClaudeAnswer(ClaudeEvents events, FakeTurn turn, McpServer? mcp = null)
{
    private const int CrashExitCode = 134;
    private bool _firstDelta = true;

    public async Task<int> WriteAsync()
    {
        var script = turn.Script;
        var text = turn.ReplyText;
        var withText = script.ToolCalls.Count == 0 || script.ReplyGiven;
        AnswerBlock[] blocks = [.. script.Thinking is { } thinking ? [new AnswerBlock("thinking", thinking)] : Array.Empty<AnswerBlock>(),
            .. withText ? [new AnswerBlock("text", text)] : Array.Empty<AnswerBlock>()];
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

        if (script.ToolCalls.Count > 0) return await CallToolsAsync(messageId, blocks.Length);

        var stopReason = script.MaxTokens ? "max_tokens" : "end_turn";
        events.MessageDelta(stopReason, script.Usage);
        events.MessageStop();
        events.SuccessResult(text, stopReason, script.Usage);
        return 0;
    }

    /// <summary>
    /// Tool uses, as Claude streams them for MCP tools; then, like the real CLI waiting for the MCP
    /// server to run the tool, it waits until it is stopped: the gateway must end the turn itself.
    /// </summary>
    private async Task<int> CallToolsAsync(string messageId, int firstIndex)
    {
        for (var i = 0; i < turn.Script.ToolCalls.Count; i++)
        {
            var call = turn.Script.ToolCalls[i];
            var index = firstIndex + i;
            events.ToolUseStart(index, $"toolu_fake_{messageId[^8..]}_{i}", call.Name);
            foreach (var piece in Halves(call.Arguments)) events.InputJsonDelta(index, piece);
            events.BlockStop(index);
        }
        events.MessageDelta("tool_use", turn.Script.Usage);
        events.MessageStop();
        var result = mcp is null ? null : await ClaudeMcpServers.CallToolAsync(mcp, turn.Script.ToolCalls[0].Name, turn.Script.ToolCalls[0].Arguments);
        if (result is null)
        {
            await Task.Delay(Timeout.Infinite);
            return 0;
        }
        // The client's result arrived through the held call (a continued agent turn): the model answers
        // as the next request's directives say (they travel with the result), else with this turn's
        // reply, else by quoting the result.
        var next = Scripting.ScriptParser.Parse(result, TextWriter.Null);
        return ContinueWith(next.ReplyGiven ? next.Reply : turn.Script.ReplyGiven ? turn.ReplyText : $"Continued with the result: {result}");
    }

    private int ContinueWith(string text)
    {
        var messageId = $"msg_fake_{Guid.NewGuid():N}"[..30];
        AnswerBlock[] blocks = [new AnswerBlock("text", text)];
        events.MessageStart(messageId, turn.Script.Usage);
        events.BlockStart(0, blocks[0]);
        foreach (var chunk in WordChunks.Split(text)) events.Delta(0, blocks[0], chunk);
        events.Assistant(messageId, blocks, turn.Script.Usage);
        events.BlockStop(0);
        events.MessageDelta("end_turn", turn.Script.Usage);
        events.MessageStop();
        events.SuccessResult(text, "end_turn", turn.Script.Usage);
        return 0;
    }

    private static IEnumerable<string> Halves(string json) =>
        json.Length < 2 ? [json] : [json[..(json.Length / 2)], json[(json.Length / 2)..]];

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
