#ifndef DEPOSIT_INDEXER_CZLIB_SHIM_H
#define DEPOSIT_INDEXER_CZLIB_SHIM_H
#include <zlib.h>
#endif
