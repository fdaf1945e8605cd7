-- /api/recordings/RECORDING/audio for spans of SPAN_MS at random starts within the first
-- DURATION_MS of the recording, each cut as a WAV by the server.
dofile(os.getenv("WRK_SCRIPTS") .. "/report.lua")

local recording, duration, span

function init(args)
    recording = os.getenv("RECORDING")
    duration = tonumber(os.getenv("DURATION_MS"))
    span = tonumber(os.getenv("SPAN_MS") or "3000")
    math.randomseed(thread_number * 104729 + os.time())
end

function request()
    local start = math.random(0, duration - span)
    return wrk.format("GET", string.format("/api/recordings/%s/audio?start_ms=%d&end_ms=%d", recording, start, start + span))
end
