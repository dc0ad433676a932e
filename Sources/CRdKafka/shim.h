#ifndef DEPOSIT_INDEXER_CRDKAFKA_SHIM_H
#define DEPOSIT_INDEXER_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#endif
