import Kafka

extension KafkaConfiguration {
    /// The deposits consumer's settings, where `--kafka` did not set them.
    ///
    /// - `fetch.wait.max.ms` 20: the local broker answers an idle fetch only after this wait, so a
    ///   deposit is seen within tens of milliseconds (a real cluster's setting can be passed).
    /// - `queued.max.messages.kbytes` 32 MB: librdkafka fetches ahead up to this much per
    ///   consumer (64 MB by default), all of it resident while a backlog lasts. Measured on the
    ///   local broker: 64 MB put the worker's peak RSS past 300 MB with batches of 2,000 small
    ///   records (~340 MB); 16 MB kept it at ~255 MB but starved the worker of large records
    ///   (37 KB unixsd records: 808/s against 1,818/s at 64 MB, the fetcher refilling too little
    ///   too late); 32 MB: ~275–290 MB and 1,249/s.
    func forDepositConsumer() -> KafkaConfiguration {
        var settings = self
        let defaults = ["fetch.wait.max.ms": "20", "queued.max.messages.kbytes": "32768"]
        settings.overrides.merge(defaults) { given, _ in given }
        return settings
    }
}
