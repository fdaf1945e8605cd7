-- /api/search over the queries search-benchmark wrote (--write-queries): QUERIES names the
-- file, KINDS the kinds to use (one,two or common), MIN_HITS leaves out rarer queries,
-- LIMIT is the page size. Every response carries the exact total; FACETS=false asks for the
-- page and its total only, else the facet counts come too. ENDPOINT=fcs asks the CLARIN FCS
-- endpoint instead (searchRetrieve, SRU 2.0, the query as a CQL term); SCOPE=network asks the
-- server's peers too.
dofile(os.getenv("WRK_SCRIPTS") .. "/report.lua")

local next_path

function init(args)
    local kinds, paths = {}, {}
    for kind in (os.getenv("KINDS") or "one,two"):gmatch("[^,]+") do kinds[kind] = true end
    local minimum = tonumber(os.getenv("MIN_HITS") or "0")
    local limit = os.getenv("LIMIT") or "50"
    local facets = (os.getenv("FACETS") == "false" and "&facets=false" or "") ..
        (os.getenv("SCOPE") and "&scope=" .. os.getenv("SCOPE") or "")
    for line in io.lines(os.getenv("QUERIES")) do
        local kind, text, hits = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
        if kind and kinds[kind] and tonumber(hits) >= minimum then
            if os.getenv("ENDPOINT") == "fcs" then
                table.insert(paths, "/fcs?operation=searchRetrieve&version=2.0&maximumRecords=" .. limit .. "&query=" .. encode(text))
            else
                table.insert(paths, "/api/search?q=" .. encode(text) .. "&limit=" .. limit .. facets)
            end
        end
    end
    assert(#paths > 0, "no queries of kinds " .. (os.getenv("KINDS") or "one,two") .. " in " .. os.getenv("QUERIES"))
    next_path = cycle(paths)
end

function request()
    return wrk.format("GET", next_path())
end
