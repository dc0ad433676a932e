#ifndef DEPOSIT_INDEXER_CLIBXML2_SHIM_H
#define DEPOSIT_INDEXER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 advertises ICU, whose headers break clean debug builds on `UErrorCode`;
// nothing here needs ICU, so hide it before any other libxml2 header is read.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>

// `xmlFree` is a mutable C global (a function pointer), which Swift 6 refuses to touch from
// concurrent code; a static inline function is an immutable entry point.
static inline void deposit_xml_free(void *p) { xmlFree(p); }
#endif
