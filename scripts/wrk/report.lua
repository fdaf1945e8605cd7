-- Shared by the server benchmark's wrk scripts: counts every response by status in each
-- thread and prints one line the benchmark script reads, with the failures wrk saw.
local threads = {}

function setup(thread)
    thread:set("thread_number", #threads + 1)
    table.insert(threads, thread)
end

-- failed_statuses: each status other than 2xx seen, once, separated by spaces.
ok_responses, failed_responses, failed_statuses = 0, 0, ""

function response(status, headers, body)
    if status >= 200 and status < 300 then
        ok_responses = ok_responses + 1
    else
        failed_responses = failed_responses + 1
        if not (" " .. failed_statuses):find(" " .. status .. " ", 1, true) then
            failed_statuses = failed_statuses .. status .. " "
        end
    end
end

function done(summary, latency, requests)
    local ok, failed, seen, statuses = 0, 0, {}, {}
    for _, thread in ipairs(threads) do
        ok = ok + thread:get("ok_responses")
        failed = failed + thread:get("failed_responses")
        for status in thread:get("failed_statuses"):gmatch("%d+") do
            if not seen[status] then seen[status] = true; table.insert(statuses, status) end
        end
    end
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rate=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d non2xx=%d connect=%d read=%d write=%d timeout=%d bytes=%d statuses=%s\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        ok, failed, e.connect, e.read, e.write, e.timeout, summary.bytes, #statuses == 0 and "-" or table.concat(statuses, ",")))
end

-- Percent-encodes a query parameter (UTF-8 bytes).
function encode(text)
    return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- The paths one thread asks for, in a random order of its own, then over again.
function cycle(paths)
    math.randomseed(thread_number * 7919 + os.time())
    for i = #paths, 2, -1 do
        local j = math.random(i)
        paths[i], paths[j] = paths[j], paths[i]
    end
    local next_index = 0
    return function()
        next_index = next_index % #paths + 1
        return paths[next_index]
    end
end
