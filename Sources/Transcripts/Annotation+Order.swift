extension Annotation {
    /// `annotations` by start, then end, keeping file order between equals. Most files
    /// are in order already and are returned as they are; otherwise only indices are
    /// sorted, so that no second copy of every annotation is made beside the result.
    static func inTimeOrder(_ annotations: [Annotation]) -> [Annotation] {
        let isOrdered = zip(annotations, annotations.dropFirst()).allSatisfy {
            ($0.startMs, $0.endMs) <= ($1.startMs, $1.endMs)
        }
        if isOrdered { return annotations }
        let order = annotations.indices.sorted {
            (annotations[$0].startMs, annotations[$0].endMs, $0) < (annotations[$1].startMs, annotations[$1].endMs, $1)
        }
        return order.map { annotations[$0] }
    }
}
