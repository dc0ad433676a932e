/// The evaluation over plain term rows, compiled here where the generic body is visible: the
/// alert matcher calls it hundreds of times per changed work, and the unspecialized generic
/// (protocol witnesses and a retain per row) costs several times more.
extension FilterPredicate {
    public func matches(termFacts: [TermFact], scalars: WorkScalars) -> Bool {
        matches(terms: termFacts, scalars: scalars)
    }
}
