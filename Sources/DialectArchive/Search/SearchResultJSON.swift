/// A search result as `search --json` prints it and `/api/search` answers (`compact`): the
/// bytes `JSONOutput` would encode, written directly, since encoding the hits was most of a
/// busy server's work.
///
/// ```swift
/// print(SearchResultJSON.string(try archive.search(try SearchQuery("太阳"))))
/// ```
public enum SearchResultJSON {
    public static func string(_ result: SearchResult, compact: Bool = false) -> String {
        var json = JSONWriter(compact: compact, capacity: 1_024 + 1_024 * result.hits.count)
        json.openObject()
        json.key("by_dialect_group"); counts(result.byDialectGroup, &json)
        json.key("by_locality"); counts(result.byLocality, &json)
        json.key("facets")
        json.openArray()
        for facet in result.facets { write(facet, &json) }
        json.closeArray()
        json.key("hits")
        json.openArray()
        for hit in result.hits { write(hit, &json) }
        json.closeArray()
        json.key("includes_restricted"); json.bool(result.includesRestricted)
        json.key("offset"); json.integer(result.offset)
        json.key("query"); json.string(result.query)
        json.key("total"); json.integer(result.total)
        json.closeObject()
        return json.text
    }

    private static func counts(_ counts: [SearchResult.Count], _ json: inout JSONWriter) {
        json.openArray()
        for count in counts {
            json.openObject()
            json.key("hits"); json.integer(count.hits)
            json.key("label"); json.string(count.label)
            json.closeObject()
        }
        json.closeArray()
    }

    private static func write(_ facet: SearchFacet, _ json: inout JSONWriter) {
        json.openObject()
        json.key("filter"); json.string(facet.filter)
        json.key("name"); json.string(facet.name)
        json.key("values")
        json.openArray()
        for value in facet.values {
            json.openObject()
            json.key("hits"); json.integer(value.hits)
            json.key("label"); json.string(value.label)
            if let filterValue = value.value { json.key("value"); json.string(filterValue) }
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
    }

    private static func write(_ hit: SearchHit, _ json: inout JSONWriter) {
        json.openObject()
        if let dialect = hit.dialect { json.key("dialect"); json.string(dialect) }
        json.key("end_ms"); json.integer(hit.endMs)
        json.key("highlighted"); json.string(hit.highlighted)
        json.key("highlights")
        json.openArray()
        for range in hit.highlights {
            json.openArray()
            for offset in range { json.integer(offset) }
            json.closeArray()
        }
        json.closeArray()
        if let locality = hit.locality {
            json.key("locality")
            json.openObject()
            json.key("id"); json.string(locality.id)
            json.key("name"); json.string(locality.name)
            json.closeObject()
        }
        json.key("parallel")
        json.openArray()
        for segment in hit.parallel {
            json.openObject()
            json.key("end_ms"); json.integer(segment.endMs)
            json.key("start_ms"); json.integer(segment.startMs)
            json.key("text"); json.string(segment.text)
            json.key("tier"); json.string(segment.tier)
            json.key("tier_kind"); json.string(segment.tierKind)
            json.closeObject()
        }
        json.closeArray()
        if let file = hit.recordingFile { json.key("recording_file"); json.string(file) }
        if let recording = hit.recordingId { json.key("recording_id"); json.integer(recording) }
        json.key("segment_id"); json.integer(hit.segmentId)
        json.key("session_id"); json.string(hit.sessionId)
        if let speaker = hit.speaker { write(speaker, &json) }
        json.key("start_ms"); json.integer(hit.startMs)
        json.key("text"); json.string(hit.text)
        json.key("tier"); json.string(hit.tier)
        json.key("tier_kind"); json.string(hit.tierKind)
        json.closeObject()
    }

    private static func write(_ speaker: SpeakerSummary, _ json: inout JSONWriter) {
        json.key("speaker")
        json.openObject()
        if let year = speaker.birthYear { json.key("birth_year"); json.integer(year) }
        json.key("id"); json.string(speaker.id)
        if let name = speaker.name { json.key("name"); json.string(name) }
        if let role = speaker.role { json.key("role"); json.string(role) }
        if let sex = speaker.sex { json.key("sex"); json.string(sex) }
        json.closeObject()
    }
}
