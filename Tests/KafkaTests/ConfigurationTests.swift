import Kafka
import Testing

@Suite struct ConfigurationTests {
    @Test func parsesOverrides() throws {
        let config = try KafkaConfiguration(brokers: "b:9092", overrideStrings: ["linger.ms=20", "sasl.jaas.config=a=b"])
        #expect(config.overrides == ["linger.ms": "20", "sasl.jaas.config": "a=b"])
        for bad in ["nokey", "=value", "bad key=1"] {
            #expect(throws: KafkaError.invalidOverride(bad)) { try KafkaConfiguration.parseOverride(bad) }
        }
    }

    @Test func rejectsUnknownPropertiesWithLibrdkafkasReason() {
        let config = KafkaConfiguration(brokers: "127.0.0.1:1", overrides: ["no.such.property": "1"])
        #expect {
            _ = try KafkaProducer(configuration: config)
        } throws: { error in
            guard case KafkaError.configuration(let key, _, let reason) = error else { return false }
            return key == "no.such.property" && !reason.isEmpty
        }
    }
}
