@_spi(Benchmark) @testable import DialectArchive
import Foundation
import XCTest

/// BagIt and RO-Crate exports carry the history of what they hold: PREMIS 3 events in the bag's
/// `premis.xml`, schema.org actions in the crate, built from the same history as `history ID`.
final class ProvenanceExportTests: XCTestCase {
    /// The sample archive after an access change of gz-cihui, a change set of its speaker, a
    /// corrected transcript and a verify: every kind of event a package of gz-cihui should carry.
    private func archiveWithHistory(_ name: String) throws -> Archive {
        let (archive, _) = try SampleArchive.ingested(name)
        try SampleArchive.addHistory(to: archive, name, speaker: "gz-yf", occupation: ("中学教师", "小学教师"))
        return archive
    }

    func testTheBagsPremisXMLIsWellFormedPREMIS3AndListsTheIngestionAndModificationEventsOfItsPayload() throws {
        let archive = try archiveWithHistory(#function)
        let out = try TestSupport.scratchFolder(#function + "-out").appendingPathComponent("bag")
        _ = try archive.export(ExportRequest(format: .bagit, out: out, sessions: ["gz-cihui"]))

        let validate = try TestSupport.run("python3", ["-m", "bagit", "--validate", out.path])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        let tagManifest = try String(contentsOf: out.appendingPathComponent("tagmanifest-sha256.txt"), encoding: .utf8)
        XCTAssertTrue(tagManifest.contains("\(try TestSupport.sha256sum(out.appendingPathComponent("premis.xml")))  premis.xml"), tagManifest)

        let script = """
            import hashlib, os, sys, xml.etree.ElementTree as ET
            P = '{http://www.loc.gov/premis/v3}'
            XSI = '{http://www.w3.org/2001/XMLSchema-instance}'
            bag = sys.argv[1]
            root = ET.parse(os.path.join(bag, 'premis.xml')).getroot()
            assert root.tag == P + 'premis' and root.get('version') == '3.0', root.tag
            kinds = [child.tag[len(P):] for child in root]
            assert kinds == sorted(kinds, key=['object', 'event', 'agent'].index), 'objects, then events, then agents'
            objects = {}
            for obj in root.findall(P + 'object'):
                assert obj.get(XSI + 'type') == 'premis:file'
                path = obj.find(f'{P}objectIdentifier/{P}objectIdentifierValue').text
                digest = obj.find(f'{P}objectCharacteristics/{P}fixity/{P}messageDigest').text
                assert obj.find(f'{P}objectCharacteristics/{P}format/{P}formatDesignation/{P}formatName').text
                with open(os.path.join(bag, path), 'rb') as f:
                    assert hashlib.sha256(f.read()).hexdigest() == digest, path
                objects[path] = digest
            agents = {a.find(f'{P}agentIdentifier/{P}agentIdentifierValue').text for a in root.findall(P + 'agent')}
            order = ['eventIdentifier', 'eventType', 'eventDateTime', 'eventDetailInformation', 'eventOutcomeInformation',
                     'linkingAgentIdentifier', 'linkingObjectIdentifier']
            ids = set()
            for event in root.findall(P + 'event'):
                names = [child.tag[len(P):] for child in event]
                assert names == sorted(names, key=order.index) and set(order) <= set(names), names
                ident = event.find(f'{P}eventIdentifier/{P}eventIdentifierValue').text
                assert ident not in ids, ident
                ids.add(ident)
                kind = event.find(P + 'eventType')
                assert kind.get('valueURI').startswith('http://id.loc.gov/vocabulary/preservation/eventType/'), kind.attrib
                assert event.find(f'{P}eventOutcomeInformation/{P}eventOutcome').text == 'success'
                assert event.find(f'{P}eventDetailInformation/{P}eventDetail').text
                assert event.find(f'{P}linkingAgentIdentifier/{P}linkingAgentIdentifierValue').text in agents
                for linked in event.findall(f'{P}linkingObjectIdentifier/{P}linkingObjectIdentifierValue'):
                    assert linked.text in objects, linked.text
                print(kind.text, '|', ' '.join(sorted(l.text for l in event.findall(f'{P}linkingObjectIdentifier/{P}linkingObjectIdentifierValue'))),
                      '|', event.find(f'{P}eventDetailInformation/{P}eventDetail').text)
            """
        let result = try TestSupport.run("python3", ["-c", script, out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let (recording, transcripts) = try archive.store.read { db in
            let recording = try db.record(Recording.self, "SELECT * FROM recording WHERE original_name = ?", ["gz-yf-cihui.wav"])!
            return (recording, try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id = ? ORDER BY id", [recording.id]))
        }
        XCTAssertEqual(transcripts.map(\.revision), [1, 2])
        let audio = "data/" + recording.storedPath, revised = "data/" + transcripts[1].storedPath
        XCTAssertTrue(lines.contains { $0.hasPrefix("ingestion | \(audio) |") && $0.contains("stored from") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("modification | \(revised) |") && $0.contains("1 changed") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("metadata modification |") && $0.contains(audio)
            && $0.contains("access_reason: - → consent form checked") && $0.contains("reason: consent form checked") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("metadata modification |") && $0.contains("occupation: 中学教师 → 小学教师") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("fixity check | ") && $0.contains(audio) && $0.contains(revised) }, result.stdout)
        XCTAssertFalse(result.stdout.contains("bj-"), "only the history of what the bag holds")
    }

    func testARestrictedSpeakersChangedValuesAreWithheldFromTheBagsPremisXMLUnlessRestrictedMaterialIsIncluded() throws {
        let (archive, _) = try SampleArchive.ingested(#function)
        var edit = AuditEvent(kind: "edit", summary: "edit mx-lf", details: [:])
        try archive.store.write { db in
            _ = try edit.append(db, changeSets: [ChangeSet(recordKind: .speaker, recordId: "mx-lf", action: .changed, source: "edit",
                                                           fields: [.init(field: "birth_year", before: "1955", after: "1956")])])
        }
        let root = try TestSupport.scratchFolder(#function + "-out")
        _ = try archive.export(ExportRequest(format: .bagit, out: root.appendingPathComponent("open"), sessions: ["mx-cihui"]))
        let open = try String(contentsOf: root.appendingPathComponent("open/premis.xml"), encoding: .utf8)
        XCTAssertTrue(open.contains("birth_year: withheld → withheld"), open)
        XCTAssertFalse(open.contains("1956"), "a restricted speaker's values stay out of an open export")
        _ = try archive.export(ExportRequest(format: .bagit, out: root.appendingPathComponent("all"), sessions: ["mx-cihui"], includeRestricted: true))
        let all = try String(contentsOf: root.appendingPathComponent("all/premis.xml"), encoding: .utf8)
        XCTAssertTrue(all.contains("birth_year: 1955 → 1956"), all)
    }

    func testTheROCrateLoadsAndCarriesItsFilesHistoryAsCreateAndUpdateActions() throws {
        let archive = try archiveWithHistory(#function)
        let out = try TestSupport.scratchFolder(#function + "-out").appendingPathComponent("crate")
        _ = try archive.export(ExportRequest(format: .rocrate, out: out, sessions: ["gz-cihui"]))
        let script = """
            import sys
            from rocrate.rocrate import ROCrate
            crate = ROCrate(sys.argv[1])
            def types(e): return e.type if isinstance(e.type, list) else [e.type]
            def ids(value): return [v.id for v in (value if isinstance(value, list) else [value])]
            files = {e.id for e in crate.get_entities() if 'File' in types(e)}
            mentioned = set(ids(crate.root_dataset['mentions']))
            for e in crate.get_entities():
                kind = types(e)[0]
                if not kind.endswith('Action'):
                    continue
                assert e.id in mentioned, e.id
                linked = ids(e['result'] if kind == 'CreateAction' else e['object'])
                assert linked and set(linked) <= files, linked
                agent = e['agent']
                assert 'Person' in types(agent) and agent['name'], agent
                assert e['startTime'] and e['endTime'] and e['description']
                status = e['actionStatus']
                status = status['@id'] if isinstance(status, dict) else getattr(status, 'id', status)
                assert status == 'http://schema.org/CompletedActionStatus', status
                print(kind, '|', e['name'], '|', e['description'])
            """
        let result = try TestSupport.run("python3", ["-c", script, out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("CreateAction | ingestion | recording ") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("UpdateAction | metadata modification | access of session gz-cihui") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("UpdateAction | modification | transcript ") && $0.contains("revision 2") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("CheckAction | fixity check |") }, result.stdout)
    }
}
