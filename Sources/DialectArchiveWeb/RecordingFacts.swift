import DialectArchive

extension RecordingPage {
    /// What the recording page shows beside the player: technical facts, checksums, the last
    /// fixity check, links to the session, place and speakers, transcript downloads and the
    /// "cite this" line (of the span in `t=` when there is one).
    static func facts(_ detail: RecordingDetail, collection: ArchiveCollection?, span: TimeSpan?, baseURL: String?,
                      t: [String: String]) -> [String: Any] {
        let r = detail.recording
        var view: [String: Any] = [
            "size": "\(ByteCount.human(r.size)) (\(r.size) B)", "frames": r.frames, "audioSha256": r.audioSha256,
            "storedAs": r.storedPath, "ingested": r.ingestedAt, "fixity": r.verifiedAt ?? t["neverChecked"]!,
            "sessionLink": "/sessions/\(Links.encode(detail.session.id))",
            "collectionLink": "/collections/\(Links.encode(detail.session.collectionId))",
            "speakerLinks": detail.speakers.map { s in
                ["link": "/speakers/\(Links.encode(s.id))", "label": [s.id, s.name, s.role].compactMap { $0 }.joined(separator: " ")]
            },
            "cite": Citation.line(detail, collection: collection, span: span, baseURL: baseURL, t: t),
        ]
        if let locality = detail.locality { view["localityLink"] = "/localities/\(Links.encode(locality.id))" }
        if detail.withdrawn == nil {
            let downloads = TranscriptDownloads.links(detail)
            view["downloads"] = downloads
            view["hasDownloads"] = !downloads.isEmpty
        }
        return view
    }

    static let factsTemplate = """
        <section class="more-facts">
        <h2>{{t.technical}}</h2>
        <dl class="facts">
        <dt>{{t.size}}</dt><dd>{{size}}</dd>
        <dt>{{t.frames}}</dt><dd>{{frames}}</dd>
        <dt>{{t.audioChecksum}}</dt><dd class="checksum">{{audioSha256}}</dd>
        <dt>{{t.storedAs}}</dt><dd>{{storedAs}}</dd>
        <dt>{{t.ingested}}</dt><dd>{{ingested}}</dd>
        <dt>{{t.fixity}}</dt><dd id="fixity">{{fixity}}</dd>
        </dl>
        <p class="links"><a class="session" href="{{sessionLink}}">{{t.session}}</a> · <a class="collection" href="{{collectionLink}}">{{t.collection}}</a>{{#localityLink}} · <a class="locality" href="{{localityLink}}">{{t.locality}}</a>{{/localityLink}}{{#speakerLinks}} · <a class="speaker" href="{{link}}">{{label}}</a>{{/speakerLinks}}</p>
        {{#hasDownloads}}<h2>{{t.downloads}}</h2>
        <ul class="downloads">{{#downloads}}<li>{{file}}: {{#formats}}<a class="download" href="{{link}}" download>{{label}}</a> {{/formats}}</li>{{/downloads}}</ul>{{/hasDownloads}}
        <h2>{{t.cite}}</h2>
        <p class="cite" id="cite">{{cite}}</p>
        </section>
        """
}
