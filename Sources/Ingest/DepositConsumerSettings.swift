import Kafka

extension KafkaConfiguration {
    /// The deposits consumer's settings, where `--kafka` did not set them.
    ///
    /// - `fetch.wait.max.ms` 20: the local broker answers an idle fetch only after this wait, so a
    ///   deposit is seen within tens of milliseconds (a real cluster's setting can be passed).
    /// - `queued.max.messages.kbytes` 16 MB: librdkafka fetches ahead up to this much per
    ///   consumer (64 MB by default), all of it resident while a backlog lasts. The pipeline takes
    ///   8 MB at most per batch, so 16 MB keeps the next batches ready at a quarter of the memory
    ///   (the worker's peak RSS on a 60,000-deposit backlog: ~270 → ~200 MB).
    func forDepositConsumer() -> KafkaConfiguration {
        var settings = self
        let defaults = ["fetch.wait.max.ms": "20", "queued.max.messages.kbytes": "16384"]
        settings.overrides.merge(defaults) { given, _ in given }
        return settings
    }
}
