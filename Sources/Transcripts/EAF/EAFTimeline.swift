/// Works out the time of every annotation in an `EAFDocument` the way ELAN shows it,
/// and builds the `Transcript`.
///
/// - A time slot without a value lies between its aligned neighbours: within each
///   tier, the tier's slots are taken in TIME_ORDER order and every run of unaligned
///   slots is spread evenly between the aligned slots on either side. Neighbours are
///   taken from the tier itself because the document's TIME_ORDER interleaves slots of
///   other tiers, whose times say nothing about this tier's subdivision.
/// - A reference annotation takes its parent's span. Children of one parent on a
///   Symbolic_Subdivision tier divide that span into equal parts, in the order of
///   their PREVIOUS_ANNOTATION chain. Chains of any depth are followed iteratively.
/// - The first media descriptor's TIME_ORIGIN moves every time, so that times are
///   positions in that (primary) media file.
struct EAFTimeline {
    let document: EAFDocument
    let fileName: String
    /// Line of a byte offset in the document, for errors.
    let lineAt: (Int) -> Int

    func transcript(encoding: String) throws -> Transcript {
        if let units = document.timeUnits, units != "milliseconds" {
            throw TranscriptError(file: fileName, line: nil, reason: "TIME_UNITS is \"\(units)\"; only milliseconds are supported")
        }
        let annotations = document.annotations
        let slotIndex = try index(document.slots.map(\.id), offsets: document.slots.map(\.offset), what: "time slot id")
        let annotationIndex = try index(annotations.map(\.id), offsets: annotations.map(\.offset), what: "annotation id")

        var start = [Int](repeating: 0, count: annotations.count)
        var end = [Int](repeating: 0, count: annotations.count)
        // Sort keys after the times: position of the (inherited) start slot in
        // TIME_ORDER, and place in a subdivision chain.
        var slotRank = [Int](repeating: 0, count: annotations.count)
        var chainPosition = [Int](repeating: 0, count: annotations.count)

        try alignTiers(slotIndex: slotIndex, start: &start, end: &end, slotRank: &slotRank)
        try resolveReferences(annotationIndex: annotationIndex, start: &start, end: &end,
                              slotRank: &slotRank, chainPosition: &chainPosition)

        let origin = document.media.first?.timeOrigin ?? 0
        let lastSlotTime = document.slots.lazy.compactMap(\.value).max()
        var tiers: [Tier] = []
        tiers.reserveCapacity(document.tiers.count)
        for tier in document.tiers {
            let type = tier.linguisticType.flatMap { document.linguisticTypes[$0] }
            let order = tier.annotations.sorted {
                (start[$0], end[$0], slotRank[$0], chainPosition[$0], $0) <
                    (start[$1], end[$1], slotRank[$1], chainPosition[$1], $1)
            }
            tiers.append(Tier(name: tier.id, type: kind(of: tier, type: type),
                              participant: tier.participant, language: tier.language,
                              parent: tier.parent, linguisticType: tier.linguisticType,
                              constraint: type?.constraint,
                              annotations: order.map {
                                  Annotation(startMs: start[$0] + origin, endMs: end[$0] + origin, text: annotations[$0].text)
                              }))
        }
        return Transcript(format: .eaf, encoding: encoding, media: mediaReferences(),
                          durationMs: lastSlotTime.map { $0 + origin }, tiers: tiers)
    }

    // MARK: - Alignable annotations

    private func alignTiers(slotIndex: [String: Int], start: inout [Int], end: inout [Int], slotRank: inout [Int]) throws {
        let annotations = document.annotations
        let slots = document.slots
        var startSlot = [Int](repeating: -1, count: annotations.count)
        var endSlot = [Int](repeating: -1, count: annotations.count)
        for (i, annotation) in annotations.enumerated() {
            guard case .alignable(let first, let second) = annotation.anchor else { continue }
            guard let a = slotIndex[first] else { throw error(at: annotation.offset, "annotation \(annotation.id) refers to missing time slot \(first)") }
            guard let b = slotIndex[second] else { throw error(at: annotation.offset, "annotation \(annotation.id) refers to missing time slot \(second)") }
            startSlot[i] = a
            endSlot[i] = b
            slotRank[i] = a
        }

        // Built on first need: most files have no unaligned slot at all.
        var neighbours: GlobalNeighbours?
        for tier in document.tiers {
            let members = tier.annotations.filter { startSlot[$0] >= 0 }
            var local: [Int: Int] = [:]
            if members.contains(where: { slots[startSlot[$0]].value == nil || slots[endSlot[$0]].value == nil }) {
                let around = neighbours ?? GlobalNeighbours(slots)
                neighbours = around
                local = try interpolate(Array(Set(members.flatMap { [startSlot[$0], endSlot[$0]] })).sorted(),
                                        neighbours: around)
            }
            for i in members {
                let a = startSlot[i], b = endSlot[i]
                start[i] = slots[a].value ?? local[a] ?? 0
                end[i] = slots[b].value ?? local[b] ?? 0
                if end[i] < start[i] {
                    let annotation = annotations[i]
                    throw error(at: annotation.offset, "annotation \(annotation.id) ends (\(end[i]) ms, slot \(slots[b].id)) before it starts (\(start[i]) ms, slot \(slots[a].id))")
                }
            }
        }
    }

    /// Times for the unaligned slots among `ordered` (one tier's slots in TIME_ORDER
    /// order). A run of unaligned slots at either end of the tier falls back on the
    /// nearest aligned slot of the whole document.
    private func interpolate(_ ordered: [Int], neighbours: GlobalNeighbours) throws -> [Int: Int] {
        let slots = document.slots
        var result: [Int: Int] = [:]
        var k = 0
        while k < ordered.count {
            guard slots[ordered[k]].value == nil else {
                k += 1
                continue
            }
            let runStart = k
            while k < ordered.count && slots[ordered[k]].value == nil { k += 1 }
            let before = runStart > 0 ? slots[ordered[runStart - 1]].value : neighbours.before[ordered[runStart]]
            let after = k < ordered.count ? slots[ordered[k]].value : neighbours.after[ordered[k - 1]]
            for j in runStart..<k {
                switch (before, after) {
                case let (t0?, t1?):
                    result[ordered[j]] = Self.share(from: t0, to: t1, part: j - runStart + 1, of: k - runStart + 1)
                case let (t?, nil), let (nil, t?):
                    result[ordered[j]] = t
                case (nil, nil):
                    let slot = slots[ordered[j]]
                    throw error(at: slot.offset, "time slot \(slot.id) has no TIME_VALUE and no aligned time slot to interpolate it from")
                }
            }
        }
        return result
    }

    /// Nearest aligned value before and after each slot in TIME_ORDER.
    private struct GlobalNeighbours {
        var before: [Int?]
        var after: [Int?]

        init(_ slots: [EAFDocument.TimeSlot]) {
            before = Array(repeating: nil, count: slots.count)
            after = Array(repeating: nil, count: slots.count)
            var last: Int?
            for i in slots.indices {
                before[i] = last
                if let value = slots[i].value { last = value }
            }
            last = nil
            for i in slots.indices.reversed() {
                after[i] = last
                if let value = slots[i].value { last = value }
            }
        }
    }

    /// `from + (to - from) × part / parts`, exact in full width so that no input can
    /// overflow.
    static func share(from t0: Int, to t1: Int, part: Int, of parts: Int) -> Int {
        let product = (t1 - t0).multipliedFullWidth(by: part)
        return t0 + parts.dividingFullWidth(product).quotient
    }

    // MARK: - Reference annotations

    private func resolveReferences(annotationIndex: [String: Int], start: inout [Int], end: inout [Int],
                                   slotRank: inout [Int], chainPosition: inout [Int]) throws {
        let annotations = document.annotations
        var parent = [Int](repeating: -1, count: annotations.count)
        var partCount = [Int](repeating: 1, count: annotations.count)
        struct Siblings: Hashable { var tier: Int; var parent: Int }
        var families: [Siblings: [Int]] = [:]
        for (i, annotation) in annotations.enumerated() {
            guard case .reference(let parentID, _) = annotation.anchor else { continue }
            guard let p = annotationIndex[parentID] else {
                throw error(at: annotation.offset, "annotation \(annotation.id) refers to missing parent annotation \(parentID)")
            }
            parent[i] = p
            families[Siblings(tier: annotation.tier, parent: p), default: []].append(i)
        }
        for (family, members) in families where members.count > 1 || isSubdivision(tier: family.tier) {
            let order = isSubdivision(tier: family.tier) || constraint(ofTier: family.tier) == nil
                ? chainOrder(members) : members
            for (position, i) in order.enumerated() {
                chainPosition[i] = position
                partCount[i] = isDividing(tier: family.tier) ? order.count : 1
            }
        }

        // 0: not yet resolved, 1: on the path being resolved, 2: resolved.
        var state = [UInt8](repeating: 2, count: annotations.count)
        for i in annotations.indices where parent[i] >= 0 { state[i] = 0 }
        var path: [Int] = []
        for i in annotations.indices where state[i] == 0 {
            var current = i
            while state[current] != 2 {
                if state[current] == 1 {
                    let annotation = annotations[current]
                    throw error(at: annotation.offset, "reference annotation \(annotation.id) is its own ancestor (the ANNOTATION_REF chain loops)")
                }
                state[current] = 1
                path.append(current)
                current = parent[current]
            }
            while let child = path.popLast() {
                let p = parent[child]
                let parts = partCount[child]
                start[child] = parts > 1 ? Self.share(from: start[p], to: end[p], part: chainPosition[child], of: parts) : start[p]
                end[child] = parts > 1 ? Self.share(from: start[p], to: end[p], part: chainPosition[child] + 1, of: parts) : end[p]
                slotRank[child] = slotRank[p]
                state[child] = 2
            }
        }
    }

    /// Children ordered by their PREVIOUS_ANNOTATION links; a broken or looping chain
    /// leaves the rest in document order rather than losing them.
    private func chainOrder(_ members: [Int]) -> [Int] {
        let annotations = document.annotations
        var byPrevious: [String: Int] = [:]
        var ids = Set<String>()
        for i in members {
            ids.insert(annotations[i].id)
            if case .reference(_, let previous?) = annotations[i].anchor, byPrevious[previous] == nil {
                byPrevious[previous] = i
            }
        }
        var order: [Int] = []
        var placed = Set<Int>()
        for head in members {
            if case .reference(_, let previous?) = annotations[head].anchor, ids.contains(previous) { continue }
            var current: Int? = head
            while let i = current, !placed.contains(i) {
                placed.insert(i)
                order.append(i)
                current = byPrevious[annotations[i].id]
            }
        }
        order.append(contentsOf: members.filter { !placed.contains($0) })
        return order
    }

    private func constraint(ofTier tier: Int) -> String? {
        document.tiers[tier].linguisticType.flatMap { document.linguisticTypes[$0]?.constraint }
    }

    private func isSubdivision(tier: Int) -> Bool {
        constraint(ofTier: tier) == "Symbolic_Subdivision"
    }

    /// Whether children of one parent share its span out between them: on
    /// Symbolic_Subdivision tiers, and on tiers whose type is unknown but that give one
    /// parent several children (which only a subdivision can).
    private func isDividing(tier: Int) -> Bool {
        let constraint = constraint(ofTier: tier)
        return constraint == "Symbolic_Subdivision" || constraint == nil
    }

    // MARK: - Tiers and media

    private func kind(of tier: EAFDocument.Tier, type: EAFDocument.LinguisticType?) -> Tier.Kind {
        if let first = tier.annotations.first {
            return document.annotations[first].isReference ? .ref : .interval
        }
        if type?.timeAlignable == false || type?.constraint?.hasPrefix("Symbolic") == true { return .ref }
        return .interval
    }

    /// One entry per media descriptor: the relative URL as written (without a `file:`
    /// scheme), else the file name of the absolute URL, which usually points into
    /// someone else's computer.
    private func mediaReferences() -> [String] {
        var media: [String] = []
        for descriptor in document.media {
            if let relative = descriptor.relativeURL.map(MediaReference.relative), !relative.isEmpty {
                media.append(relative)
            } else if let name = descriptor.url.map(MediaReference.fileName), !name.isEmpty {
                media.append(name)
            }
        }
        if media.isEmpty, let name = document.headerMediaFile.map(MediaReference.fileName), !name.isEmpty {
            media.append(name)
        }
        return media
    }

    // MARK: - Errors

    private func index(_ ids: [String], offsets: [Int], what: String) throws -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() {
            if let first = index.updateValue(i, forKey: id) {
                throw error(at: offsets[i], "\(what) \(id) is used twice (first on line \(lineAt(offsets[first])))")
            }
        }
        return index
    }

    private func error(at offset: Int, _ reason: String) -> TranscriptError {
        TranscriptError(file: fileName, line: lineAt(offset), reason: reason)
    }
}
