import Kafka

extension KafkaConfiguration {
    /// The deposits consumer's settings, where `--kafka` did not set them.
    ///
    /// - `fetch.wait.max.ms` 20: the local broker answers an idle fetch only after this wait, so a
    ///   deposit is seen within tens of milliseconds (a real cluster's setting can be passed).
    /// - `queued.max.messages.kbytes` 40 MB: librdkafka fetches ahead up to this much per
    ///   consumer (64 MB by default), all of it resident while a backlog lasts; the fetcher refills
    ///   its buffer only so often, so a smaller one delivers fewer bytes per second. Drains on the
    ///   local broker (same sitting): 37 KB unixsd records 808/s at 16 MB, 1,245/s at 32 MB,
    ///   1,746–1,862/s at 48 MB, 1,807–1,900/s at 64 MB; the worker's peak RSS in the unixsd
    ///   bench's backlog run was 243 MB at 32 MB and 292 MB at 48 MB, too near the 300 MB target.
    func forDepositConsumer() -> KafkaConfiguration {
        var settings = self
        let defaults = ["fetch.wait.max.ms": "20", "queued.max.messages.kbytes": "40960"]
        settings.overrides.merge(defaults) { given, _ in given }
        return settings
    }
}

extension DeletedBeforeRead.Check {
    /// Deposits deleted unread are lost to the index until someone sends them again.
    public static let deposits = DeletedBeforeRead.Check(advice: "Publish those deposits again while a worker runs.")
}
